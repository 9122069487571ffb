/**
 * The resident server's side of the membership handshakes (server-server API "Joining
 * Rooms", "Leaving Rooms (Rejecting Invites)", "Knocking upon a room"): the event
 * template of `make_join` / `make_leave` / `make_knock`, and the checks and persisting
 * of the signed event of `send_join` / `send_leave` / `send_knock`.
 *
 * @module
 */
import { isValidEventId, isValidHistoricalUserId, isValidRoomId, MatrixError } from '@maxtryx/entity';
import {
  authEventIds,
  authEventTypesFor,
  checkEventAuth,
  checkEventAuthAgainstState,
  checkJoinAllowed,
  findJoinAuthorisers,
  isJsonObject,
  prevEventIds,
  stateKeyOf,
  type JsonObject,
  type RoomEvent,
} from '@maxtryx/federation-core';
import { toFederationPdu } from '../rooms/build-event.js';
import { serverOf, toRoomEvent } from '../rooms/room-events.js';
import type { RoomContext } from '../rooms/room-service.js';
import { loadStateEvents, resolveStates, type StateIds } from '../rooms/room-state.js';
import type { Services } from '../services.js';
import { addServerSignature } from './event-signatures.js';
import { PduCheckError, parseRoomPdu, verifyRoomPdu } from './received-pdu.js';
import { assertServerAllowedByAcl } from './server-acl.js';
import { badRequest, forbidden, notFound } from './wire-errors.js';

/** The membership a handshake is about. */
export type HandshakeMembership = 'join' | 'leave' | 'knock';

/** Whether this server is resident in the room: it knows the room and one of its users is joined. */
export async function isResidentIn(services: Services, roomId: string): Promise<boolean> {
  if (!isValidRoomId(roomId) || !(await services.rooms.context(roomId))) return false;
  return (await services.store.getServersInRoom(roomId)).includes(services.config.serverName);
}

/**
 * The room, if this server is resident in it and `origin` may use it:
 * `400 M_INVALID_PARAM` for a malformed room ID, `404 M_NOT_FOUND` for a room this
 * server does not know or has no joined user in, `403 M_FORBIDDEN` when the room's
 * server ACL denies `origin`.
 */
export async function requireResidentRoom(services: Services, roomId: string, origin: string): Promise<RoomContext> {
  if (!isValidRoomId(roomId)) throw badRequest('M_INVALID_PARAM', `not a room ID: ${roomId}`);
  const ctx = await services.rooms.context(roomId);
  if (!ctx || !(await isResidentIn(services, roomId))) throw notFound(`unknown room ${roomId}`);
  await assertServerAllowedByAcl(services, roomId, origin);
  return ctx;
}

/**
 * Whether a user is joined to a room, as far as this server can tell: undefined for a
 * room it does not know (a restricted-join condition it cannot check).
 */
async function isJoinedToRoom(services: Services, roomId: string, userId: string): Promise<boolean | undefined> {
  if (!isValidRoomId(roomId) || !(await services.rooms.context(roomId))) return undefined;
  return (await services.store.getMembership(roomId, userId))?.membership === 'join';
}

/**
 * The join policy of the resident server: the join rules, and for restricted rooms
 * the allow conditions. Returns the local user who authorises a restricted join.
 *
 * @throws {MatrixError} `403 M_FORBIDDEN`, `400 M_UNABLE_TO_AUTHORISE_JOIN` or
 *   `400 M_UNABLE_TO_GRANT_JOIN` (server-server API "Restricted rooms").
 */
export async function checkJoinPolicy(services: Services, ctx: RoomContext, userId: string): Promise<string | undefined> {
  const state = await loadStateEvents(services.store, ctx.currentState);
  const conditions = new Map<string, boolean | undefined>();
  const joinRules = state.get(stateKeyOf('m.room.join_rules', ''))?.content;
  for (const c of Array.isArray(joinRules?.allow) ? joinRules.allow.slice(0, 50) : []) {
    if (isJsonObject(c) && typeof c.room_id === 'string') conditions.set(c.room_id, await isJoinedToRoom(services, c.room_id, userId));
  }
  const decision = checkJoinAllowed({ state, roomVersion: ctx.roomVersion, userId, isJoinedToRoom: (id) => conditions.get(id) });
  if (!decision.allowed) throw new MatrixError(decision.errcode, decision.reason, { httpStatus: decision.errcode === 'M_FORBIDDEN' ? 403 : 400 });
  if (decision.via !== 'restricted') return undefined;
  const [authoriser] = findJoinAuthorisers(state, ctx.roomVersion, { serverName: services.config.serverName });
  // "M_UNABLE_TO_GRANT_JOIN ... the resident server would be unable to meet the auth rules
  // governing join_authorised_via_users_server".
  if (!authoriser) throw badRequest('M_UNABLE_TO_GRANT_JOIN', 'no user of this server can authorise the join; try another server');
  return authoriser;
}

/**
 * The event template of `make_join`, `make_leave` or `make_knock` for `userId`, who
 * must be a user of `origin`. `supportedVersions` is the `ver` query parameter (for
 * joins it defaults to `["1"]`; knocks require it; leaves have none).
 */
export async function makeMembershipTemplate(
  services: Services,
  origin: string,
  membership: HandshakeMembership,
  roomId: string,
  userId: string,
  supportedVersions: readonly string[] | undefined,
): Promise<{ room_version: string; event: JsonObject }> {
  if (!isValidHistoricalUserId(userId)) throw badRequest('M_INVALID_PARAM', `not a user ID: ${userId}`);
  // "The user ID the ... event will be for. This MUST be a user ID on the origin server."
  if (serverOf(userId) !== origin) throw forbidden(`${userId} is not a user of ${origin}`);
  const ctx = await requireResidentRoom(services, roomId, origin);
  const rv = ctx.roomVersion;
  if (membership === 'knock' && supportedVersions === undefined) throw badRequest('M_MISSING_PARAM', 'ver is required');
  if (membership !== 'leave') {
    // "the room ... has a version that is not listed in the ver parameters": 400 M_INCOMPATIBLE_ROOM_VERSION.
    const versions = supportedVersions ?? ['1'];
    if (!versions.includes(rv.id)) {
      throw badRequest('M_INCOMPATIBLE_ROOM_VERSION', `the room's version ${rv.id} is not among the versions your server supports`, {
        room_version: rv.id,
      });
    }
  }
  const content: JsonObject = { membership };
  if (membership === 'join') {
    const authoriser = await checkJoinPolicy(services, ctx, userId);
    if (authoriser) content.join_authorised_via_users_server = authoriser;
  }
  const built = await services.rooms.mutex.run(roomId, async () =>
    // buildLocked authorises the event against the current state: 403 M_FORBIDDEN otherwise.
    services.rooms.buildLocked(await services.rooms.requireContext(roomId), {
      type: 'm.room.member',
      sender: userId,
      state_key: userId,
      content,
    }),
  );
  // The template: the event without hashes, signatures and event ID, which the joining
  // server adds; `origin` is the resident server ("The name of the resident homeserver").
  const event: JsonObject = {
    room_id: roomId,
    type: 'm.room.member',
    state_key: userId,
    sender: userId,
    content: built.content,
    depth: built.depth,
    prev_events: built.prev_events as never,
    auth_events: built.auth_events as never,
    origin: services.config.serverName,
    origin_server_ts: built.origin_server_ts,
  };
  return { room_version: rv.id, event };
}

/** A membership event accepted by the resident server. */
export interface AcceptedMembership {
  readonly ctx: RoomContext;
  /** The event as persisted (with this server's signature for a restricted join it authorised). */
  readonly event: RoomEvent;
  /** The room state before the event. */
  readonly stateBefore: StateIds;
  /** Whether this server signed the event (restricted join through one of its users). */
  readonly signedByUs: boolean;
}

function invalid(message: string): MatrixError {
  return badRequest('M_INVALID_PARAM', message);
}

/**
 * `send_join`, `send_leave`, `send_knock`: checks the signed event sent by `origin`,
 * then, with the room lock held, authorises it (its auth events, the state before it,
 * the current state), persists it, and sends it to the other servers in the room.
 * A retried request for an event already accepted answers again without change.
 *
 * Checks: a valid event of the room version for this room whose event ID is the one in
 * the path; type `m.room.member`, the expected membership, `state_key` equal to
 * `sender`, the sender a user of `origin` (400 `M_INVALID_PARAM`); valid signatures
 * and content hash (400 `M_INVALID_PARAM`); authorised (403 `M_FORBIDDEN`).
 */
export async function acceptMembershipEvent(
  services: Services,
  origin: string,
  membership: HandshakeMembership,
  roomId: string,
  eventId: string,
  body: unknown,
): Promise<AcceptedMembership> {
  const { store, config } = services;
  if (!isValidEventId(eventId)) throw invalid(`not an event ID: ${eventId}`);
  const ctx = await requireResidentRoom(services, roomId, origin);
  const rv = ctx.roomVersion;
  if (!isJsonObject(body)) throw badRequest('M_BAD_JSON', 'the body must be the signed event');
  // The checks the spec lists for /send_join, /send_leave and /send_knock.
  if (body.type !== 'm.room.member') throw invalid('the event type is not m.room.member');
  if (!isJsonObject(body.content) || body.content.membership !== membership) throw invalid(`the membership is not ${membership}`);
  if (typeof body.sender !== 'string' || !isValidHistoricalUserId(body.sender)) throw invalid('the sender is not a user ID');
  if (serverOf(body.sender) !== origin) throw invalid(`the sender ${body.sender} is not a user of ${origin}`);
  if (body.state_key !== body.sender) throw invalid('the state_key is not the sender');
  let event: RoomEvent;
  try {
    event = parseRoomPdu(body, rv, roomId);
  } catch (err) {
    throw invalid((err as Error).message);
  }
  if (event.event_id !== eventId) throw invalid(`the event's ID is ${event.event_id}, not ${eventId}`);

  // Restricted joins: "The resident server which owns the provided user ID must have a
  // valid signature on the event ... added before sending or persisting the event".
  const authoriser = membership === 'join' && rv.restrictedJoinRule ? event.content.join_authorised_via_users_server : undefined;
  const signedByUs = typeof authoriser === 'string' && serverOf(authoriser) === config.serverName;
  if (signedByUs) {
    const { event_id: _id, ...pdu } = event;
    event = { ...addServerSignature(pdu as JsonObject, rv, config.serverName, services.keyRing.signingKey), event_id: eventId } as RoomEvent;
  }
  try {
    // "The join event fails a signature check": 400. A bad content hash is refused too:
    // the resident would otherwise persist a redacted membership event.
    const verified = await verifyRoomPdu(event, rv, services.keyRing.lookup);
    if (!verified.hashOk) throw invalid('the content hash does not match');
  } catch (err) {
    if (err instanceof PduCheckError) throw invalid(err.message);
    throw err;
  }

  return services.rooms.mutex.run(roomId, async () => {
    const current = await services.rooms.requireContext(roomId);
    const existing = await store.getEvent(eventId);
    if (existing?.status === 'accepted') {
      // A retried send_*: the event is already in the room.
      return { ctx: current, event: toRoomEvent(existing), stateBefore: (await store.getStateBefore(roomId, eventId)) ?? new Map(), signedByUs };
    }
    if (existing?.status === 'rejected') throw forbidden(`event ${eventId} was rejected: ${existing.rejectionReason ?? ''}`);
    if (membership === 'join') await checkJoinPolicy(services, current, event.sender);

    // The state before the event: the state after each prev event, resolved.
    const sets: StateIds[] = [];
    for (const prev of prevEventIds(event)) {
      const after = await store.getStateAfter(roomId, prev);
      if (!after) throw invalid(`unknown prev_event ${prev}`);
      sets.push(after);
    }
    if (sets.length === 0) throw invalid('the event has no prev_events');
    const stateBefore = await resolveStates(store, roomId, rv, sets);

    const options = { createEvent: current.createEvent, isSignedBy: () => true };
    // 4. Authorised by its auth events.
    const authStored = await store.getEvents(authEventIds(event));
    if (authStored.length !== new Set(authEventIds(event)).size || authStored.some((e) => e.roomId !== roomId || e.status === 'rejected')) {
      throw invalid('unknown or rejected auth_events');
    }
    const byAuth = checkEventAuth(event, [...authStored.map(toRoomEvent), current.createEvent], rv, options);
    if (!byAuth.allowed) throw forbidden(`not authorised by its auth events: ${byAuth.reason}`);
    // 5. Authorised by the state before it.
    const keys = authEventTypesFor(event, rv).map((t) => stateKeyOf(t.type, t.stateKey));
    const byState = checkEventAuthAgainstState(event, await loadStateEvents(store, stateBefore, keys), rv, options);
    if (!byState.allowed) throw forbidden(`not authorised by the state before it: ${byState.reason}`);
    // 6. Authorised by the current state: a resident refuses what it would soft-fail.
    const byCurrent = checkEventAuthAgainstState(event, await loadStateEvents(store, current.currentState, keys), rv, options);
    if (!byCurrent.allowed) throw forbidden(`not authorised by the current state: ${byCurrent.reason}`);

    const serversBefore = await store.getServersInRoom(roomId);
    await services.rooms.persistLocked(roomId, rv, event, 'accepted', stateBefore);
    // "The resident server must also send the event to other servers participating in the room."
    const destinations = new Set([...serversBefore, ...(await store.getServersInRoom(roomId))]);
    destinations.delete(origin);
    destinations.delete(config.serverName);
    if (destinations.size > 0) services.sender.sendPdu(destinations, toFederationPdu(event, rv));
    services.logger.info('membership accepted over federation', { roomId, eventId, membership, origin });
    return { ctx: current, event, stateBefore, signedByUs };
  });
}

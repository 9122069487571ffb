/**
 * Joining a room this server is not in (server-server API "Joining Rooms", the joining
 * server's side): resolve the alias, `make_join` to a resident (each candidate in
 * turn), sign the join event, `send_join` (v2, else v1), verify the returned state
 * and auth chain, then store the auth chain and state as outliers and the join event
 * as accepted, with the returned state as the state before it and state + join as
 * the room's current state.
 *
 * `joinRoom` is the entry point of the client API's `POST /join`: a local join when
 * this server is in the room, a remote join otherwise.
 *
 * @module
 */
import { isValidRoomAlias, isValidRoomId, MatrixError, sendJoinResponseSchema } from '@maxtryx/entity';
import { computeEventId, type JsonObject, type RoomEvent, type RoomVersion } from '@maxtryx/federation-core';
import type { EventInput } from '@maxtryx/storage-adapters';
import { toFederationPdu } from '../rooms/build-event.js';
import { serverOf } from '../rooms/room-events.js';
import { stateAfter, stateChange } from '../rooms/room-state.js';
import type { Services } from '../services.js';
import { verifyJoinState, type VerifiedJoinState } from './join-state.js';
import { HandshakeError, prepareMembershipEvent, sendMembershipEvent, tryServers } from './membership-handshake.js';
import { PduCheckError, verifyRoomPdu } from './received-pdu.js';
import { checkJoinPolicy, isResidentIn } from './resident-membership.js';
import { resolveRoomAlias } from './resolve-alias.js';

/** The outcome of a join. */
export interface JoinResult {
  readonly roomId: string;
  /** The join event. */
  readonly eventId: string;
  /** The resident server that helped, or undefined for a local join. */
  readonly via: string | undefined;
}

/** The room ID and the candidate residents of a room ID or alias. */
async function resolveTarget(services: Services, roomIdOrAlias: string, serverNames: readonly string[]): Promise<{ roomId: string; servers: string[] }> {
  if (isValidRoomAlias(roomIdOrAlias)) {
    const resolved = await resolveRoomAlias(services, roomIdOrAlias);
    return { roomId: resolved.roomId, servers: [...serverNames, ...resolved.servers, serverOf(roomIdOrAlias)] };
  }
  if (!isValidRoomId(roomIdOrAlias)) throw new MatrixError('M_INVALID_PARAM', `not a room ID or alias: ${roomIdOrAlias}`, { httpStatus: 400 });
  const servers = [...serverNames];
  // Room IDs before v12 name the server that created the room.
  if (roomIdOrAlias.includes(':')) servers.push(serverOf(roomIdOrAlias));
  return { roomId: roomIdOrAlias, servers };
}

/** The inviter's server when the user holds an invite to the room. */
async function inviterServer(services: Services, roomId: string, userId: string): Promise<string | undefined> {
  const membership = await services.store.getMembership(roomId, userId);
  if (membership?.membership !== 'invite' && membership?.membership !== 'knock') return undefined;
  const event = await services.store.getEvent(membership.eventId);
  return event ? serverOf(event.sender) : undefined;
}

/**
 * Joins `userId` (a local user) to a room this server is not in, through one of
 * `serverNames` (then the alias's servers, then the room ID's server).
 *
 * @throws {MatrixError} the resident's 4xx error, `404 M_NOT_FOUND` when no server can
 *   be asked, `502` when no resident gave a usable answer.
 */
export async function joinRemoteRoom(
  services: Services,
  roomIdOrAlias: string,
  userId: string,
  serverNames: readonly string[],
  content: JsonObject = {},
): Promise<JoinResult> {
  const { roomId, servers } = await resolveTarget(services, roomIdOrAlias, serverNames);
  const inviter = await inviterServer(services, roomId, userId);
  const candidates = inviter ? [inviter, ...servers] : servers;
  return tryServers(services, candidates, `joining ${roomId}`, async (server) => {
    const prepared = await prepareMembershipEvent(services, server, 'join', roomId, userId, content);
    const rv = prepared.roomVersion;
    const answer = sendJoinResponseSchema.safeParse(await sendMembershipEvent(services, prepared, 'join'));
    if (!answer.success) throw new HandshakeError(`${server} sent a malformed send_join answer`);
    // The resident's copy of the join, when it signed it (restricted rooms), replaces ours.
    let join: RoomEvent = prepared.event;
    if (answer.data.event !== undefined) {
      let id: string | undefined;
      try {
        id = computeEventId(answer.data.event, rv);
      } catch {
        id = undefined;
      }
      if (id !== join.event_id) throw new HandshakeError(`${server} returned another join event`);
      join = { ...(answer.data.event as unknown as RoomEvent), event_id: join.event_id };
    }
    try {
      // The join must carry every signature it needs (the authorising resident's for a restricted join).
      await verifyRoomPdu(join, rv, services.keyRing.lookup);
      const verified = await verifyJoinState(services, rv, roomId, answer.data.state, answer.data.auth_chain, join);
      await persistJoin(services, rv, roomId, join, verified);
    } catch (err) {
      if (err instanceof PduCheckError) throw new HandshakeError(`${server}'s send_join answer cannot be trusted: ${err.message}`);
      throw err;
    }
    services.logger.info('joined a remote room', { roomId, userId, via: server, eventId: join.event_id });
    return { roomId, eventId: join.event_id, via: server };
  });
}

/** Stores the checked state and auth chain as outliers (rejected ones as rejected) and the join as accepted, atomically. */
async function persistJoin(services: Services, rv: RoomVersion, roomId: string, join: RoomEvent, verified: VerifiedJoinState): Promise<void> {
  const { store } = services;
  await services.rooms.mutex.run(roomId, async () => {
    const batch: EventInput[] = [];
    for (const [id, event] of verified.events) {
      const reason = verified.rejected.get(id);
      batch.push({
        roomVersion: rv.id,
        eventId: id,
        pdu: toFederationPdu(event, rv) as never,
        status: reason === undefined ? 'outlier' : 'rejected',
        ...(reason === undefined ? {} : { rejectionReason: reason }),
      });
    }
    batch.push({ roomVersion: rv.id, eventId: join.event_id, pdu: toFederationPdu(join, rv) as never, status: 'accepted', stateBefore: verified.state });
    const oldCurrent = await store.getCurrentState(roomId);
    const change = stateChange(oldCurrent, stateAfter(verified.state, join));
    await store.putEvents(batch, { currentState: [{ roomId, set: change.set, remove: change.remove }] });
  });
}

/**
 * The client API's join: through a local join event when this server is in the room
 * (with the join rules checked, and for a restricted room one of our users as the
 * authoriser), else through {@link joinRemoteRoom}.
 */
export async function joinRoom(
  services: Services,
  roomIdOrAlias: string,
  userId: string,
  serverNames: readonly string[] = [],
  content: JsonObject = {},
): Promise<JoinResult> {
  const roomId = isValidRoomAlias(roomIdOrAlias) && serverOf(roomIdOrAlias) === services.config.serverName
    ? (await resolveRoomAlias(services, roomIdOrAlias)).roomId
    : roomIdOrAlias;
  const ctx = isValidRoomId(roomId) ? await services.rooms.context(roomId) : undefined;
  if (ctx && (await isResidentIn(services, roomId))) {
    const authoriser = await checkJoinPolicy(services, ctx, userId);
    const event = await services.rooms.sendLocal(roomId, {
      type: 'm.room.member',
      sender: userId,
      state_key: userId,
      content: { ...content, membership: 'join', ...(authoriser ? { join_authorised_via_users_server: authoriser } : {}) },
    });
    return { roomId, eventId: event.event_id, via: undefined };
  }
  return joinRemoteRoom(services, roomIdOrAlias, userId, serverNames, content);
}

/**
 * The invited server's side of "Inviting to a room": `PUT /_matrix/federation/v2/invite`
 * and the deprecated v1. The invite is checked, signed and returned; for a room this
 * server is not resident in (none of its users joined), it is stored as an outlier (with the room's stripped state in
 * `unsigned.invite_room_state`) and filed as the user's membership in the room's
 * current state, so that `store.getMembership(roomId, userId)` and
 * `store.getRoomsForUser(userId, 'invite')` show it to the client API; then
 * `services.ephemeral.notify()` wakes `/sync`.
 *
 * @module
 */
import { isValidEventId, isValidHistoricalUserId, isValidRoomId } from '@maxtryx/entity';
import {
  getRoomVersion,
  isJsonObject,
  isSupportedRoomVersion,
  stateKeyOf,
  type JsonObject,
  type RoomEvent,
  type RoomVersion,
} from '@maxtryx/federation-core';
import type { Router } from '../http/router.js';
import { toFederationPdu } from '../rooms/build-event.js';
import { serverOf } from '../rooms/room-events.js';
import type { Services } from '../services.js';
import { authenticateServer } from './authenticate.js';
import { addServerSignature } from './event-signatures.js';
import { PduCheckError, parseRoomPdu, verifyRoomPdu } from './received-pdu.js';
import { isResidentIn } from './resident-membership.js';
import { assertServerAllowedByAcl } from './server-acl.js';
import { stripEvents } from './stripped-state.js';
import { badRequest, forbidden } from './wire-errors.js';

/** The most entries of `invite_room_state` looked at. */
const MAX_INVITE_ROOM_STATE = 50;

function invalid(message: string) {
  return badRequest('M_INVALID_PARAM', message);
}

/**
 * Checks `invite_room_state`: entries formatted for the room version, of the invite's
 * room, validly signed, including `m.room.create` of the same room version. For room
 * version 12 and later a failure refuses the invite (the spec's SHOULD); for versions
 * 1 to 11 a bad entry is left out with a warning (the spec's migration advice).
 */
async function checkInviteRoomState(services: Services, rv: RoomVersion, roomId: string, entries: unknown[]): Promise<JsonObject[]> {
  const strict = rv.roomIdIsCreateEventHash;
  const kept: JsonObject[] = [];
  const problem = (message: string) => {
    if (strict) throw invalid(`invite_room_state: ${message}`);
    services.logger.warn('invite_room_state entry left out', { roomId, problem: message });
  };
  for (const raw of entries.slice(0, MAX_INVITE_ROOM_STATE)) {
    try {
      const event = parseRoomPdu(raw, rv, roomId);
      const { event: verified, hashOk } = await verifyRoomPdu(event, rv, services.keyRing.lookup);
      if (!hashOk) throw new PduCheckError(`content hash of ${event.event_id} does not match`);
      kept.push(toFederationPdu(verified, rv));
    } catch (err) {
      if (!(err instanceof PduCheckError)) throw err;
      problem(err.message);
    }
  }
  const create = kept.find((e) => e.type === 'm.room.create' && e.state_key === '');
  if (!create) problem('the m.room.create event is missing');
  else {
    const content = isJsonObject(create.content) ? create.content : {};
    const version = typeof content.room_version === 'string' ? content.room_version : '1';
    // A create event of another room version than the one announced is a lie about the room.
    if (version !== rv.id) throw invalid(`invite_room_state: the room's version is ${version}, not ${rv.id}`);
  }
  return kept;
}

/**
 * Handles an invite from `origin`: the checks the spec lists (a valid invite event of
 * the room version, sent by a user of `origin`, for a user of this server, validly
 * signed), the invitee must exist, the room's server ACL (when this server knows the
 * room) must allow `origin`. Returns the event with this server's signature added.
 */
export async function receiveInvite(
  services: Services,
  origin: string,
  roomId: string,
  eventId: string,
  roomVersionId: unknown,
  rawEvent: unknown,
  inviteRoomState: unknown,
): Promise<JsonObject> {
  const { store, config } = services;
  if (!isValidRoomId(roomId)) throw invalid(`not a room ID: ${roomId}`);
  if (!isValidEventId(eventId)) throw invalid(`not an event ID: ${eventId}`);
  if (typeof roomVersionId !== 'string') throw badRequest('M_BAD_JSON', 'room_version must be a string');
  if (!isSupportedRoomVersion(roomVersionId)) {
    throw badRequest('M_INCOMPATIBLE_ROOM_VERSION', `room version ${roomVersionId} is not supported`, { room_version: roomVersionId });
  }
  const rv = getRoomVersion(roomVersionId);
  if (!isJsonObject(rawEvent)) throw badRequest('M_BAD_JSON', 'event must be an object');
  if (rawEvent.type !== 'm.room.member') throw invalid('the event type is not m.room.member');
  if (!isJsonObject(rawEvent.content) || rawEvent.content.membership !== 'invite') throw invalid('the membership is not invite');
  if (typeof rawEvent.sender !== 'string' || !isValidHistoricalUserId(rawEvent.sender) || serverOf(rawEvent.sender) !== origin) {
    throw invalid(`the sender is not a user of ${origin}`);
  }
  const invitee = rawEvent.state_key;
  if (typeof invitee !== 'string' || !isValidHistoricalUserId(invitee) || serverOf(invitee) !== config.serverName) {
    throw invalid(`the state_key is not a user of ${config.serverName}`);
  }
  let event: RoomEvent;
  try {
    event = parseRoomPdu(rawEvent, rv, roomId);
    if (event.event_id !== eventId) throw new PduCheckError(`the event's ID is ${event.event_id}, not ${eventId}`);
    const { hashOk } = await verifyRoomPdu(event, rv, services.keyRing.lookup);
    if (!hashOk) throw new PduCheckError('the content hash does not match');
  } catch (err) {
    if (err instanceof PduCheckError) throw invalid(err.message);
    throw err;
  }
  const user = await store.getUser(invitee);
  if (!user || user.deactivated) throw forbidden(`no such user ${invitee}`);
  const known = await services.rooms.context(roomId);
  if (known) await assertServerAllowedByAcl(services, roomId, origin);
  const roomState = Array.isArray(inviteRoomState) ? await checkInviteRoomState(services, rv, roomId, inviteRoomState) : [];
  if (!Array.isArray(inviteRoomState) && rv.roomIdIsCreateEventHash) throw invalid('invite_room_state is missing');

  const signed = addServerSignature(toFederationPdu(event, rv), rv, config.serverName, services.keyRing.signingKey);
  await services.rooms.mutex.run(roomId, async () => {
    // A room this server is resident in gets the invite again in a transaction, as a room event.
    if (await isResidentIn(services, roomId)) return;
    const unsigned = { ...(isJsonObject(signed.unsigned) ? signed.unsigned : {}), invite_room_state: stripEvents(roomState) };
    const stored = { ...signed, unsigned } as never;
    const key = stateKeyOf('m.room.member', invitee);
    await store.putEvents([{ roomVersion: rv.id, eventId, pdu: stored, status: 'outlier' }], {
      currentState: [{ roomId, set: new Map([[key, eventId]]) }],
    });
  });
  services.ephemeral.notify();
  services.logger.info('invite received over federation', { roomId, eventId, invitee, origin });
  return signed;
}

/** Registers `PUT /invite` v1 and v2. */
export function registerInviteRoutes(router: Router, services: Services): void {
  // PUT /_matrix/federation/v2/invite/{roomId}/{eventId}: sign and return the invite.
  router.on('PUT', '/_matrix/federation/v2/invite/:roomId/:eventId', async (ctx) => {
    const { origin, body } = await authenticateServer(ctx, services);
    if (!isJsonObject(body)) throw badRequest('M_BAD_JSON', 'the body must be an object');
    if (body.room_version === undefined) throw badRequest('M_MISSING_PARAM', 'room_version is required');
    if (body.event === undefined) throw badRequest('M_MISSING_PARAM', 'event is required');
    if (body.invite_room_state !== undefined && !Array.isArray(body.invite_room_state)) {
      throw badRequest('M_BAD_JSON', 'invite_room_state must be an array');
    }
    const event = await receiveInvite(services, origin, ctx.params.roomId!, ctx.params.eventId!, body.room_version, body.event, body.invite_room_state);
    return { status: 200, body: { event } };
  });

  // PUT /_matrix/federation/v1/invite/{roomId}/{eventId} (deprecated): "must assume that
  // the room version is either 1 or 2"; the room state rides in `unsigned`; answer `[200, { event }]`.
  router.on('PUT', '/_matrix/federation/v1/invite/:roomId/:eventId', async (ctx) => {
    const { origin, body } = await authenticateServer(ctx, services);
    if (!isJsonObject(body)) throw badRequest('M_BAD_JSON', 'the body must be the invite event');
    const unsigned = isJsonObject(body.unsigned) ? body.unsigned : {};
    const state = Array.isArray(unsigned.invite_room_state) ? unsigned.invite_room_state : undefined;
    const create = state?.find((e) => isJsonObject(e) && e.type === 'm.room.create');
    const announced = isJsonObject(create) && isJsonObject(create.content) ? create.content.room_version : undefined;
    const version = announced === '2' ? '2' : '1';
    const event = await receiveInvite(services, origin, ctx.params.roomId!, ctx.params.eventId!, version, body, state);
    return { status: 200, body: [200, { event }] };
  });
}

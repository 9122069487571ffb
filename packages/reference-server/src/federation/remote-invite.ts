/**
 * Inviting a user of another server (server-server API "Inviting to a room", the
 * inviting server's side): build and authorise the invite, `PUT /invite` (v2; v1 for
 * rooms of version 1 or 2 whose invitee does not know v2) to the invitee's server with
 * the room's stripped state, check the returned event (the same event, now also signed
 * by the invitee's server), then persist it and send it to the servers in the room
 * and the invitee's server.
 *
 * @module
 */
import { isValidHistoricalUserId, MatrixError } from '@maxtryx/entity';
import {
  authEventTypesFor,
  checkEventAuthAgainstState,
  computeEventId,
  isJsonObject,
  stateKeyOf,
  type JsonObject,
  type RoomEvent,
} from '@maxtryx/federation-core';
import { toFederationPdu } from '../rooms/build-event.js';
import { serverOf } from '../rooms/room-events.js';
import { loadStateEvents } from '../rooms/room-state.js';
import type { Services } from '../services.js';
import { FederationRequestError, remoteFailureToMatrixError } from './client.js';
import { hasValidServerSignature } from './event-signatures.js';
import { PduCheckError, verifyRoomPdu } from './received-pdu.js';
import { strippedStatePdus } from './stripped-state.js';

function badAnswer(server: string, why: string): MatrixError {
  return new MatrixError('M_UNKNOWN', `${server} answered the invite wrongly: ${why}`, { httpStatus: 502 });
}

/**
 * Invites `invitee` (a user of another server) to `roomId` on behalf of `inviter`.
 * `403 M_FORBIDDEN` when the auth rules forbid it; the invitee server's 4xx errors are
 * passed through; a malformed answer is a 502. Returns the persisted invite.
 */
export async function inviteRemoteUser(
  services: Services,
  roomId: string,
  inviter: string,
  invitee: string,
  content: JsonObject = {},
): Promise<RoomEvent> {
  const { store, config } = services;
  if (!isValidHistoricalUserId(invitee)) throw new MatrixError('M_INVALID_PARAM', `not a user ID: ${invitee}`, { httpStatus: 400 });
  const server = serverOf(invitee);
  if (server === config.serverName) throw new MatrixError('M_INVALID_PARAM', `${invitee} is a local user`, { httpStatus: 400 });

  // Build and authorise with the room lock held; the remote call is made without it.
  const built = await services.rooms.mutex.run(roomId, async () => {
    const ctx = await services.rooms.requireContext(roomId);
    const event = await services.rooms.buildLocked(ctx, {
      type: 'm.room.member',
      sender: inviter,
      state_key: invitee,
      content: { ...content, membership: 'invite' },
    });
    const roomState = await strippedStatePdus(store, ctx.currentState, [stateKeyOf('m.room.member', inviter)]);
    return { ctx, event, roomState };
  });
  const { ctx, event, roomState } = built;
  const rv = ctx.roomVersion;
  const pdu = toFederationPdu(event, rv);
  const tail = `${encodeURIComponent(roomId)}/${encodeURIComponent(event.event_id)}`;

  let returned: unknown;
  try {
    const answer = await services.federation.request(server, 'PUT', `/_matrix/federation/v2/invite/${tail}`, {
      room_version: rv.id,
      event: pdu,
      invite_room_state: roomState,
    });
    returned = isJsonObject(answer) ? answer.event : undefined;
  } catch (err) {
    // "Senders which receive a 400 or 404 response to this endpoint should retry using the
    // v1 API as the server may be older, if the room version is 1 or 2."
    const older = err instanceof FederationRequestError && (err.status === 400 || err.status === 404) && err.errcode === 'M_UNRECOGNIZED';
    if (!older || rv.eventFormat !== 'v1') throw remoteFailureToMatrixError(err, `inviting ${invitee}`);
    try {
      const answer = await services.federation.request(server, 'PUT', `/_matrix/federation/v1/invite/${tail}`, {
        ...pdu,
        unsigned: { ...(isJsonObject(pdu.unsigned) ? pdu.unsigned : {}), invite_room_state: roomState },
      });
      returned = Array.isArray(answer) && answer[0] === 200 && isJsonObject(answer[1]) ? answer[1].event : undefined;
    } catch (err1) {
      throw remoteFailureToMatrixError(err1, `inviting ${invitee}`);
    }
  }

  // The answer must be our event, unchanged but for the invitee server's signature.
  if (!isJsonObject(returned)) throw badAnswer(server, 'no event');
  let id: string;
  try {
    id = computeEventId(returned, rv);
  } catch (err) {
    throw badAnswer(server, (err as Error).message);
  }
  if (id !== event.event_id) throw badAnswer(server, 'the event was changed');
  const { unsigned: _unsigned, ...withoutUnsigned } = returned;
  const signed = { ...withoutUnsigned, event_id: id } as RoomEvent;
  try {
    const verified = await verifyRoomPdu(signed, rv, services.keyRing.lookup);
    if (!verified.hashOk) throw badAnswer(server, 'the content hash does not match');
  } catch (err) {
    if (err instanceof PduCheckError) throw badAnswer(server, err.message);
    throw err;
  }
  if (!(await hasValidServerSignature(signed as unknown as JsonObject, rv, server, services.keyRing.lookup))) throw badAnswer(server, `no valid signature of ${server}`);

  return services.rooms.mutex.run(roomId, async () => {
    if (await store.getEvent(id)) return signed;
    // The room may have moved during the call: the invite must still pass the current state.
    const current = await services.rooms.requireContext(roomId);
    const keys = authEventTypesFor(signed, rv).map((t) => stateKeyOf(t.type, t.stateKey));
    const check = checkEventAuthAgainstState(signed, await loadStateEvents(store, current.currentState, keys), rv, {
      createEvent: current.createEvent,
      isSignedBy: () => true,
    });
    if (!check.allowed) throw new MatrixError('M_FORBIDDEN', check.reason, { httpStatus: 403 });
    await services.rooms.persistLocked(roomId, rv, signed, 'accepted', ctx.currentState);
    await services.rooms.fanOut(roomId, rv, signed);
    services.logger.info('invited a remote user', { roomId, invitee, eventId: id });
    return signed;
  });
}

/**
 * The client API's invite: a local invite event for a user of this server, else
 * {@link inviteRemoteUser}.
 */
export async function inviteUser(services: Services, roomId: string, inviter: string, invitee: string, content: JsonObject = {}): Promise<RoomEvent> {
  if (isValidHistoricalUserId(invitee) && serverOf(invitee) !== services.config.serverName) {
    return inviteRemoteUser(services, roomId, inviter, invitee, content);
  }
  return services.rooms.sendLocal(roomId, { type: 'm.room.member', sender: inviter, state_key: invitee, content: { ...content, membership: 'invite' } });
}

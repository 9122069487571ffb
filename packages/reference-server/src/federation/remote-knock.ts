/**
 * Knocking on a room this server is not in (server-server API "Knocking upon a room",
 * the knocking server's side): `make_knock` / `send_knock` through a resident. The
 * knock event is stored as an outlier with the answered `knock_room_state` (stripped)
 * in `unsigned`, and filed as the user's membership.
 *
 * @module
 */
import { isValidRoomAlias, isValidRoomId, MatrixError, sendKnockResponseSchema } from '@maxtryx/entity';
import { stateKeyOf, type JsonObject } from '@maxtryx/federation-core';
import { toFederationPdu } from '../rooms/build-event.js';
import { serverOf } from '../rooms/room-events.js';
import type { Services } from '../services.js';
import { HandshakeError, prepareMembershipEvent, sendMembershipEvent, tryServers } from './membership-handshake.js';
import { PduCheckError, parseRoomPdu } from './received-pdu.js';
import { resolveRoomAlias } from './resolve-alias.js';
import { stripEvents } from './stripped-state.js';

/** The most `knock_room_state` entries kept. */
const MAX_KNOCK_ROOM_STATE = 50;

/** Knocks on a room for `userId` (a local user) through one of `serverNames`, the alias's servers or the room ID's server. */
export async function knockRemoteRoom(
  services: Services,
  roomIdOrAlias: string,
  userId: string,
  serverNames: readonly string[] = [],
  content: JsonObject = {},
): Promise<{ roomId: string; eventId: string; via: string }> {
  let roomId = roomIdOrAlias;
  const candidates = [...serverNames];
  if (isValidRoomAlias(roomIdOrAlias)) {
    const resolved = await resolveRoomAlias(services, roomIdOrAlias);
    roomId = resolved.roomId;
    candidates.push(...resolved.servers, serverOf(roomIdOrAlias));
  } else if (!isValidRoomId(roomIdOrAlias)) {
    throw new MatrixError('M_INVALID_PARAM', `not a room ID or alias: ${roomIdOrAlias}`, { httpStatus: 400 });
  }
  if (roomId.includes(':')) candidates.push(serverOf(roomId));
  return tryServers(services, candidates, `knocking on ${roomId}`, async (server) => {
    const prepared = await prepareMembershipEvent(services, server, 'knock', roomId, userId, content);
    const { event, roomVersion: rv } = prepared;
    if (!rv.knocking) throw new MatrixError('M_FORBIDDEN', `room version ${rv.id} does not support knocking`, { httpStatus: 403 });
    const answer = sendKnockResponseSchema.safeParse(await sendMembershipEvent(services, prepared, 'knock'));
    if (!answer.success) throw new HandshakeError(`${server} sent a malformed send_knock answer`);
    // Only the entries formatted for the room version and of this room are kept (shown to the client, not trusted).
    const state: JsonObject[] = [];
    for (const raw of answer.data.knock_room_state.slice(0, MAX_KNOCK_ROOM_STATE)) {
      try {
        state.push(toFederationPdu(parseRoomPdu(raw, rv, roomId), rv));
      } catch (err) {
        if (!(err instanceof PduCheckError)) throw err;
      }
    }
    const pdu = { ...toFederationPdu(event, rv), unsigned: { knock_room_state: stripEvents(state) } };
    await services.rooms.mutex.run(roomId, () =>
      services.store.putEvents([{ roomVersion: rv.id, eventId: event.event_id, pdu: pdu as never, status: 'outlier' }], {
        currentState: [{ roomId, set: new Map([[stateKeyOf('m.room.member', userId), event.event_id]]) }],
      }),
    );
    services.ephemeral.notify();
    return { roomId, eventId: event.event_id, via: server };
  });
}

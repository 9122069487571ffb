/**
 * Leaving a room this server is not in (server-server API "Leaving Rooms (Rejecting
 * Invites)", the leaving server's side): rejecting a remote invite or retracting a
 * knock with `make_leave` / `send_leave` through a resident (the inviting server first).
 * The leave event is then stored as an outlier and filed as the user's membership.
 *
 * `leaveRoom` is the entry point of the client API's `POST /leave`: a local leave event
 * when this server is in the room, the handshake otherwise.
 *
 * @module
 */
import { isValidRoomId, MatrixError } from '@maxtryx/entity';
import { stateKeyOf, type JsonObject } from '@maxtryx/federation-core';
import { toFederationPdu } from '../rooms/build-event.js';
import { serverOf } from '../rooms/room-events.js';
import type { Services } from '../services.js';
import { prepareMembershipEvent, sendMembershipEvent, tryServers } from './membership-handshake.js';
import { isResidentIn } from './resident-membership.js';

/** The outcome of a leave. */
export interface LeaveResult {
  readonly eventId: string;
  /** The resident server that helped, or undefined for a local leave. */
  readonly via: string | undefined;
}

/**
 * Rejects an invite (or retracts a knock) of `userId` to a room this server is not in,
 * through one of `serverNames` (the server of the invite's sender is tried first).
 */
export async function leaveRemoteRoom(
  services: Services,
  roomId: string,
  userId: string,
  serverNames: readonly string[] = [],
  content: JsonObject = {},
): Promise<LeaveResult> {
  const { store } = services;
  if (!isValidRoomId(roomId)) throw new MatrixError('M_INVALID_PARAM', `not a room ID: ${roomId}`, { httpStatus: 400 });
  const current = await store.getMembership(roomId, userId);
  const candidates: string[] = [];
  if (current) {
    const event = await store.getEvent(current.eventId);
    if (event) candidates.push(serverOf(event.sender));
  }
  candidates.push(...serverNames);
  if (roomId.includes(':')) candidates.push(serverOf(roomId));
  return tryServers(services, candidates, `leaving ${roomId}`, async (server) => {
    const prepared = await prepareMembershipEvent(services, server, 'leave', roomId, userId, content);
    await sendMembershipEvent(services, prepared, 'leave');
    const { event, roomVersion: rv } = prepared;
    await services.rooms.mutex.run(roomId, () =>
      store.putEvents([{ roomVersion: rv.id, eventId: event.event_id, pdu: toFederationPdu(event, rv) as never, status: 'outlier' }], {
        currentState: [{ roomId, set: new Map([[stateKeyOf('m.room.member', userId), event.event_id]]) }],
      }),
    );
    services.ephemeral.notify();
    services.logger.info('left a remote room', { roomId, userId, via: server, eventId: event.event_id });
    return { eventId: event.event_id, via: server };
  });
}

/**
 * The client API's leave: a local leave event when this server is in the room (it is a
 * resident and the leave goes to the other residents), else {@link leaveRemoteRoom}.
 */
export async function leaveRoom(services: Services, roomId: string, userId: string, content: JsonObject = {}): Promise<LeaveResult> {
  if (!isValidRoomId(roomId)) throw new MatrixError('M_INVALID_PARAM', `not a room ID: ${roomId}`, { httpStatus: 400 });
  if (await isResidentIn(services, roomId)) {
    const event = await services.rooms.sendLocal(roomId, { type: 'm.room.member', sender: userId, state_key: userId, content: { ...content, membership: 'leave' } });
    return { eventId: event.event_id, via: undefined };
  }
  const current = await services.store.getMembership(roomId, userId);
  if (!current || (current.membership !== 'invite' && current.membership !== 'knock')) {
    throw new MatrixError('M_FORBIDDEN', `${userId} is not in room ${roomId}`, { httpStatus: 403 });
  }
  return leaveRemoteRoom(services, roomId, userId, [], content);
}

/**
 * What of a room a user may read through the client API (client-server API `GET
 * /rooms/{roomId}/state`, `/members`, `/messages`): a member reads the current state
 * and every event; a former member (left, kicked, banned) the state when they left and
 * nothing after it; anyone the state and events of a `world_readable` room. Otherwise
 * `403 M_FORBIDDEN` (also for a room the server does not know, telling nothing).
 *
 * @module
 */
import { MatrixError } from '@maxtryx/entity';
import { normaliseHistoryVisibility, stateKeyOf } from '@maxtryx/federation-core';
import type { StateMap } from '@maxtryx/storage-adapters';
import type { Services } from '../services.js';

/** A user's read access to a room. */
export interface RoomReadAccess {
  readonly roomId: string;
  /** The user's membership now (undefined: never had one). */
  readonly membership: string | undefined;
  /** The state the user may read. */
  readonly state: StateMap;
  /** For a former member: the stream position of their leaving; they see nothing after it. */
  readonly upTo: number | undefined;
}

/** The user's read access to a room; `403 M_FORBIDDEN` when they have none. */
export async function readAccess(services: Services, roomId: string, userId: string): Promise<RoomReadAccess> {
  const { store } = services;
  const record = await store.getMembership(roomId, userId);
  if (record?.membership === 'join') {
    return { roomId, membership: 'join', state: await store.getCurrentState(roomId), upTo: undefined };
  }
  if (record && (record.membership === 'leave' || record.membership === 'ban')) {
    const event = await store.getEvent(record.eventId);
    const state = await store.getStateAfter(roomId, record.eventId);
    if (event && state) return { roomId, membership: record.membership, state, upTo: event.streamOrdering };
  }
  const current = await store.getCurrentState(roomId);
  const hvId = current.get(stateKeyOf('m.room.history_visibility', ''));
  const hv = hvId ? (await store.getEvent(hvId))?.pdu.content.history_visibility : undefined;
  if (current.size > 0 && normaliseHistoryVisibility(hv) === 'world_readable') {
    return { roomId, membership: record?.membership, state: current, upTo: undefined };
  }
  throw new MatrixError('M_FORBIDDEN', `You are not a member of the room ${roomId}`, { httpStatus: 403 });
}

/** Requires the user to be joined to the room now (`403 M_FORBIDDEN` otherwise). */
export async function requireJoined(services: Services, roomId: string, userId: string): Promise<void> {
  const record = await services.store.getMembership(roomId, userId);
  if (record?.membership !== 'join') throw new MatrixError('M_FORBIDDEN', `You are not joined to the room ${roomId}`, { httpStatus: 403 });
}

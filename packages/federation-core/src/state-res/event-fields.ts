/**
 * Reading the fields state resolution orders events by, with typed errors for
 * malformed events.
 *
 * @module
 */
import { MalformedEventError } from '../events/malformed-event-error.js';
import type { RoomEvent } from '../events/pdu.js';

/** The event's `origin_server_ts`; throws `MalformedEventError` unless it is a finite number. */
export function timestampOf(event: RoomEvent): number {
  const ts = event.origin_server_ts;
  if (typeof ts !== 'number' || !Number.isFinite(ts)) throw new MalformedEventError('origin_server_ts', 'is not a number');
  return ts;
}

/** The event's `depth`; throws `MalformedEventError` unless it is a finite number. */
export function depthOf(event: RoomEvent): number {
  const depth = event.depth;
  if (typeof depth !== 'number' || !Number.isFinite(depth)) throw new MalformedEventError('depth', 'is not a number');
  return depth;
}

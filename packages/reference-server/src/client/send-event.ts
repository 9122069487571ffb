/**
 * Sending a local event on behalf of a client: built against the room's current state,
 * checked against the size limits (client-server API "Size limits": 65536 bytes of
 * canonical JSON in the federation format), authorised, persisted and sent to the other
 * servers of the room, under the room's lock.
 *
 * @module
 */
import { MatrixError } from '@maxtryx/entity';
import { CanonicalJsonError, canonicalJsonBytes, canonicalJsonOptionsFor, type RoomEvent, type RoomVersion } from '@maxtryx/federation-core';
import { toFederationPdu, type EventTemplate } from '../rooms/build-event.js';
import type { Services } from '../services.js';

/** The largest event, in bytes of canonical JSON in the federation format. */
export const MAX_EVENT_BYTES = 65_536;

/** Throws `413 M_TOO_LARGE` when the event is over the size limit. */
export function checkEventSize(event: RoomEvent, rv: RoomVersion): void {
  const pdu = toFederationPdu(event, rv);
  const size = canonicalJsonBytes(pdu, canonicalJsonOptionsFor(rv)).length;
  if (size > MAX_EVENT_BYTES) {
    throw new MatrixError('M_TOO_LARGE', `event is ${size} bytes; the limit is ${MAX_EVENT_BYTES}`, { httpStatus: 413 });
  }
}

/** A cheap early refusal of content that cannot fit in an event whatever else it holds. */
export function checkContentSize(content: unknown): void {
  const size = Buffer.byteLength(JSON.stringify(content));
  if (size > MAX_EVENT_BYTES) {
    throw new MatrixError('M_TOO_LARGE', `content is ${size} bytes; an event is at most ${MAX_EVENT_BYTES}`, { httpStatus: 413 });
  }
}

/**
 * Builds, checks, authorises (`403 M_FORBIDDEN` when the auth rules refuse), persists and
 * fans out a local event. Unknown room: `404 M_NOT_FOUND`.
 */
export function sendClientEvent(services: Services, roomId: string, template: EventTemplate, extraDestinations: readonly string[] = []): Promise<RoomEvent> {
  checkContentSize(template.content);
  const { rooms } = services;
  return rooms.mutex.run(roomId, async () => {
    const ctx = await rooms.requireContext(roomId);
    let event: RoomEvent;
    try {
      event = await rooms.buildLocked(ctx, template);
    } catch (err) {
      // From room version 6, events hold integers only (no floats, none beyond 2^53).
      if (err instanceof CanonicalJsonError) throw new MatrixError('M_BAD_JSON', `content: ${err.message}`, { httpStatus: 400, cause: err });
      throw err;
    }
    checkEventSize(event, ctx.roomVersion);
    await rooms.persistLocked(ctx.roomId, ctx.roomVersion, event, 'accepted', ctx.currentState);
    await rooms.fanOut(ctx.roomId, ctx.roomVersion, event, extraDestinations);
    return event;
  });
}

/**
 * Event IDs and derived room IDs (spec: `rooms/fragments/v1-event-ids.md`,
 * `v4-event-ids.md`, room v3 "Event IDs", room v12 and appendices "Room IDs").
 *
 * @module
 */
import { isValidServerName } from '@maxtryx/entity';
import { encodeBase64, encodeBase64Url } from '../encoding/base64.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { MalformedEventError } from './malformed-event-error.js';
import type { Pdu, RoomEvent } from './pdu.js';
import type { EventObject } from './redaction.js';
import { isJsonObject } from '../json/json-value.js';
import { computeReferenceHash } from './reference-hash.js';

/** Appendices, "Event IDs": at most 255 bytes including the sigil. */
const MAX_ID_BYTES = 255;

/** The length of `s` in UTF-8 bytes (a lone surrogate counts as the 3 bytes of U+FFFD). */
function utf8Length(s: string): number {
  let bytes = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Thrown by {@link computeRoomId} for a room version whose room IDs are not derived from the create event. */
export class RoomIdNotDerivedError extends Error {
  override readonly name = 'RoomIdNotDerivedError';
  constructor(readonly roomVersionId: string) {
    super(`room version ${roomVersionId} does not derive the room ID from the create event`);
  }
}

/**
 * The server name in a `$opaque:domain` event ID of room versions 1 and 2, or
 * `undefined` if the ID is not of that form.
 *
 * @example
 * eventIdServerName('$abc:example.org:8448'); // 'example.org:8448'
 */
export function eventIdServerName(eventId: string): string | undefined {
  if (typeof eventId !== 'string' || !eventId.startsWith('$')) return undefined;
  const colon = eventId.indexOf(':');
  if (colon < 2) return undefined;
  const domain = eventId.slice(colon + 1);
  return isValidServerName(domain) ? domain : undefined;
}

/**
 * The ID of an event.
 *
 * - Room versions 1 and 2 (`eventIdFormat: 'server'`): the `event_id` the event
 *   carries, `$opaque_id:domain` (v1-event-ids), checked for form and length.
 * - Room version 3: `$` + the unpadded standard base64 of the reference hash.
 * - Room version 4 onwards (v4-event-ids): `$` + the URL-safe unpadded base64.
 *
 * @throws {UnsupportedRoomVersionError} for an unknown room version.
 * @throws {MalformedEventError} in v1/v2 if `event_id` is missing or malformed,
 *   and in every version if the event cannot be hashed.
 * @example
 * computeEventId(pdu, '10'); // '$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg' (for some pdu)
 */
export function computeEventId(event: EventObject, roomVersion: RoomVersionInput): string {
  const rv = resolveRoomVersion(roomVersion);
  if (rv.eventIdFormat === 'server') {
    if (!isJsonObject(event)) throw new MalformedEventError('event', 'is not a JSON object');
    const id = event['event_id'];
    if (typeof id !== 'string') throw new MalformedEventError('event_id', 'is missing (room versions 1 and 2 carry it)');
    if (eventIdServerName(id) === undefined) throw new MalformedEventError('event_id', `${JSON.stringify(id)} is not of the form $opaque_id:domain`);
    if (utf8Length(id) > MAX_ID_BYTES) throw new MalformedEventError('event_id', `is longer than ${MAX_ID_BYTES} bytes`);
    return id;
  }
  const hash = computeReferenceHash(event, rv);
  // v3: "the reference hash ... encoded using Unpadded Base64"; v4+: "URL-safe unpadded Base64".
  return `$${rv.eventIdFormat === 'base64' ? encodeBase64(hash) : encodeBase64Url(hash)}`;
}

/**
 * The room ID a room version 12 `m.room.create` event defines: its event ID with
 * the sigil `!` instead of `$`, i.e. `!` + the URL-safe unpadded base64 of its
 * reference hash (rooms/v12.md, auth rule 1.2 note; appendices "Room IDs").
 *
 * @throws {RoomIdNotDerivedError} for a room version whose room IDs carry a domain (v1 to v11).
 * @throws {MalformedEventError} if the event is not an `m.room.create` event, or
 *   has a `room_id` (a v12 create event has none).
 * @example
 * computeRoomId(createEvent, '12'); // '!Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpYQ' (for some create event)
 */
export function computeRoomId(createEvent: EventObject, roomVersion: RoomVersionInput): string {
  const rv = resolveRoomVersion(roomVersion);
  if (!rv.roomIdIsCreateEventHash) throw new RoomIdNotDerivedError(rv.id);
  if (!isJsonObject(createEvent)) throw new MalformedEventError('event', 'is not a JSON object');
  if (createEvent['type'] !== 'm.room.create') throw new MalformedEventError('type', 'is not m.room.create');
  // rooms/v12.md, auth rule 1.2: "If the event has a room_id, reject."
  if (createEvent['room_id'] !== undefined) throw new MalformedEventError('room_id', 'must be absent from a room version 12 m.room.create event');
  return `!${computeEventId(createEvent, rv).slice(1)}`;
}

/**
 * The event with its ID attached as `event_id`: the form authorization and state
 * resolution take. A copy; the input is not mutated. In v1/v2 the ID is the one
 * the event carries; from v3 it is computed (any `event_id` given is replaced).
 *
 * @throws as {@link computeEventId}.
 * @example
 * withEventId(pdu, '11').event_id; // '$...'
 */
export function withEventId(pdu: Pdu, roomVersion: RoomVersionInput): RoomEvent {
  return { ...pdu, event_id: computeEventId(pdu, roomVersion) };
}

/**
 * The reference hash of an event (spec: server-server-api, "Calculating the
 * reference hash for an event").
 *
 * @module
 */
import { canonicalJsonBytes, canonicalJsonOptionsFor } from '../json/canonical-json.js';
import { sha256 } from '../crypto/sha256.js';
import type { JsonObject } from '../json/json-value.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import type { EventObject } from './redaction.js';
import { redactEvent } from './redaction.js';

/**
 * Computes the reference hash of an event: the sha256 of the canonical JSON of
 * its redacted form without `signatures` and `unsigned`.
 *
 * In the v3 event format onwards the event ID is this hash, so the event carries
 * no `event_id`; one a caller attached (a `RoomEvent`) is dropped before hashing.
 * In v1 and v2 the `event_id` is part of the event and is hashed.
 *
 * @returns the 32-byte hash
 * @throws {UnsupportedRoomVersionError} for an unknown room version.
 * @throws {MalformedEventError} if the event cannot be redacted.
 * @throws {CanonicalJsonError} if the event holds a value canonical JSON forbids.
 * @example
 * encodeBase64Url(computeReferenceHash(pdu, '11')); // the event ID without its '$'
 */
export function computeReferenceHash(event: EventObject, roomVersion: RoomVersionInput): Uint8Array {
  const rv = resolveRoomVersion(roomVersion);
  // 1. "The event is put through the redaction algorithm."
  const redacted: JsonObject = { ...(redactEvent(event, rv) as JsonObject) };
  // 2. "The signatures and unsigned properties are removed from the event, if present."
  // (Redaction has already removed `unsigned` and any top-level `age_ts`.)
  delete redacted['signatures'];
  delete redacted['unsigned'];
  delete redacted['age_ts'];
  // The event ID of the v3 formats is this hash (rooms/fragments/v4-event-ids.md): not part of the event.
  if (rv.eventFormat !== 'v1') delete redacted['event_id'];
  // 3. "The event is converted into Canonical JSON." 4. "A sha256 hash is calculated".
  return sha256(canonicalJsonBytes(redacted, canonicalJsonOptionsFor(rv)));
}

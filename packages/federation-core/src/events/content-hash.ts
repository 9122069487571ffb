/**
 * The content hash of an event (spec: server-server-api, "Calculating the
 * content hash for an event").
 *
 * @module
 */
import { canonicalJsonBytes, canonicalJsonOptionsFor } from '../json/canonical-json.js';
import { decodeBase64, encodeBase64 } from '../encoding/base64.js';
import { sha256 } from '../crypto/sha256.js';
import type { JsonObject } from '../json/json-value.js';
import { isJsonObject } from '../json/json-value.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { MalformedEventError } from './malformed-event-error.js';
import type { EventObject } from './redaction.js';

/** The sha256 of the canonical JSON of the event without `unsigned`, `signatures` and `hashes`. */
function contentHashBytes(event: EventObject, roomVersion: RoomVersionInput | undefined): Uint8Array {
  if (!isJsonObject(event)) throw new MalformedEventError('event', 'is not a JSON object');
  // "First, any existing unsigned, signatures, and hashes properties are removed."
  const rv = roomVersion === undefined ? undefined : resolveRoomVersion(roomVersion);
  // From the v3 format the event ID is the event's hash, never part of the event: one a caller
  // attached (a `RoomEvent`) is not hashed.
  const dropEventId = rv !== undefined && rv.eventFormat !== 'v1';
  const stripped: JsonObject = {};
  for (const [key, value] of Object.entries(event)) {
    if (value === undefined || key === 'unsigned' || key === 'signatures' || key === 'hashes') continue;
    if (dropEventId && key === 'event_id') continue;
    stripped[key] = value as JsonObject[string];
  }
  // "The resulting object is then encoded as Canonical JSON, and the JSON is hashed using SHA-256."
  const options = rv === undefined ? undefined : canonicalJsonOptionsFor(rv);
  return sha256(canonicalJsonBytes(stripped, options));
}

/**
 * Computes the content hash of an event: the unpadded base64 of the sha256 of
 * its canonical JSON without `unsigned`, `signatures` and `hashes`. It covers
 * the complete, unredacted event.
 *
 * @param event - the event (its `hashes` and `signatures` are ignored)
 * @param roomVersion - optional; given, its canonical JSON rules apply (room
 *   versions 1 to 5 tolerate values v6 forbids) and, from the v3 format, an
 *   `event_id` a caller attached is left out; omitted, the strict rules apply
 *   and the event is hashed as given.
 * @returns the value to store under `hashes.sha256`
 * @throws {MalformedEventError} if the event is not an object.
 * @throws {CanonicalJsonError} if the event holds a value canonical JSON forbids.
 * @example
 * computeContentHash({ type: 'X', content: {}, sender: '@a:domain', room_id: '!x:domain',
 *   origin: 'domain', origin_server_ts: 1000000, prev_events: [], auth_events: [], depth: 3,
 *   signatures: {}, hashes: {}, unsigned: { age_ts: 1000000 } });
 * // '5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos' (spec appendix, "Event Signing")
 */
export function computeContentHash(event: EventObject, roomVersion?: RoomVersionInput): string {
  return encodeBase64(contentHashBytes(event, roomVersion));
}

/**
 * Checks the content hash in `hashes.sha256` against the event. The stored hash
 * is base64-decoded and compared as bytes (server-server-api, "Validating hashes
 * and signatures on received events"). Missing or undecodable hashes give `false`.
 *
 * A `false` on an event whose signatures verified means the event was (or must be
 * treated as) redacted: the receiving server should use the redacted copy.
 *
 * @param event - the event, full or redacted
 * @param roomVersion - optional, as for {@link computeContentHash}
 * @throws {MalformedEventError} if the event is not an object.
 * @throws {CanonicalJsonError} if the event holds a value canonical JSON forbids.
 * @example
 * checkContentHash(hashAndSignEvent(event, 'example.org', key, '10')); // true
 */
export function checkContentHash(event: EventObject, roomVersion?: RoomVersionInput): boolean {
  if (!isJsonObject(event)) throw new MalformedEventError('event', 'is not a JSON object');
  const hashes = event['hashes'];
  if (!isJsonObject(hashes)) return false;
  const stored = hashes['sha256'];
  if (typeof stored !== 'string') return false;
  let expected: Uint8Array;
  try {
    expected = decodeBase64(stored);
  } catch {
    return false;
  }
  const actual = contentHashBytes(event, roomVersion);
  if (expected.length !== actual.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual[i]! ^ expected[i]!;
  return diff === 0;
}

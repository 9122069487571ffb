/**
 * Hashing and signing an outgoing event (spec: server-server-api, "Adding hashes
 * and signatures to outgoing events").
 *
 * @module
 */
import type { SigningKey } from '../crypto/signing-key.js';
import { signJson } from '../crypto/sign-json.js';
import { canonicalJsonOptionsFor } from '../json/canonical-json.js';
import type { JsonObject } from '../json/json-value.js';
import { isJsonObject } from '../json/json-value.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { computeContentHash } from './content-hash.js';
import { MalformedEventError } from './malformed-event-error.js';
import type { EventObject } from './redaction.js';
import { redactEvent } from './redaction.js';

/** An event after {@link hashAndSignEvent}: its content hash set and signed. */
export type SignedEvent<T extends EventObject> = Omit<T, 'hashes' | 'signatures'> & {
  hashes: { sha256: string };
  signatures: Record<string, Record<string, string>>;
};

/**
 * Hashes and signs an event as the spec's procedure does:
 *
 * 1. computes the content hash and stores it as `hashes: { sha256 }` (other hash
 *    algorithms in `hashes` are replaced);
 * 2. redacts a copy with the room version's algorithm;
 * 3. signs the redacted copy with `key` as `serverName` (appendices "Signing JSON");
 * 4. puts the signatures on the full event. Signatures already present are kept
 *    (they no longer verify if the content hash changed).
 *
 * Pure: returns a new event. `unsigned` is kept and covered by nothing.
 *
 * @throws {UnsupportedRoomVersionError} for an unknown room version.
 * @throws {MalformedEventError} if the event cannot be redacted, or carries an
 *   `event_id` in a room version whose event ID is its hash (v3 onwards): that
 *   ID can only be computed after signing, and would break the signature.
 * @throws {CanonicalJsonError} if the event holds a value canonical JSON forbids.
 * @example
 * const key = signingKeyFromSeed('ed25519:1', seed);
 * const signed = hashAndSignEvent(pdu, 'example.org', key, '11');
 * signed.signatures['example.org']['ed25519:1']; // unpadded base64 signature
 */
export function hashAndSignEvent<T extends EventObject>(
  event: T,
  serverName: string,
  key: SigningKey,
  roomVersion: RoomVersionInput,
): SignedEvent<T> {
  const rv = resolveRoomVersion(roomVersion);
  if (!isJsonObject(event)) throw new MalformedEventError('event', 'is not a JSON object');
  if (rv.eventFormat !== 'v1' && event['event_id'] !== undefined) {
    throw new MalformedEventError('event_id', `must not be in a room version ${rv.id} event before it is signed`);
  }
  // "the content hash of the event is calculated ... stored in the event object, in a
  // hashes object, under a sha256 key."
  const full: JsonObject = { ...(event as JsonObject), hashes: { sha256: computeContentHash(event, rv) } };
  // "The event object is then redacted ... Finally it is signed as described in Signing JSON"
  const signed = signJson(redactEvent(full, rv), serverName, key, canonicalJsonOptionsFor(rv)) as JsonObject;
  // "The signature is then copied back to the original event object."
  full['signatures'] = signed['signatures'] as JsonObject;
  return full as unknown as SignedEvent<T>;
}

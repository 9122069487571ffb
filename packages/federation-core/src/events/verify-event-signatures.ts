/**
 * Checking the signatures on a received event (spec: server-server-api,
 * "Validating hashes and signatures on received events"; rooms/v5 "Signing key
 * validity period"; the v8 auth rule on `join_authorised_via_users_server`).
 *
 * @module
 */
import { verifyJsonSignature } from '../crypto/sign-json.js';
import { canonicalJsonOptionsFor } from '../json/canonical-json.js';
import { isJsonObject } from '../json/json-value.js';
import type { JsonObject } from '../json/json-value.js';
import type { RoomVersion, RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import type { VerifyKeyLookup } from '../keys/verify-key-lookup.js';
import { normalizeVerifyKey } from '../keys/verify-key-lookup.js';
import { eventIdServerName } from './event-id.js';
import { MalformedEventError } from './malformed-event-error.js';
import type { EventObject } from './redaction.js';
import { redactEvent } from './redaction.js';
import { isValidServerName } from '@maxtryx/entity';

/** The most signing servers, and keys per server, looked at on one event. */
export const MAX_SIGNATURES_PER_EVENT = 32;

/** Why a server whose signature an event needs is required. */
export type RequiredSignatureReason = 'sender' | 'event_id' | 'join_authorised_via_users_server';

/** The outcome for one server whose signature the event needs. */
export interface ServerSignatureResult {
  /** The server name. */
  serverName: string;
  /** Why its signature is needed (a server may be needed for several reasons). */
  requiredFor: RequiredSignatureReason[];
  /** Whether it signed the redacted event with at least one usable key, and no usable key's signature failed. */
  ok: boolean;
  /** Why not, when `ok` is false. */
  reason?: string;
  /** The key IDs whose signatures verified. */
  verifiedKeyIds: string[];
}

/** The result of {@link verifyEventSignatures}. */
export interface EventSignaturesResult {
  /** Whether every required server's signature verified. */
  ok: boolean;
  /** One entry per required server. */
  servers: ServerSignatureResult[];
}

/** The server name of a user ID `@localpart:domain`, or `undefined`. */
function userIdServerName(userId: unknown): string | undefined {
  if (typeof userId !== 'string' || !userId.startsWith('@')) return undefined;
  const colon = userId.indexOf(':');
  if (colon < 2) return undefined;
  const domain = userId.slice(colon + 1);
  return isValidServerName(domain) ? domain : undefined;
}

/** The servers whose signatures the event needs, in the spec's order. */
function requiredServers(event: JsonObject, rv: RoomVersion): Map<string, RequiredSignatureReason[]> {
  const required = new Map<string, RequiredSignatureReason[]>();
  const add = (server: string, why: RequiredSignatureReason) => {
    const reasons = required.get(server);
    if (reasons) reasons.push(why);
    else required.set(server, [why]);
  };
  const sender = userIdServerName(event['sender']);
  if (sender === undefined) throw new MalformedEventError('sender', 'is not a user ID with a valid server name');
  const content = isJsonObject(event['content']) ? event['content'] : {};
  // "unless the event is a 3rd party invite, only the signature(s) from the originating server
  // (the server the sender belongs to) are required ... If the event is a 3rd party invite, ...
  // the server which actually sends the event may be a different server."
  // The invite's `signed` block is checked by the auth rules instead.
  const isThirdPartyInvite =
    event['type'] === 'm.room.member' && content['membership'] === 'invite' && content['third_party_invite'] !== undefined;
  if (!isThirdPartyInvite) add(sender, 'sender');
  // "Room versions 1 and 2 also require that a signature is present from the domain in the
  // event_id, if it differs from the originating server."
  if (rv.eventIdFormat === 'server') {
    const id = event['event_id'];
    const domain = typeof id === 'string' ? eventIdServerName(id) : undefined;
    if (domain === undefined) throw new MalformedEventError('event_id', 'is missing or not of the form $opaque_id:domain');
    add(domain, 'event_id');
  }
  // v8 auth rule 4.2 (rooms/v8.md onwards): "If content has a join_authorised_via_users_server key:
  // If the event is not validly signed by the homeserver of the user ID denoted by the key, reject."
  if (rv.restrictedJoinRule && event['type'] === 'm.room.member' && content['join_authorised_via_users_server'] !== undefined) {
    const authoriser = userIdServerName(content['join_authorised_via_users_server']);
    if (authoriser === undefined) {
      throw new MalformedEventError('content.join_authorised_via_users_server', 'is not a user ID with a valid server name');
    }
    add(authoriser, 'join_authorised_via_users_server');
  }
  return required;
}

/**
 * Checks the signatures an event needs, over its redacted form (so a full event
 * and its redacted copy give the same answer).
 *
 * The servers that must have signed:
 * - the sender's server, except for a third-party invite (an `m.room.member`
 *   invite with `content.third_party_invite`), which another server may send;
 * - in room versions 1 and 2, the server of the `event_id`;
 * - from room version 8, for an `m.room.member` event with
 *   `content.join_authorised_via_users_server`, that user's server.
 *
 * For each, only `ed25519` signatures by keys `lookupKey` knows count: unknown
 * keys are skipped, so are keys expired before the event's `origin_server_ts`
 * (an `old_verify_keys` entry's `expiredTs` in every version; `validUntilTs` in
 * room versions with `enforceSigningKeyValidity`, v5 onwards). A server passes if
 * at least one usable key's signature verifies and none fails.
 *
 * From the v3 format an `event_id` attached by the caller is ignored, so a
 * `RoomEvent` verifies as the PDU it came from.
 *
 * The content hash is a separate check ({@link checkContentHash}): if it fails
 * on an event whose signatures pass, use the redacted event.
 *
 * @throws {UnsupportedRoomVersionError} for an unknown room version.
 * @throws {MalformedEventError} if the event is not an object, has no valid
 *   `sender`, (v1/v2) no valid `event_id`, a `join_authorised_via_users_server`
 *   that is not a user ID, or no integer `origin_server_ts`.
 * @example
 * const result = await verifyEventSignatures(pdu, '10', (server, keyId) => keyCache.get(server, keyId));
 * if (!result.ok) reject(result.servers.filter((s) => !s.ok));
 */
export async function verifyEventSignatures(
  event: EventObject,
  roomVersion: RoomVersionInput,
  lookupKey: VerifyKeyLookup,
): Promise<EventSignaturesResult> {
  const rv = resolveRoomVersion(roomVersion);
  if (!isJsonObject(event)) throw new MalformedEventError('event', 'is not a JSON object');
  const ts = event['origin_server_ts'];
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts)) throw new MalformedEventError('origin_server_ts', 'is not an integer');
  const required = requiredServers(event, rv);
  // "The event is redacted following the redaction algorithm, and the resultant object is
  // checked for signatures from the originating server".
  const redacted = redactEvent(event, rv) as JsonObject;
  // From the v3 format the event ID is the event's hash, not part of what was signed: drop one a
  // caller attached (a `RoomEvent`).
  if (rv.eventFormat !== 'v1') delete redacted['event_id'];
  const signatures = isJsonObject(redacted['signatures']) ? redacted['signatures'] : {};

  const servers: ServerSignatureResult[] = [];
  for (const [serverName, requiredFor] of required) {
    servers.push(await verifyServer(redacted, signatures, serverName, requiredFor, ts, rv, lookupKey));
  }
  return { ok: servers.every((s) => s.ok), servers };
}

async function verifyServer(
  redacted: JsonObject,
  signatures: JsonObject,
  serverName: string,
  requiredFor: RequiredSignatureReason[],
  originServerTs: number,
  rv: RoomVersion,
  lookupKey: VerifyKeyLookup,
): Promise<ServerSignatureResult> {
  const fail = (reason: string): ServerSignatureResult => ({ serverName, requiredFor, ok: false, reason, verifiedKeyIds: [] });
  // Appendices, "Checking for a signature", 1: "If the entry is missing then the check fails."
  const entry = Object.hasOwn(signatures, serverName) ? signatures[serverName] : undefined;
  if (!isJsonObject(entry)) return fail('no signature from this server');
  // 2: "Removes any signing key identifiers ... with algorithms it doesn't understand."
  const keyIds = Object.keys(entry).filter((keyId) => keyId.startsWith('ed25519:'));
  if (keyIds.length === 0) return fail('no ed25519 signature from this server');
  if (keyIds.length > MAX_SIGNATURES_PER_EVENT) return fail(`more than ${MAX_SIGNATURES_PER_EVENT} signatures from this server`);

  const verifiedKeyIds: string[] = [];
  const skipped: string[] = [];
  for (const keyId of keyIds) {
    // 3: "Looks up verification keys ... If a signature is from an unknown or expired key, it is skipped."
    const info = normalizeVerifyKey(await lookupKey(serverName, keyId));
    if (info === undefined) {
      skipped.push(`${keyId} unknown`);
      continue;
    }
    // "any keys that are known to have expired prior to the event's origin_server_ts are ignored."
    if (info.expiredTs !== undefined && info.expiredTs < originServerTs) {
      skipped.push(`${keyId} expired at ${info.expiredTs}`);
      continue;
    }
    // rooms/v5 "Signing key validity period": valid_until_ts must be "at least as large as the
    // origin_server_ts for the event being validated" (and is ignored in v1 to v4).
    if (rv.enforceSigningKeyValidity && info.validUntilTs !== undefined && info.validUntilTs < originServerTs) {
      skipped.push(`${keyId} valid only until ${info.validUntilTs}`);
      continue;
    }
    let ok: boolean;
    let problem = 'does not verify';
    try {
      ok = verifyJsonSignature(redacted, serverName, keyId, info.key, canonicalJsonOptionsFor(rv));
    } catch (error) {
      // e.g. a signature that is not base64: "If base64 decoding fails then the check fails."
      ok = false;
      problem = `cannot be checked: ${error instanceof Error ? error.message : String(error)}`;
    }
    // "If all signatures from known unexpired keys from the originating server(s) are found to be valid"
    if (!ok) return { serverName, requiredFor, ok: false, reason: `signature by ${keyId} ${problem}`, verifiedKeyIds };
    verifiedKeyIds.push(keyId);
  }
  if (verifiedKeyIds.length === 0) return fail(`no signature by a usable key (${skipped.join(', ')})`);
  return { serverName, requiredFor, ok: true, verifiedKeyIds };
}

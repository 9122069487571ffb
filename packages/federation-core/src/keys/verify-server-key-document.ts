/**
 * Verifying a server key document (spec: server-server-api "Retrieving server
 * keys"; `keys.yaml`; rooms/v5 "Signing key validity period").
 *
 * @module
 */
import { verifyJsonSignature } from '../crypto/sign-json.js';
import { decodeBase64 } from '../encoding/base64.js';
import type { JsonObject } from '../json/json-value.js';
import { isJsonObject } from '../json/json-value.js';
import { InvalidServerKeyDocumentError } from './invalid-server-key-document-error.js';

/** The most keys (current plus old) accepted in one document. */
export const MAX_KEYS_PER_DOCUMENT = 64;

/** The most signing servers accepted on one document (the server and its notaries). */
export const MAX_SIGNING_SERVERS_PER_DOCUMENT = 16;

/** Seven days in milliseconds: the longest a fetched key may be trusted (rooms/v5). */
export const MAX_KEY_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The validity to enforce for keys fetched at `fetchedAtTs`: "the lesser of
 * valid_until_ts and 7 days into the future" (rooms/v5 "Signing key validity period").
 *
 * @example
 * effectiveValidUntilTs(Number.MAX_SAFE_INTEGER, 0); // 604800000
 */
export function effectiveValidUntilTs(validUntilTs: number, fetchedAtTs: number): number {
  return Math.min(validUntilTs, fetchedAtTs + MAX_KEY_VALIDITY_MS);
}

/** The keys of a document whose self-signatures verified. */
export interface VerifiedServerKeys {
  /** The server the keys belong to. */
  serverName: string;
  /** The document's `valid_until_ts`. */
  validUntilTs: number;
  /** With `now` given: `min(valid_until_ts, now + 7 days)`, the validity to enforce for events. */
  effectiveValidUntilTs?: number;
  /** With `now` given: whether `valid_until_ts` has passed (the keys may still verify older events). */
  expired?: boolean;
  /** Current keys by key ID. */
  verifyKeys: Record<string, Uint8Array>;
  /** Former keys by key ID, each usable for events up to its `expiredTs`. */
  oldVerifyKeys: Record<string, { key: Uint8Array; expiredTs: number }>;
}

/** The result of {@link verifyServerKeyDocument}. */
export type ServerKeyDocumentVerification = ({ ok: true } & VerifiedServerKeys) | { ok: false; reason: string };

/** The options of {@link verifyServerKeyDocument}. */
export interface VerifyServerKeyDocumentOptions {
  /** The server whose keys were asked for; `server_name` must equal it. */
  serverName: string;
  /** The current time in ms, to report `expired` and `effectiveValidUntilTs`. */
  now?: number;
}

function decodeKey(value: unknown, where: string): Uint8Array {
  if (typeof value !== 'string') throw new InvalidServerKeyDocumentError(`${where}.key is not a string`);
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(value);
  } catch (cause) {
    throw new InvalidServerKeyDocumentError(`${where}.key is not base64`, { cause });
  }
  if (bytes.length !== 32) throw new InvalidServerKeyDocumentError(`${where}.key is ${bytes.length} bytes, not 32`);
  return bytes;
}

function timestamp(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new InvalidServerKeyDocumentError(`${where} is not an integer`);
  return value;
}

/** The parsed, not yet verified, contents of a key document. */
export interface ParsedServerKeyDocument extends Omit<VerifiedServerKeys, 'effectiveValidUntilTs' | 'expired'> {
  /** The `signatures` object. */
  signatures: JsonObject;
}

/**
 * Reads a key document's fields, checking their shapes (not the signatures).
 *
 * @throws {InvalidServerKeyDocumentError} naming the malformed field.
 * @example
 * parseServerKeyDocument(doc).verifyKeys['ed25519:abc']; // Uint8Array(32)
 */
export function parseServerKeyDocument(doc: unknown): ParsedServerKeyDocument {
  if (!isJsonObject(doc)) throw new InvalidServerKeyDocumentError('not a JSON object');
  const serverName = doc['server_name'];
  if (typeof serverName !== 'string') throw new InvalidServerKeyDocumentError('server_name is not a string');
  const validUntilTs = timestamp(doc['valid_until_ts'], 'valid_until_ts');
  const rawVerify = doc['verify_keys'];
  if (!isJsonObject(rawVerify)) throw new InvalidServerKeyDocumentError('verify_keys is not an object');
  const rawOld = doc['old_verify_keys'] ?? {};
  if (!isJsonObject(rawOld)) throw new InvalidServerKeyDocumentError('old_verify_keys is not an object');
  if (Object.keys(rawVerify).length + Object.keys(rawOld).length > MAX_KEYS_PER_DOCUMENT) {
    throw new InvalidServerKeyDocumentError(`more than ${MAX_KEYS_PER_DOCUMENT} keys`);
  }
  const signatures = doc['signatures'];
  if (!isJsonObject(signatures)) throw new InvalidServerKeyDocumentError('signatures is not an object');
  if (Object.keys(signatures).length > MAX_SIGNING_SERVERS_PER_DOCUMENT) {
    throw new InvalidServerKeyDocumentError(`signatures from more than ${MAX_SIGNING_SERVERS_PER_DOCUMENT} servers`);
  }
  const verifyKeys: Record<string, Uint8Array> = {};
  // Appendices, "Checking for a signature", 2: key IDs "with algorithms it doesn't understand" are
  // removed; ed25519 is the only algorithm the spec defines.
  for (const [keyId, entry] of Object.entries(rawVerify)) {
    if (!keyId.startsWith('ed25519:')) continue;
    if (!isJsonObject(entry)) throw new InvalidServerKeyDocumentError(`verify_keys.${keyId} is not an object`);
    verifyKeys[keyId] = decodeKey(entry['key'], `verify_keys.${keyId}`);
  }
  const oldVerifyKeys: Record<string, { key: Uint8Array; expiredTs: number }> = {};
  for (const [keyId, entry] of Object.entries(rawOld)) {
    if (!keyId.startsWith('ed25519:')) continue;
    if (!isJsonObject(entry)) throw new InvalidServerKeyDocumentError(`old_verify_keys.${keyId} is not an object`);
    oldVerifyKeys[keyId] = {
      key: decodeKey(entry['key'], `old_verify_keys.${keyId}`),
      expiredTs: timestamp(entry['expired_ts'], `old_verify_keys.${keyId}.expired_ts`),
    };
  }
  return { serverName, validUntilTs, verifyKeys, oldVerifyKeys, signatures };
}

/**
 * Verifies a `/_matrix/key/v2/server` response (or one entry of a notary's
 * `server_keys`): `server_name` must be the server asked about, the document
 * must list at least one current key, and it must carry a valid signature by
 * each of its own `verify_keys` ("Digital signatures for this object signed
 * using the verify_keys"). Other signatures (a notary's) are not looked at.
 *
 * An expired document still verifies: its keys can check events sent while
 * they were valid. With `now`, the result reports `expired` and the
 * `effectiveValidUntilTs` capped at 7 days.
 *
 * @throws {InvalidServerKeyDocumentError} for a structurally malformed document.
 * @example
 * const result = verifyServerKeyDocument(await fetchJson('https://example.org/_matrix/key/v2/server'),
 *   { serverName: 'example.org', now: Date.now() });
 * if (result.ok) cache(result.verifyKeys, result.effectiveValidUntilTs);
 */
export function verifyServerKeyDocument(doc: unknown, options: VerifyServerKeyDocumentOptions): ServerKeyDocumentVerification {
  const parsed = parseServerKeyDocument(doc);
  if (parsed.serverName !== options.serverName) {
    return { ok: false, reason: `server_name ${JSON.stringify(parsed.serverName)} is not ${JSON.stringify(options.serverName)}` };
  }
  const keyIds = Object.keys(parsed.verifyKeys);
  if (keyIds.length === 0) return { ok: false, reason: 'verify_keys has no ed25519 key' };
  const own = parsed.signatures[parsed.serverName];
  for (const keyId of keyIds) {
    if (!isJsonObject(own) || typeof own[keyId] !== 'string') return { ok: false, reason: `not signed by its key ${keyId}` };
    let ok: boolean;
    try {
      ok = verifyJsonSignature(doc as JsonObject, parsed.serverName, keyId, parsed.verifyKeys[keyId]!);
    } catch {
      ok = false;
    }
    if (!ok) return { ok: false, reason: `signature by ${keyId} does not verify` };
  }
  const result: ServerKeyDocumentVerification = {
    ok: true,
    serverName: parsed.serverName,
    validUntilTs: parsed.validUntilTs,
    verifyKeys: parsed.verifyKeys,
    oldVerifyKeys: parsed.oldVerifyKeys,
  };
  if (options.now !== undefined) {
    result.expired = parsed.validUntilTs < options.now;
    result.effectiveValidUntilTs = effectiveValidUntilTs(parsed.validUntilTs, options.now);
  }
  return result;
}

/**
 * Verifying a notary's answer to `/_matrix/key/v2/query` (spec: server-server-api
 * "Querying Keys Through Another Server"; `keys_query.yaml`, `keys_query_response.yaml`).
 *
 * @module
 */
import { verifyJsonSignature } from '../crypto/sign-json.js';
import type { JsonObject } from '../json/json-value.js';
import { isJsonObject } from '../json/json-value.js';
import { InvalidServerKeyDocumentError } from './invalid-server-key-document-error.js';
import type { VerifyKeyLookup } from './verify-key-lookup.js';
import { normalizeVerifyKey } from './verify-key-lookup.js';
import type { VerifiedServerKeys } from './verify-server-key-document.js';
import { verifyServerKeyDocument } from './verify-server-key-document.js';

/** The most documents accepted in one notary response. */
export const MAX_NOTARY_SERVER_KEYS = 256;

/** The outcome for one document of a notary response. */
export type NotaryEntryVerification =
  | ({ ok: true; notaryKeyIds: string[] } & VerifiedServerKeys)
  | { ok: false; serverName?: string; reason: string };

/** The options of {@link verifyNotaryKeyResponse}. */
export interface VerifyNotaryKeyResponseOptions {
  /** The notary server asked. */
  notaryServerName: string;
  /** Finds the notary's own public keys (which the caller trusts). */
  lookupNotaryKey: VerifyKeyLookup;
  /** The current time in ms, passed on to {@link verifyServerKeyDocument}. */
  now?: number;
  /** If given, documents for other servers fail ("not asked for"). */
  requestedServerNames?: readonly string[];
}

/**
 * Verifies each document in a notary's `{ server_keys: [...] }` response: the
 * origin's self-signatures as {@link verifyServerKeyDocument} does (with the
 * document's own `server_name`), and the notary's signature ("The receiving
 * (notary) server must sign the keys returned"): at least one signature by a
 * notary key `lookupNotaryKey` knows, and no known notary key's signature failing.
 *
 * One bad document does not spoil the others: each has its own result.
 *
 * @throws {InvalidServerKeyDocumentError} if the response is not an object with
 *   a `server_keys` array of at most {@link MAX_NOTARY_SERVER_KEYS} entries.
 * @example
 * const results = await verifyNotaryKeyResponse(body, { notaryServerName: 'matrix.org', lookupNotaryKey });
 * const good = results.filter((r) => r.ok);
 */
export async function verifyNotaryKeyResponse(
  response: unknown,
  options: VerifyNotaryKeyResponseOptions,
): Promise<NotaryEntryVerification[]> {
  if (!isJsonObject(response)) throw new InvalidServerKeyDocumentError('the notary response is not a JSON object');
  const docs = response['server_keys'];
  if (!Array.isArray(docs)) throw new InvalidServerKeyDocumentError('server_keys is not an array');
  if (docs.length > MAX_NOTARY_SERVER_KEYS) throw new InvalidServerKeyDocumentError(`more than ${MAX_NOTARY_SERVER_KEYS} entries in server_keys`);
  const results: NotaryEntryVerification[] = [];
  for (const doc of docs) results.push(await verifyEntry(doc, options));
  return results;
}

async function verifyEntry(doc: unknown, options: VerifyNotaryKeyResponseOptions): Promise<NotaryEntryVerification> {
  const serverName = isJsonObject(doc) && typeof doc['server_name'] === 'string' ? doc['server_name'] : undefined;
  const named = serverName === undefined ? {} : { serverName };
  if (serverName === undefined) return { ok: false, reason: 'server_name is missing' };
  if (options.requestedServerNames !== undefined && !options.requestedServerNames.includes(serverName)) {
    return { ok: false, ...named, reason: 'keys for a server that was not asked for' };
  }
  let self;
  try {
    self = verifyServerKeyDocument(doc, { serverName, ...(options.now !== undefined ? { now: options.now } : {}) });
  } catch (error) {
    return { ok: false, ...named, reason: error instanceof Error ? error.message : String(error) };
  }
  if (!self.ok) return { ok: false, ...named, reason: self.reason };

  const notary = options.notaryServerName;
  const signatures = (doc as JsonObject)['signatures'] as JsonObject;
  const entry = signatures[notary];
  if (!isJsonObject(entry)) return { ok: false, ...named, reason: `not signed by the notary ${notary}` };
  const notaryKeyIds: string[] = [];
  for (const keyId of Object.keys(entry)) {
    if (!keyId.startsWith('ed25519:')) continue;
    const info = normalizeVerifyKey(await options.lookupNotaryKey(notary, keyId));
    if (info === undefined) continue;
    let ok: boolean;
    try {
      ok = verifyJsonSignature(doc as JsonObject, notary, keyId, info.key);
    } catch {
      ok = false;
    }
    if (!ok) return { ok: false, ...named, reason: `the notary's signature by ${keyId} does not verify` };
    notaryKeyIds.push(keyId);
  }
  if (notaryKeyIds.length === 0) return { ok: false, ...named, reason: `no signature by a known key of the notary ${notary}` };
  const { ok: _ok, ...keys } = self;
  return { ok: true, notaryKeyIds, ...keys };
}

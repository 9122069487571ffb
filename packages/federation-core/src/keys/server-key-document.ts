/**
 * Building a server's key document, the `/_matrix/key/v2/server` response (spec:
 * server-server-api "Publishing Keys"; `api/server-server/definitions/keys.yaml`).
 *
 * @module
 */
import { isValidServerName } from '@maxtryx/entity';
import type { SigningKey } from '../crypto/signing-key.js';
import { signJson } from '../crypto/sign-json.js';
import { encodeBase64 } from '../encoding/base64.js';
import type { JsonObject } from '../json/json-value.js';
import { InvalidServerKeyDocumentError } from './invalid-server-key-document-error.js';

/** A server key document as published at `/_matrix/key/v2/server`. */
export interface ServerKeyDocument {
  /** The server's name. */
  server_name: string;
  /** Current keys, by key ID (`ed25519:version`), valid for requests and events. */
  verify_keys: Record<string, { key: string }>;
  /** Former keys, valid only for events up to `expired_ts`. */
  old_verify_keys?: Record<string, { key: string; expired_ts: number }>;
  /** When the keys should be refreshed (ms since the epoch). */
  valid_until_ts: number;
  /** Signatures by each current key (and, from a notary, the notary's). */
  signatures: Record<string, Record<string, string>>;
  [key: string]: unknown;
}

/** A former key for `old_verify_keys`. */
export interface OldVerifyKey {
  /** The key ID, `ed25519:version`. */
  keyId: string;
  /** The public key: 32 bytes, or their unpadded base64. */
  publicKey: Uint8Array | string;
  /** When the server stopped using it (ms since the epoch). */
  expiredTs: number;
}

/** The input of {@link buildServerKeyDocument}. */
export interface BuildServerKeyDocumentOptions {
  /** The server's name. */
  serverName: string;
  /** The current signing keys; the document is signed with every one. */
  keys: readonly SigningKey[];
  /** Former keys. */
  oldVerifyKeys?: readonly OldVerifyKey[];
  /** When the keys should be refreshed; `keys_server.yaml` asks for at least an hour ahead. */
  validUntilTs: number;
}

// keys.yaml: "The version must have characters matching the regular expression [a-zA-Z0-9_]".
const ED25519_KEY_ID = /^ed25519:[A-Za-z0-9_]+$/;

/**
 * Builds the `/_matrix/key/v2/server` response for a server, signed by each of
 * its current keys (`signatures` "signed using the verify_keys"). `old_verify_keys`
 * is always present, empty if there are none, as deployed servers publish it.
 *
 * @throws {InvalidServerKeyDocumentError} for an invalid server name, no keys, a
 *   key ID not of the form `ed25519:[A-Za-z0-9_]+`, a key ID given twice, or a
 *   timestamp that is not a non-negative integer.
 * @example
 * const key = generateSigningKey('a_1');
 * const doc = buildServerKeyDocument({ serverName: 'example.org', keys: [key], validUntilTs: Date.now() + 86_400_000 });
 * doc.verify_keys['ed25519:a_1'].key; // unpadded base64 of key.publicKey
 */
export function buildServerKeyDocument(options: BuildServerKeyDocumentOptions): ServerKeyDocument {
  const { serverName, keys, validUntilTs } = options;
  if (!isValidServerName(serverName)) throw new InvalidServerKeyDocumentError(`server name ${JSON.stringify(serverName)} is not valid`);
  if (keys.length === 0) throw new InvalidServerKeyDocumentError('no current keys to publish and sign with');
  if (!Number.isSafeInteger(validUntilTs) || validUntilTs < 0) throw new InvalidServerKeyDocumentError('valid_until_ts is not a non-negative integer');
  const seen = new Set<string>();
  const claim = (keyId: string) => {
    if (!ED25519_KEY_ID.test(keyId)) throw new InvalidServerKeyDocumentError(`key ID ${JSON.stringify(keyId)} is not ed25519:[A-Za-z0-9_]+`);
    if (seen.has(keyId)) throw new InvalidServerKeyDocumentError(`key ID ${keyId} given twice`);
    seen.add(keyId);
  };
  const verifyKeys: Record<string, { key: string }> = {};
  for (const key of keys) {
    claim(key.keyId);
    verifyKeys[key.keyId] = { key: encodeBase64(key.publicKey) };
  }
  const oldVerifyKeys: Record<string, { key: string; expired_ts: number }> = {};
  for (const old of options.oldVerifyKeys ?? []) {
    claim(old.keyId);
    if (!Number.isSafeInteger(old.expiredTs) || old.expiredTs < 0) throw new InvalidServerKeyDocumentError(`expired_ts of ${old.keyId} is not a non-negative integer`);
    oldVerifyKeys[old.keyId] = { key: typeof old.publicKey === 'string' ? old.publicKey : encodeBase64(old.publicKey), expired_ts: old.expiredTs };
  }
  let doc: JsonObject = {
    server_name: serverName,
    verify_keys: verifyKeys,
    old_verify_keys: oldVerifyKeys,
    valid_until_ts: validUntilTs,
  };
  // keys.yaml, `signatures`: "Digital signatures for this object signed using the verify_keys."
  for (const key of keys) doc = signJson(doc, serverName, key) as JsonObject;
  return doc as unknown as ServerKeyDocument;
}

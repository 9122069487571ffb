/**
 * A key lookup over verified key documents.
 *
 * @module
 */
import type { VerifyKeyInfo, VerifyKeyLookup } from './verify-key-lookup.js';
import type { VerifiedServerKeys } from './verify-server-key-document.js';

/**
 * A {@link VerifyKeyLookup} answering from verified key documents: a current key
 * comes with its document's validity (`effectiveValidUntilTs` when known, else
 * `valid_until_ts`), a former key with its `expiredTs`. Where several documents
 * know a key ID, a current key wins over a former one, and the later validity wins.
 *
 * @example
 * const lookup = serverKeysLookup([verifyServerKeyDocument(doc, { serverName: 'example.org' })].filter((r) => r.ok));
 * await verifyEventSignatures(pdu, '10', lookup);
 */
export function serverKeysLookup(documents: readonly VerifiedServerKeys[]): VerifyKeyLookup {
  const table = new Map<string, Map<string, VerifyKeyInfo>>();
  const put = (serverName: string, keyId: string, info: VerifyKeyInfo) => {
    let keys = table.get(serverName);
    if (!keys) table.set(serverName, (keys = new Map()));
    const existing = keys.get(keyId);
    if (existing === undefined) return void keys.set(keyId, info);
    const existingCurrent = existing.expiredTs === undefined;
    const current = info.expiredTs === undefined;
    if (current && !existingCurrent) return void keys.set(keyId, info);
    if (current === existingCurrent) {
      const later = current ? (info.validUntilTs ?? 0) > (existing.validUntilTs ?? 0) : (info.expiredTs ?? 0) > (existing.expiredTs ?? 0);
      if (later) keys.set(keyId, info);
    }
  };
  for (const doc of documents) {
    for (const [keyId, key] of Object.entries(doc.oldVerifyKeys)) put(doc.serverName, keyId, { key: key.key, expiredTs: key.expiredTs });
    for (const [keyId, key] of Object.entries(doc.verifyKeys)) {
      put(doc.serverName, keyId, { key, validUntilTs: doc.effectiveValidUntilTs ?? doc.validUntilTs });
    }
  }
  return (serverName, keyId) => table.get(serverName)?.get(keyId);
}

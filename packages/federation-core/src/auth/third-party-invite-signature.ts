/**
 * Rule "any signature in `signed` matches any public key in the
 * `m.room.third_party_invite` event" (v1 rule 5.3.1.7).
 *
 * @module
 */
import { verifyJsonSignature } from '../crypto/sign-json.js';
import type { JsonObject } from '../json/json-value.js';
import { isJsonObject } from '../json/json-value.js';

/**
 * The public keys of an `m.room.third_party_invite` content: `public_key`, then
 * each `public_keys[].public_key`; non-strings are skipped.
 *
 * @example
 * thirdPartyInvitePublicKeys({ public_key: 'a', public_keys: [{ public_key: 'b' }] }); // ['a', 'b']
 */
export function thirdPartyInvitePublicKeys(content: unknown): string[] {
  if (!isJsonObject(content)) return [];
  const keys: string[] = [];
  if (typeof content['public_key'] === 'string') keys.push(content['public_key']);
  const list = content['public_keys'];
  if (Array.isArray(list)) {
    for (const entry of list) if (isJsonObject(entry) && typeof entry['public_key'] === 'string') keys.push(entry['public_key']);
  }
  return keys;
}

/** Identity servers publish keys in standard or URL-safe base64, padded or not: normalise to unpadded standard base64. */
function normaliseBase64(key: string): string {
  return key.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
}

/**
 * Whether any `ed25519` signature in `signed.signatures` verifies against any
 * of `publicKeys`. Malformed signatures or keys count as not matching.
 *
 * @example
 * verifyThirdPartyInviteSigned(content.third_party_invite.signed, thirdPartyInvitePublicKeys(invite.content));
 */
export function verifyThirdPartyInviteSigned(signed: JsonObject, publicKeys: readonly string[]): boolean {
  const signatures = signed['signatures'];
  if (!isJsonObject(signatures)) return false;
  for (const publicKey of publicKeys) {
    const key = normaliseBase64(publicKey);
    for (const [server, block] of Object.entries(signatures)) {
      if (!isJsonObject(block)) continue;
      for (const keyId of Object.keys(block)) {
        if (!keyId.startsWith('ed25519:')) continue;
        try {
          if (verifyJsonSignature(signed, server, keyId, key)) return true;
        } catch {
          // a malformed key or signature matches nothing
        }
      }
    }
  }
  return false;
}

/**
 * How the verification functions of this package ask for a server's public key.
 *
 * @module
 */

/**
 * A public key with what a key document says about its validity
 * (spec: server-server-api "Retrieving server keys", `keys.yaml`).
 */
export interface VerifyKeyInfo {
  /** The ed25519 public key: 32 bytes, or their unpadded base64. */
  key: Uint8Array | string;
  /**
   * For a key from `verify_keys`: the document's `valid_until_ts`, ideally capped
   * at 7 days after it was fetched (see `effectiveValidUntilTs`). Enforced for
   * events only in room versions with `enforceSigningKeyValidity` (v5 onwards).
   */
  validUntilTs?: number;
  /**
   * For a key from `old_verify_keys`: its `expired_ts`. Such a key verifies only
   * events whose `origin_server_ts` is not after it, in every room version, and
   * never verifies requests.
   */
  expiredTs?: number;
}

/** What a key lookup answers: the key, the key with its validity, or `undefined` when unknown. */
export type VerifyKeyLookupResult = Uint8Array | string | VerifyKeyInfo | undefined;

/**
 * Finds the public key `keyId` (e.g. `ed25519:abc`) of `serverName`, from a cache,
 * a `/_matrix/key/v2/server` response or a notary. Returns `undefined` for an
 * unknown key; the signature it would check is then skipped or fails, as the
 * caller's algorithm says.
 */
export type VerifyKeyLookup = (
  serverName: string,
  keyId: string,
) => VerifyKeyLookupResult | Promise<VerifyKeyLookupResult>;

/**
 * A lookup result in one shape: `undefined` stays `undefined`.
 *
 * @example
 * normalizeVerifyKey('base64key'); // { key: 'base64key' }
 */
export function normalizeVerifyKey(result: VerifyKeyLookupResult): VerifyKeyInfo | undefined {
  if (result === undefined) return undefined;
  if (typeof result === 'string' || result instanceof Uint8Array) return { key: result };
  return result;
}

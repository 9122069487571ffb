/**
 * Verifying the `Authorization` header of a received federation request (spec:
 * server-server-api, "Request Authentication").
 *
 * @module
 */
import { verifyJsonSignature } from '../crypto/sign-json.js';
import type { CanonicalJsonOptions } from '../json/canonical-json.js';
import type { JsonObject, JsonValue } from '../json/json-value.js';
import type { VerifyKeyLookup } from '../keys/verify-key-lookup.js';
import { normalizeVerifyKey } from '../keys/verify-key-lookup.js';
import { xMatrixSignedJson } from './build-x-matrix-authorization.js';
import type { XMatrixAuthorization } from './parse-x-matrix-authorization.js';
import { parseXMatrixAuthorization } from './parse-x-matrix-authorization.js';

/** What {@link verifyXMatrixAuthorization} needs to know about the request. */
export interface VerifyXMatrixOptions {
  /** The raw `Authorization` header value, or its parsed parameters. */
  header: string | XMatrixAuthorization;
  /** The request's HTTP method. */
  method: string;
  /** The request target as received, from `/_matrix/...` on, with the query string. */
  uri: string;
  /** Our own server name: the request's destination. */
  destination: string;
  /** The JSON-parsed request body, or `undefined` when there is none. */
  content?: JsonValue;
  /** Finds the origin's public key. */
  lookupKey: VerifyKeyLookup;
  /** The current time in ms; given, a key whose `validUntilTs` is before it is refused. */
  now?: number;
  /**
   * How numbers of the body are encoded in the signed canonical JSON (default `'strict'`):
   * `'lenient'` accepts a body carrying floats, as PDUs of room versions 1 to 5 may (see
   * `XMatrixSigningOptions.canonicalJson`).
   */
  canonicalJson?: CanonicalJsonOptions;
}

/** The outcome of {@link verifyXMatrixAuthorization}. */
export type XMatrixVerification =
  | { ok: true; origin: string; keyId: string }
  | { ok: false; reason: string; origin?: string; error?: Error };

/**
 * Verifies a federation request's X-Matrix authorization: parses the header,
 * checks that a `destination` parameter, when present, names us (otherwise the
 * spec requires a 401), rebuilds the signed JSON (with our name as `destination`,
 * which is what older servers that omit the parameter signed), and checks the
 * signature with the origin's key.
 *
 * Keys from `old_verify_keys` (a lookup result with `expiredTs`) are "only valid
 * for signing events" and are refused here.
 *
 * Never throws for a bad header or signature: the result says why (and carries
 * the `InvalidXMatrixHeaderError` for a malformed header). Answer a failure
 * with 401 `M_UNAUTHORIZED`.
 *
 * @example
 * const result = await verifyXMatrixAuthorization({ header: req.headers.authorization, method: 'PUT',
 *   uri: '/_matrix/federation/v1/send/1', destination: 'b.example', content: body, lookupKey });
 * if (!result.ok) return unauthorized(result.reason);
 */
export async function verifyXMatrixAuthorization(options: VerifyXMatrixOptions): Promise<XMatrixVerification> {
  let auth: XMatrixAuthorization;
  if (typeof options.header === 'string') {
    try {
      auth = parseXMatrixAuthorization(options.header);
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error), ...(error instanceof Error ? { error } : {}) };
    }
  } else {
    auth = options.header;
  }
  const { origin, key: keyId, signature } = auth;
  // "If this property is included, but the value does not match the receiving server's name,
  // the receiving server must deny the request with an HTTP status code 401 Unauthorized."
  if (auth.destination !== undefined && auth.destination !== options.destination) {
    return { ok: false, origin, reason: `destination ${JSON.stringify(auth.destination)} is not this server (${options.destination})` };
  }
  if (!keyId.startsWith('ed25519:')) return { ok: false, origin, reason: `unsupported key algorithm in ${keyId}` };
  const info = normalizeVerifyKey(await options.lookupKey(origin, keyId));
  if (info === undefined) return { ok: false, origin, reason: `unknown key ${keyId} of ${origin}` };
  // "old_verify_keys which are only valid for signing events" (server-server-api, "Publishing Keys").
  if (info.expiredTs !== undefined) return { ok: false, origin, reason: `key ${keyId} of ${origin} is an old key, valid for events only` };
  if (options.now !== undefined && info.validUntilTs !== undefined && info.validUntilTs < options.now) {
    return { ok: false, origin, reason: `key ${keyId} of ${origin} expired at ${info.validUntilTs}` };
  }
  // Step 1 of "Request Authentication": the signed JSON, with the signature from the header.
  const signed: JsonObject = {
    ...xMatrixSignedJson({
      method: options.method,
      uri: options.uri,
      origin,
      destination: options.destination,
      ...(options.content !== undefined ? { content: options.content } : {}),
    }),
    signatures: { [origin]: { [keyId]: signature } },
  };
  let ok: boolean;
  try {
    ok = verifyJsonSignature(signed, origin, keyId, info.key, options.canonicalJson);
  } catch (error) {
    return { ok: false, origin, reason: `signature cannot be checked: ${error instanceof Error ? error.message : String(error)}`, ...(error instanceof Error ? { error } : {}) };
  }
  return ok ? { ok: true, origin, keyId } : { ok: false, origin, reason: `signature by ${keyId} of ${origin} does not verify` };
}

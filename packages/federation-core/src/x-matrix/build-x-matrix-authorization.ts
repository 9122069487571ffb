/**
 * Signing a federation request (spec: server-server-api, "Request Authentication").
 *
 * @module
 */
import type { SigningKey } from '../crypto/signing-key.js';
import { signJson } from '../crypto/sign-json.js';
import type { CanonicalJsonOptions } from '../json/canonical-json.js';
import type { JsonObject, JsonValue } from '../json/json-value.js';

/** What {@link buildXMatrixAuthorization} signs. */
export interface XMatrixRequest {
  /** The HTTP method, e.g. `PUT`. */
  method: string;
  /** The request target from `/_matrix/...` on, with `?` and the query string if any; no scheme or host. */
  uri: string;
  /** The sending server's name (before any delegation). */
  origin: string;
  /** The receiving server's name (before any delegation). */
  destination: string;
  /** The JSON-parsed request body; omit when the request has none. */
  content?: JsonValue;
}

/** Options of {@link buildXMatrixAuthorization} and `verifyXMatrixAuthorization`. */
export interface XMatrixSigningOptions {
  /**
   * How numbers of the body are encoded in the signed canonical JSON. Default `'strict'`.
   * `'lenient'` also encodes floats and out-of-range integers, so a body carrying PDUs of
   * room versions 1 to 5 (which may hold them) can be signed and verified, as other servers
   * do; for a body without such numbers both modes give the same bytes.
   */
  canonicalJson?: CanonicalJsonOptions;
}

/**
 * The JSON object a request's signature covers: `method`, `uri`, `origin`,
 * `destination` and, if the request has a body, `content` (step 1 of "Request
 * Authentication").
 *
 * @example
 * xMatrixSignedJson({ method: 'GET', uri: '/_matrix/federation/v1/version', origin: 'a.example', destination: 'b.example' });
 * // { method: 'GET', uri: '/_matrix/federation/v1/version', origin: 'a.example', destination: 'b.example' }
 */
export function xMatrixSignedJson(request: XMatrixRequest): JsonObject {
  const json: JsonObject = {
    method: request.method,
    uri: request.uri,
    origin: request.origin,
    destination: request.destination,
  };
  if (request.content !== undefined) json['content'] = request.content;
  return json;
}

/** A header parameter value as an RFC 9110 quoted-string. */
function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * Builds the `Authorization` header value for a federation request: signs the
 * request JSON with `key` as `origin` and formats
 * `X-Matrix origin="...",destination="...",key="...",sig="..."`, in the form the
 * spec asks senders to use for older servers (one space, lower-case names, no
 * whitespace around commas, quoted values).
 *
 * @throws {InvalidSignatureInputError} (caused by a `CanonicalJsonError`) if `content` holds a
 *   value canonical JSON forbids in the `options.canonicalJson` mode.
 * @example
 * buildXMatrixAuthorization({ method: 'GET', uri: '/_matrix/federation/v1/version',
 *   origin: 'a.example', destination: 'b.example', key });
 * // 'X-Matrix origin="a.example",destination="b.example",key="ed25519:1",sig="..."'
 */
export function buildXMatrixAuthorization(request: XMatrixRequest & { key: SigningKey }, options?: XMatrixSigningOptions): string {
  const signed = signJson(xMatrixSignedJson(request), request.origin, request.key, options?.canonicalJson) as JsonObject;
  // signJson always adds `signatures[origin][keyId]`.
  const sig = (signed['signatures'] as Record<string, Record<string, string>>)[request.origin]![request.key.keyId]!;
  return (
    `X-Matrix origin=${quote(request.origin)},destination=${quote(request.destination)},` +
    `key=${quote(request.key.keyId)},sig=${quote(sig)}`
  );
}

/**
 * Parsing the `Authorization: X-Matrix ...` header of a federation request
 * (spec: server-server-api, "Request Authentication").
 *
 * @module
 */
import { isValidServerName } from '@maxtryx/entity';

/** The longest header value accepted, in UTF-16 code units. Real headers are about 250. */
export const MAX_X_MATRIX_HEADER_LENGTH = 8192;

/** The most parameters accepted in one header (including unknown ones, which are ignored). */
export const MAX_X_MATRIX_PARAMS = 32;

/** Thrown for an `Authorization` header that is not a well-formed X-Matrix header. */
export class InvalidXMatrixHeaderError extends Error {
  override readonly name = 'InvalidXMatrixHeaderError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`invalid X-Matrix authorization header: ${message}`, options);
  }
}

/** The parameters of an X-Matrix header. */
export interface XMatrixAuthorization {
  /** `origin`: the sending server's name. */
  origin: string;
  /** `destination`: the receiving server's name; absent in headers from servers older than spec v1.3. */
  destination?: string;
  /** `key`: the signing key ID, e.g. `ed25519:abc`. */
  key: string;
  /** `sig`: the unpadded base64 signature. */
  signature: string;
}

// RFC 9110 section 5.6.2: tchar.
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
// Server-server-api: "the recipient should allow colons to be included in values without
// requiring the value to be enclosed in quotes".
const UNQUOTED_VALUE_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z:]/;
const KEY_ID = /^[A-Za-z0-9_-]+:[A-Za-z0-9_]+$/;

function isWhitespace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/**
 * Parses an `Authorization` header value with the `X-Matrix` scheme.
 *
 * Lenient where the spec is (RFC 9110 section 11.4 credentials): the scheme is
 * matched case-insensitively and followed by one or more spaces; parameters are
 * comma-separated with optional spaces and tabs around commas and `=`; names are
 * case-insensitive; values are tokens (colons allowed) or quoted strings whose
 * backslash escapes are undone; `destination` may be missing; unknown
 * parameters are ignored. The signature parameter is `sig`, as every deployed
 * server sends; the spec's prose name `signature` is accepted as an alias.
 *
 * Strict where ambiguity would be a risk: a parameter given twice (or `sig`
 * together with `signature`), a missing `origin`, `key` or `sig`, a key ID not of
 * the form `algorithm:version`, an `origin` or `destination` that is not a
 * server name, and anything after a closing quote other than a
 * comma are errors.
 *
 * @throws {InvalidXMatrixHeaderError} naming what is wrong.
 * @example
 * parseXMatrixAuthorization('X-Matrix origin="a.example",destination="b.example",key="ed25519:1",sig="ABC"');
 * // { origin: 'a.example', destination: 'b.example', key: 'ed25519:1', signature: 'ABC' }
 */
export function parseXMatrixAuthorization(header: string): XMatrixAuthorization {
  if (typeof header !== 'string') throw new InvalidXMatrixHeaderError('the header is not a string');
  if (header.length > MAX_X_MATRIX_HEADER_LENGTH) {
    throw new InvalidXMatrixHeaderError(`longer than ${MAX_X_MATRIX_HEADER_LENGTH} characters`);
  }
  // Field values carry no leading or trailing whitespace (RFC 9110 section 5.5).
  const value = header.replace(/^[ \t]+|[ \t]+$/g, '');
  const scheme = value.slice(0, 8);
  if (scheme.toLowerCase() !== 'x-matrix') throw new InvalidXMatrixHeaderError('the auth scheme is not X-Matrix');
  // "followed by one or more spaces"
  if (value.length > 8 && value[8] !== ' ') throw new InvalidXMatrixHeaderError('the auth scheme is not X-Matrix');

  const params = new Map<string, string>();
  let i = 8;
  const n = value.length;
  let count = 0;
  for (;;) {
    // Skip whitespace and empty list elements (RFC 9110 section 5.6.1.2).
    while (i < n && (isWhitespace(value[i]) || value[i] === ',')) i++;
    if (i >= n) break;
    if (++count > MAX_X_MATRIX_PARAMS) throw new InvalidXMatrixHeaderError(`more than ${MAX_X_MATRIX_PARAMS} parameters`);

    const nameStart = i;
    while (i < n && TCHAR.test(value[i]!)) i++;
    if (i === nameStart) throw new InvalidXMatrixHeaderError(`expected a parameter name at position ${i}`);
    const name = value.slice(nameStart, i).toLowerCase();
    while (i < n && isWhitespace(value[i])) i++;
    if (value[i] !== '=') throw new InvalidXMatrixHeaderError(`expected "=" after parameter ${JSON.stringify(name)}`);
    i++;
    while (i < n && isWhitespace(value[i])) i++;

    let paramValue = '';
    if (value[i] === '"') {
      // quoted-string with quoted-pair (RFC 9110 section 5.6.4).
      i++;
      let closed = false;
      while (i < n) {
        const c = value[i]!;
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        if (c === '\\') {
          if (i + 1 >= n) break;
          paramValue += value[i + 1];
          i += 2;
          continue;
        }
        paramValue += c;
        i++;
      }
      if (!closed) throw new InvalidXMatrixHeaderError(`unterminated quoted value for ${JSON.stringify(name)}`);
    } else {
      const start = i;
      while (i < n && UNQUOTED_VALUE_CHAR.test(value[i]!)) i++;
      if (i === start) throw new InvalidXMatrixHeaderError(`missing value for ${JSON.stringify(name)}`);
      paramValue = value.slice(start, i);
    }
    while (i < n && isWhitespace(value[i])) i++;
    if (i < n && value[i] !== ',') {
      throw new InvalidXMatrixHeaderError(`unexpected ${JSON.stringify(value[i])} after parameter ${JSON.stringify(name)}`);
    }

    // `signature` is the spec prose's name for what every server sends as `sig`.
    const canonicalName = name === 'signature' ? 'sig' : name;
    if (params.has(canonicalName)) throw new InvalidXMatrixHeaderError(`parameter ${JSON.stringify(name)} given more than once`);
    params.set(canonicalName, paramValue);
  }

  const origin = params.get('origin');
  const key = params.get('key');
  const signature = params.get('sig');
  if (origin === undefined || origin === '') throw new InvalidXMatrixHeaderError('missing origin');
  if (key === undefined || key === '') throw new InvalidXMatrixHeaderError('missing key');
  if (signature === undefined || signature === '') throw new InvalidXMatrixHeaderError('missing sig');
  if (!isValidServerName(origin)) throw new InvalidXMatrixHeaderError(`origin ${JSON.stringify(origin)} is not a server name`);
  if (!KEY_ID.test(key)) throw new InvalidXMatrixHeaderError(`key ${JSON.stringify(key)} is not of the form algorithm:version`);
  const destination = params.get('destination');
  const result: XMatrixAuthorization = { origin, key, signature };
  if (destination !== undefined) {
    if (!isValidServerName(destination)) {
      throw new InvalidXMatrixHeaderError(`destination ${JSON.stringify(destination)} is not a server name`);
    }
    result.destination = destination;
  }
  return result;
}

/**
 * Event IDs, per the appendix "Event IDs" and the room version specifications:
 *
 * - `v1` (room versions 1 and 2, fragment "v1-event-ids"): `$opaque_id:domain`, where
 *   `domain` is a server name; the opaque part is read like a historical localpart here
 *   (non-empty, no `:`, no NUL, no lone surrogate).
 * - `v3` (room version 3): `$` + the reference hash in unpadded standard base64, i.e. 43
 *   characters of `[A-Za-z0-9+/]` (a SHA-256 hash is 32 bytes).
 * - `v4` (room versions 4 and later, fragment "v4-event-ids"): `$` + the reference hash in
 *   URL-safe unpadded base64, i.e. 43 characters of `[A-Za-z0-9_-]`.
 *
 * Every event ID, sigil and domain included, MUST NOT exceed 255 bytes (UTF-8). The
 * base64 forms are checked for alphabet and length only (not that the unused low bits of
 * the last character are zero).
 *
 * @module
 */
import { serverNameProblem } from './server-name.js';
import { MAX_IDENTIFIER_BYTES, opaqueLocalpartProblem, splitAtFirstColon, utf8ByteLength } from './unicode.js';

/** An event ID such as `$abc:example.org` (v1) or `$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg` (v4). */
export type EventId = `$${string}`;

/**
 * The event ID format of a room version: `v1` for room versions 1 and 2, `v3` for room
 * version 3, `v4` for room versions 4 and later; `any` accepts any of the three.
 */
export type EventIdFormat = 'v1' | 'v3' | 'v4' | 'any';

/** Thrown by {@link assertValidEventId}. */
export class InvalidEventIdError extends Error {
  override readonly name = 'InvalidEventIdError';
  constructor(
    /** The rejected value. */
    readonly value: unknown,
    /** Why it was rejected. */
    readonly reason: string,
  ) {
    super(`invalid event ID ${JSON.stringify(value)}: ${reason}`);
  }
}

const STANDARD_HASH = /^[A-Za-z0-9+/]{43}$/;
const URL_SAFE_HASH = /^[A-Za-z0-9_-]{43}$/;

function domainFormProblem(rest: string): string | undefined {
  const parts = splitAtFirstColon(rest);
  if (parts === undefined) return 'missing ":" before the server name';
  if (parts[0] === '') return 'empty opaque part';
  const serverProblem = serverNameProblem(parts[1]);
  if (serverProblem !== undefined) return `server name: ${serverProblem}`;
  return opaqueLocalpartProblem(parts[0]);
}

/**
 * Returns why `value` is not an event ID of the given format (default `any`), or
 * undefined when it is one.
 *
 * @example
 * eventIdProblem('$abc:example.org', 'v4'); // 'must be $ followed by 43 characters of URL-safe unpadded base64'
 */
export function eventIdProblem(value: unknown, format: EventIdFormat = 'any'): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  if (!value.startsWith('$')) return 'must start with the sigil $';
  if (utf8ByteLength(value) > MAX_IDENTIFIER_BYTES) return `longer than ${MAX_IDENTIFIER_BYTES} bytes`;
  const rest = value.slice(1);
  switch (format) {
    case 'v1':
      return domainFormProblem(rest);
    case 'v3':
      return STANDARD_HASH.test(rest) ? undefined : 'must be $ followed by 43 characters of unpadded base64';
    case 'v4':
      return URL_SAFE_HASH.test(rest) ? undefined : 'must be $ followed by 43 characters of URL-safe unpadded base64';
    case 'any':
      if (rest.includes(':')) return domainFormProblem(rest);
      if (STANDARD_HASH.test(rest) || URL_SAFE_HASH.test(rest)) return undefined;
      return 'must be $opaque:server_name, or $ followed by 43 characters of (URL-safe) unpadded base64';
  }
}

/**
 * Whether `value` is an event ID of the given format (default `any`: one of the formats
 * of some room version).
 *
 * @example
 * isValidEventId('$143273582443PhrSn:example.org'); // true
 * isValidEventId('$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg', 'v4'); // true
 * isValidEventId('$acR1l0raoZnm60CBwAVgqbZqoO/mYU81xysh1u7XcJk', 'v4'); // false ('/' is v3 only)
 */
export function isValidEventId(value: unknown, format: EventIdFormat = 'any'): value is EventId {
  return eventIdProblem(value, format) === undefined;
}

/**
 * Throws {@link InvalidEventIdError} unless `value` is an event ID of the given format.
 *
 * @example
 * assertValidEventId('$CD66HAED5npg6074c6pDtLKalHjVfYb2q4Q3LZgrW6o', 'v3');
 */
export function assertValidEventId(value: unknown, format: EventIdFormat = 'any'): asserts value is EventId {
  const problem = eventIdProblem(value, format);
  if (problem !== undefined) throw new InvalidEventIdError(value, problem);
}

/**
 * Room IDs, per the appendix "Room IDs" (spec v1.16) and room version 12:
 *
 * - `v1` (room versions 1 to 11): `!opaque_id:domain`, the localpart any non-surrogate
 *   code points except `:` and NUL (this library also requires it to be non-empty), the
 *   domain a server name.
 * - `v12` (room version 12 and later): the event ID of the `m.room.create` event with the
 *   sigil `!` instead of `$`, i.e. `!` + 43 characters of URL-safe unpadded base64.
 *
 * Either way the whole ID MUST NOT exceed 255 bytes (UTF-8).
 *
 * @module
 */
import { serverNameProblem } from './server-name.js';
import { MAX_IDENTIFIER_BYTES, opaqueLocalpartProblem, splitAtFirstColon, utf8ByteLength } from './unicode.js';

/** A room ID such as `!abc:example.org` or `!Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpYQ`. */
export type RoomId = `!${string}`;

/**
 * The room ID format: `v1` (with a domain, room versions 1 to 11), `v12` (a create event
 * hash, room version 12 on), or `any`.
 */
export type RoomIdFormat = 'v1' | 'v12' | 'any';

/** Thrown by {@link assertValidRoomId}. */
export class InvalidRoomIdError extends Error {
  override readonly name = 'InvalidRoomIdError';
  constructor(
    /** The rejected value. */
    readonly value: unknown,
    /** Why it was rejected. */
    readonly reason: string,
  ) {
    super(`invalid room ID ${JSON.stringify(value)}: ${reason}`);
  }
}

const URL_SAFE_HASH = /^[A-Za-z0-9_-]{43}$/;

function domainFormProblem(rest: string): string | undefined {
  const parts = splitAtFirstColon(rest);
  if (parts === undefined) return 'missing ":" before the server name';
  if (parts[0] === '') return 'empty localpart';
  const serverProblem = serverNameProblem(parts[1]);
  if (serverProblem !== undefined) return `server name: ${serverProblem}`;
  return opaqueLocalpartProblem(parts[0]);
}

/**
 * Returns why `value` is not a room ID of the given format (default `any`), or undefined.
 *
 * @example
 * roomIdProblem('!abc:example.org', 'v12'); // 'must be ! followed by 43 characters of URL-safe unpadded base64'
 */
export function roomIdProblem(value: unknown, format: RoomIdFormat = 'any'): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  if (!value.startsWith('!')) return 'must start with the sigil !';
  if (utf8ByteLength(value) > MAX_IDENTIFIER_BYTES) return `longer than ${MAX_IDENTIFIER_BYTES} bytes`;
  const rest = value.slice(1);
  const hashProblem = URL_SAFE_HASH.test(rest)
    ? undefined
    : 'must be ! followed by 43 characters of URL-safe unpadded base64';
  switch (format) {
    case 'v1':
      return domainFormProblem(rest);
    case 'v12':
      return hashProblem;
    case 'any':
      return rest.includes(':') ? domainFormProblem(rest) : hashProblem;
  }
}

/**
 * Whether `value` is a room ID of the given format (default `any`).
 *
 * @example
 * isValidRoomId('!636q39766251:example.com'); // true
 * isValidRoomId('!Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpYQ', 'v12'); // true
 * isValidRoomId('!636q39766251:example.com', 'v12'); // false
 */
export function isValidRoomId(value: unknown, format: RoomIdFormat = 'any'): value is RoomId {
  return roomIdProblem(value, format) === undefined;
}

/**
 * Throws {@link InvalidRoomIdError} unless `value` is a room ID of the given format.
 *
 * @example
 * assertValidRoomId('!636q39766251:example.com');
 */
export function assertValidRoomId(value: unknown, format: RoomIdFormat = 'any'): asserts value is RoomId {
  const problem = roomIdProblem(value, format);
  if (problem !== undefined) throw new InvalidRoomIdError(value, problem);
}

/**
 * Room aliases, per the appendix "Room Aliases": `#room_alias:domain`, the localpart any
 * non-surrogate code points except `:` and NUL, the domain a server name, and the whole
 * alias at most 255 bytes (UTF-8). This library also requires the localpart to be
 * non-empty (an alias names something).
 *
 * @module
 */
import { serverNameProblem } from './server-name.js';
import { MAX_IDENTIFIER_BYTES, opaqueLocalpartProblem, splitAtFirstColon, utf8ByteLength } from './unicode.js';

/** A room alias such as `#room:example.org`. */
export type RoomAlias = `#${string}:${string}`;

/** Thrown by {@link assertValidRoomAlias}. */
export class InvalidRoomAliasError extends Error {
  override readonly name = 'InvalidRoomAliasError';
  constructor(
    /** The rejected value. */
    readonly value: unknown,
    /** Why it was rejected. */
    readonly reason: string,
  ) {
    super(`invalid room alias ${JSON.stringify(value)}: ${reason}`);
  }
}

/**
 * Returns why `value` is not a room alias, or undefined when it is one.
 *
 * @example
 * roomAliasProblem('#room'); // 'missing ":" before the server name'
 */
export function roomAliasProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  if (!value.startsWith('#')) return 'must start with the sigil #';
  if (utf8ByteLength(value) > MAX_IDENTIFIER_BYTES) return `longer than ${MAX_IDENTIFIER_BYTES} bytes`;
  const parts = splitAtFirstColon(value.slice(1));
  if (parts === undefined) return 'missing ":" before the server name';
  if (parts[0] === '') return 'empty localpart';
  const serverProblem = serverNameProblem(parts[1]);
  if (serverProblem !== undefined) return `server name: ${serverProblem}`;
  return opaqueLocalpartProblem(parts[0]);
}

/**
 * Whether `value` is a room alias.
 *
 * @example
 * isValidRoomAlias('#somewhere:example.org'); // true
 * isValidRoomAlias('#somewhere'); // false
 */
export function isValidRoomAlias(value: unknown): value is RoomAlias {
  return roomAliasProblem(value) === undefined;
}

/**
 * Throws {@link InvalidRoomAliasError} unless `value` is a room alias.
 *
 * @example
 * assertValidRoomAlias('#somewhere:example.org');
 */
export function assertValidRoomAlias(value: unknown): asserts value is RoomAlias {
  const problem = roomAliasProblem(value);
  if (problem !== undefined) throw new InvalidRoomAliasError(value, problem);
}

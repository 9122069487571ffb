/**
 * User IDs, per the appendix "User Identifiers" (strict grammar, spec v1.8+):
 *
 *     user_id           = "@" user_id_localpart ":" server_name
 *     user_id_localpart = 1*user_id_char
 *     user_id_char      = DIGIT / %x61-7A / "-" / "." / "=" / "_" / "/" / "+"
 *
 * and "Historical User IDs": localparts of any non-surrogate code points except `:` and
 * NUL, including the empty string, which clients and servers MUST still accept. Either
 * way the whole ID, sigil and domain included, MUST NOT exceed 255 bytes (UTF-8).
 *
 * @module
 */
import { serverNameProblem } from './server-name.js';
import { MAX_IDENTIFIER_BYTES, opaqueLocalpartProblem, splitAtFirstColon, utf8ByteLength } from './unicode.js';

/** A user ID such as `@alice:example.org`. */
export type UserId = `@${string}:${string}`;

/** Thrown by {@link assertValidUserId} and {@link assertValidHistoricalUserId}. */
export class InvalidUserIdError extends Error {
  override readonly name = 'InvalidUserIdError';
  constructor(
    /** The rejected value. */
    readonly value: unknown,
    /** Why it was rejected. */
    readonly reason: string,
  ) {
    super(`invalid user ID ${JSON.stringify(value)}: ${reason}`);
  }
}

const STRICT_LOCALPART = /^[a-z0-9._=\-/+]+$/;

function commonProblem(value: unknown): string | [string, string] {
  if (typeof value !== 'string') return 'not a string';
  if (!value.startsWith('@')) return 'must start with the sigil @';
  if (utf8ByteLength(value) > MAX_IDENTIFIER_BYTES) return `longer than ${MAX_IDENTIFIER_BYTES} bytes`;
  const parts = splitAtFirstColon(value.slice(1));
  if (parts === undefined) return 'missing ":" before the server name';
  const serverProblem = serverNameProblem(parts[1]);
  if (serverProblem !== undefined) return `server name: ${serverProblem}`;
  return parts;
}

/**
 * Returns why `value` is not a user ID under the strict (current) grammar, or undefined
 * when it is one.
 *
 * @example
 * userIdProblem('@Alice:example.org'); // 'localpart must be 1 or more of [a-z0-9._=-/+]'
 */
export function userIdProblem(value: unknown): string | undefined {
  const parts = commonProblem(value);
  if (typeof parts === 'string') return parts;
  if (!STRICT_LOCALPART.test(parts[0])) return 'localpart must be 1 or more of [a-z0-9._=-/+]';
  return undefined;
}

/**
 * Returns why `value` is not a user ID even under the historical grammar (any
 * non-surrogate code points except `:` and NUL, possibly empty), or undefined.
 *
 * @example
 * historicalUserIdProblem('@Alice:example.org'); // undefined
 */
export function historicalUserIdProblem(value: unknown): string | undefined {
  const parts = commonProblem(value);
  if (typeof parts === 'string') return parts;
  return opaqueLocalpartProblem(parts[0]);
}

/**
 * Whether `value` is a user ID under the strict grammar that servers must use for new
 * users.
 *
 * @example
 * isValidUserId('@alice:example.org'); // true
 * isValidUserId('@Alice:example.org'); // false (upper case)
 */
export function isValidUserId(value: unknown): value is UserId {
  return userIdProblem(value) === undefined;
}

/**
 * Whether `value` is a user ID that must still be accepted under the historical grammar
 * (a superset of {@link isValidUserId}).
 *
 * @example
 * isValidHistoricalUserId('@Alice:example.org'); // true
 * isValidHistoricalUserId('@:example.org'); // true (empty localpart is non-compliant but accepted)
 * isValidHistoricalUserId('@alice'); // false
 */
export function isValidHistoricalUserId(value: unknown): value is UserId {
  return historicalUserIdProblem(value) === undefined;
}

/**
 * Throws {@link InvalidUserIdError} unless `value` is a user ID under the strict grammar.
 *
 * @example
 * assertValidUserId('@alice:example.org');
 */
export function assertValidUserId(value: unknown): asserts value is UserId {
  const problem = userIdProblem(value);
  if (problem !== undefined) throw new InvalidUserIdError(value, problem);
}

/**
 * Throws {@link InvalidUserIdError} unless `value` is a user ID under the historical
 * grammar.
 *
 * @example
 * assertValidHistoricalUserId('@Alice:example.org');
 */
export function assertValidHistoricalUserId(value: unknown): asserts value is UserId {
  const problem = historicalUserIdProblem(value);
  if (problem !== undefined) throw new InvalidUserIdError(value, problem);
}

/**
 * Opaque identifiers, per the appendix "Opaque Identifiers" (spec v1.11): entirely of
 * `[0-9A-Za-z-._~]` (RFC 3986 unreserved characters), 1 to 255 characters unless
 * otherwise specified. Used e.g. by VoIP `call_id` and `party_id`.
 *
 * @module
 */

/** An identifier of the opaque identifier grammar. */
export type OpaqueId = string & { readonly __opaqueId?: never };

/** Thrown by {@link assertValidOpaqueId}. */
export class InvalidOpaqueIdError extends Error {
  override readonly name = 'InvalidOpaqueIdError';
  constructor(
    /** The rejected value. */
    readonly value: unknown,
    /** Why it was rejected. */
    readonly reason: string,
  ) {
    super(`invalid opaque identifier ${JSON.stringify(value)}: ${reason}`);
  }
}

const OPAQUE = /^[0-9A-Za-z._~-]+$/;

/**
 * Returns why `value` is not an opaque identifier, or undefined.
 *
 * @example
 * opaqueIdProblem('a b'); // 'must be only [0-9A-Za-z-._~]'
 */
export function opaqueIdProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  if (value.length === 0) return 'empty';
  if (value.length > 255) return 'longer than 255 characters';
  if (!OPAQUE.test(value)) return 'must be only [0-9A-Za-z-._~]';
  return undefined;
}

/**
 * Whether `value` is an opaque identifier.
 *
 * @example
 * isValidOpaqueId('m1234.txn~x'); // true
 * isValidOpaqueId('a/b'); // false
 */
export function isValidOpaqueId(value: unknown): value is OpaqueId {
  return opaqueIdProblem(value) === undefined;
}

/**
 * Throws {@link InvalidOpaqueIdError} unless `value` is an opaque identifier.
 *
 * @example
 * assertValidOpaqueId('12345');
 */
export function assertValidOpaqueId(value: unknown): asserts value is OpaqueId {
  const problem = opaqueIdProblem(value);
  if (problem !== undefined) throw new InvalidOpaqueIdError(value, problem);
}

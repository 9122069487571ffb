/**
 * Device IDs (client-server "Relationship between access tokens and devices"). The spec
 * treats them as opaque strings chosen by the server or the client and gives no grammar.
 * This library's limits: at least one character, at most 255 bytes in UTF-8 (like the
 * other identifiers), no NUL (U+0000) and no lone surrogate.
 *
 * @module
 */
import { hasLoneSurrogate, MAX_IDENTIFIER_BYTES, utf8ByteLength } from './unicode.js';

/** A device ID such as `JLAFKJWSCS`. */
export type DeviceId = string & { readonly __deviceId?: never };

/** Thrown by {@link assertValidDeviceId}. */
export class InvalidDeviceIdError extends Error {
  override readonly name = 'InvalidDeviceIdError';
  constructor(
    /** The rejected value. */
    readonly value: unknown,
    /** Why it was rejected. */
    readonly reason: string,
  ) {
    super(`invalid device ID ${JSON.stringify(value)}: ${reason}`);
  }
}

/**
 * Returns why `value` is not a device ID, or undefined.
 *
 * @example
 * deviceIdProblem(''); // 'empty'
 */
export function deviceIdProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  if (value === '') return 'empty';
  if (utf8ByteLength(value) > MAX_IDENTIFIER_BYTES) return `longer than ${MAX_IDENTIFIER_BYTES} bytes`;
  if (value.includes('\u0000')) return 'contains NUL (U+0000)';
  if (hasLoneSurrogate(value)) return 'contains a lone surrogate';
  return undefined;
}

/**
 * Whether `value` is a device ID (see the module comment for the limits).
 *
 * @example
 * isValidDeviceId('JLAFKJWSCS'); // true
 * isValidDeviceId(''); // false
 */
export function isValidDeviceId(value: unknown): value is DeviceId {
  return deviceIdProblem(value) === undefined;
}

/**
 * Throws {@link InvalidDeviceIdError} unless `value` is a device ID.
 *
 * @example
 * assertValidDeviceId('JLAFKJWSCS');
 */
export function assertValidDeviceId(value: unknown): asserts value is DeviceId {
  const problem = deviceIdProblem(value);
  if (problem !== undefined) throw new InvalidDeviceIdError(value, problem);
}

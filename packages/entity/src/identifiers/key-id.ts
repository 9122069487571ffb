/**
 * Key IDs: `algorithm:version`.
 *
 * Server signing keys (appendix "Signing JSON", server-server `ServerKeys` definition):
 * the *signing key identifier* is the signing algorithm (`ed25519`) and the key version
 * joined by `:`, and "the version must have characters matching the regular expression
 * `[a-zA-Z0-9_]`". The spec gives no grammar for the algorithm; this library takes it as
 * 1 or more of `[A-Za-z0-9_.-]` (covering `ed25519`, `curve25519`, `signed_curve25519`
 * and namespaced names).
 *
 * Device and cross-signing keys (client-server "End-to-End Encryption") use
 * `algorithm:device_id` or `algorithm:<unpadded base64 public key>`, whose second part is
 * opaque: {@link isValidDeviceKeyId} accepts any non-empty one (no NUL, at most 255 bytes
 * for the whole ID, a limit chosen by this library).
 *
 * @module
 */
import { hasLoneSurrogate, MAX_IDENTIFIER_BYTES, utf8ByteLength } from './unicode.js';

/** A key ID such as `ed25519:abc123`. */
export type KeyId = `${string}:${string}`;

/** Thrown by {@link assertValidKeyId} and {@link assertValidDeviceKeyId}. */
export class InvalidKeyIdError extends Error {
  override readonly name = 'InvalidKeyIdError';
  constructor(
    /** The rejected value. */
    readonly value: unknown,
    /** Why it was rejected. */
    readonly reason: string,
  ) {
    super(`invalid key ID ${JSON.stringify(value)}: ${reason}`);
  }
}

const ALGORITHM = /^[A-Za-z0-9_.-]+$/;
const VERSION = /^[A-Za-z0-9_]+$/;

function split(value: unknown): string | [string, string] {
  if (typeof value !== 'string') return 'not a string';
  const colon = value.indexOf(':');
  if (colon === -1) return 'missing ":" between algorithm and version';
  const algorithm = value.slice(0, colon);
  if (!ALGORITHM.test(algorithm)) return 'algorithm must be 1 or more of [A-Za-z0-9_.-]';
  return [algorithm, value.slice(colon + 1)];
}

/**
 * Returns why `value` is not a signing key ID (`algorithm:version`, version of
 * `[a-zA-Z0-9_]`), or undefined.
 *
 * @example
 * keyIdProblem('ed25519:a-b'); // 'version must be 1 or more of [a-zA-Z0-9_]'
 */
export function keyIdProblem(value: unknown): string | undefined {
  const parts = split(value);
  if (typeof parts === 'string') return parts;
  if (!VERSION.test(parts[1])) return 'version must be 1 or more of [a-zA-Z0-9_]';
  return undefined;
}

/**
 * Returns why `value` is not a device or cross-signing key ID (`algorithm:identifier`,
 * identifier opaque and non-empty), or undefined.
 *
 * @example
 * deviceKeyIdProblem('ed25519:JLAFKJWSCS'); // undefined
 */
export function deviceKeyIdProblem(value: unknown): string | undefined {
  const parts = split(value);
  if (typeof parts === 'string') return parts;
  const [, identifier] = parts;
  if (identifier === '') return 'empty key identifier';
  if (identifier.includes('\u0000') || hasLoneSurrogate(identifier)) return 'key identifier contains NUL or a lone surrogate';
  if (utf8ByteLength(value as string) > MAX_IDENTIFIER_BYTES) return `longer than ${MAX_IDENTIFIER_BYTES} bytes`;
  return undefined;
}

/**
 * Whether `value` is a server signing key ID.
 *
 * @example
 * isValidKeyId('ed25519:abc123'); // true
 * isValidKeyId('ed25519:abc/123'); // false
 */
export function isValidKeyId(value: unknown): value is KeyId {
  return keyIdProblem(value) === undefined;
}

/**
 * Whether `value` is a device or cross-signing key ID (a superset of {@link isValidKeyId}).
 *
 * @example
 * isValidDeviceKeyId('ed25519:nqOvzeuGWT/sRx3h7+MHoInYj3Uk2LD/unI9kDYcHwk'); // true
 */
export function isValidDeviceKeyId(value: unknown): value is KeyId {
  return deviceKeyIdProblem(value) === undefined;
}

/**
 * Throws {@link InvalidKeyIdError} unless `value` is a server signing key ID.
 *
 * @example
 * assertValidKeyId('ed25519:auto');
 */
export function assertValidKeyId(value: unknown): asserts value is KeyId {
  const problem = keyIdProblem(value);
  if (problem !== undefined) throw new InvalidKeyIdError(value, problem);
}

/**
 * Throws {@link InvalidKeyIdError} unless `value` is a device or cross-signing key ID.
 *
 * @example
 * assertValidDeviceKeyId('curve25519:JLAFKJWSCS');
 */
export function assertValidDeviceKeyId(value: unknown): asserts value is KeyId {
  const problem = deviceKeyIdProblem(value);
  if (problem !== undefined) throw new InvalidKeyIdError(value, problem);
}

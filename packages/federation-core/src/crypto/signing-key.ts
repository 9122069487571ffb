/**
 * Ed25519 signing keys of a homeserver, and the signing-key file format Synapse and other
 * homeservers keep them in (one `ed25519 <version> <unpadded base64 seed>` per line).
 *
 * Key IDs are `<algorithm>:<version>` (spec: appendices, "Signing Details": the signing key
 * identifier is the signing algorithm and a key identifier); the server-server key schema
 * (`api/server-server/definitions/keys.yaml`) requires the version to match `[a-zA-Z0-9_]`,
 * and `ed25519` is the only algorithm servers sign with.
 *
 * @module
 */
import { decodeBase64, encodeBase64, InvalidBase64Error } from '../encoding/base64.js';
import { getCryptoBackend } from './backend.js';

/** An Ed25519 signing key: the 32-byte seed (RFC 8032 private key) and its public key. */
export interface SigningKey {
  readonly algorithm: 'ed25519';
  /** The key version, e.g. `a_AbCd` (`[a-zA-Z0-9_]+`). */
  readonly version: string;
  /** `ed25519:<version>`. */
  readonly keyId: string;
  /** The 32-byte seed. */
  readonly seed: Uint8Array;
  /** The 32-byte public key. */
  readonly publicKey: Uint8Array;
}

/** Why a signing key, key ID or key file is invalid. */
export type InvalidSigningKeyReason = 'invalid-key-id' | 'unsupported-algorithm' | 'invalid-seed' | 'invalid-file-line';

/** A signing key, key ID or signing-key file is malformed. */
export class InvalidSigningKeyError extends Error {
  override readonly name = 'InvalidSigningKeyError';
  /** What is wrong. */
  readonly reason: InvalidSigningKeyReason;

  /** Creates the error. */
  constructor(reason: InvalidSigningKeyReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** The length of an Ed25519 seed and of a public key, in bytes. */
export const ED25519_KEY_LENGTH = 32;
/** The length of an Ed25519 signature, in bytes. */
export const ED25519_SIGNATURE_LENGTH = 64;

const VERSION = /^[a-zA-Z0-9_]+$/;

/**
 * Whether `version` is a valid key version: one or more of `[a-zA-Z0-9_]`
 * (spec: server-server `keys.yaml`, `verify_keys`).
 *
 * @example
 * ```ts
 * isValidKeyVersion('a_AbCd'); // true
 * isValidKeyVersion('a-b'); // false
 * ```
 */
export function isValidKeyVersion(version: string): boolean {
  return typeof version === 'string' && VERSION.test(version);
}

/**
 * Splits a key ID `<algorithm>:<version>` and checks it: the algorithm must be `ed25519`
 * and the version `[a-zA-Z0-9_]+`. Throws {@link InvalidSigningKeyError} otherwise.
 *
 * @example
 * ```ts
 * parseSigningKeyId('ed25519:1'); // { algorithm: 'ed25519', version: '1' }
 * parseSigningKeyId('ed25519:a b'); // throws InvalidSigningKeyError
 * ```
 */
export function parseSigningKeyId(keyId: string): { algorithm: 'ed25519'; version: string } {
  if (typeof keyId !== 'string') throw new InvalidSigningKeyError('invalid-key-id', `a key ID must be a string, got ${typeof keyId}`);
  const colon = keyId.indexOf(':');
  if (colon < 0) throw new InvalidSigningKeyError('invalid-key-id', `key ID ${JSON.stringify(keyId)} is not <algorithm>:<version>`);
  const algorithm = keyId.slice(0, colon);
  const version = keyId.slice(colon + 1);
  if (algorithm !== 'ed25519') {
    throw new InvalidSigningKeyError('unsupported-algorithm', `key ID ${JSON.stringify(keyId)}: only ed25519 signing keys are supported`);
  }
  if (!VERSION.test(version)) {
    throw new InvalidSigningKeyError('invalid-key-id', `key ID ${JSON.stringify(keyId)}: the version must be one or more of [a-zA-Z0-9_]`);
  }
  return { algorithm, version };
}

function checkVersion(version: string): void {
  if (!isValidKeyVersion(version)) {
    throw new InvalidSigningKeyError('invalid-key-id', `key version ${JSON.stringify(version)} must be one or more of [a-zA-Z0-9_]`);
  }
}

function keyFrom(version: string, seed: Uint8Array): SigningKey {
  const own = new Uint8Array(seed); // the key never aliases the caller's buffer
  return Object.freeze({
    algorithm: 'ed25519' as const,
    version,
    keyId: `ed25519:${version}`,
    seed: own,
    publicKey: getCryptoBackend().ed25519PublicKey(own),
  });
}

function decodeSeed(seed: Uint8Array | string, what: string): Uint8Array {
  let bytes: Uint8Array;
  if (typeof seed === 'string') {
    try {
      bytes = decodeBase64(seed);
    } catch (e) {
      if (e instanceof InvalidBase64Error) throw new InvalidSigningKeyError('invalid-seed', `${what}: the seed is not valid base64 (${e.message})`, { cause: e });
      throw e;
    }
  } else if (seed instanceof Uint8Array) {
    bytes = seed;
  } else {
    throw new InvalidSigningKeyError('invalid-seed', `${what}: the seed must be bytes or unpadded base64`);
  }
  if (bytes.length !== ED25519_KEY_LENGTH) {
    throw new InvalidSigningKeyError('invalid-seed', `${what}: an ed25519 seed is ${ED25519_KEY_LENGTH} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/**
 * A new random Ed25519 signing key with the given version (`[a-zA-Z0-9_]+`).
 *
 * @example
 * ```ts
 * const key = generateSigningKey('a_AbCd');
 * key.keyId; // 'ed25519:a_AbCd'
 * ```
 */
export function generateSigningKey(version: string): SigningKey {
  checkVersion(version);
  return keyFrom(version, getCryptoBackend().randomBytes(ED25519_KEY_LENGTH));
}

/**
 * The signing key of a key ID (`ed25519:<version>`) and a 32-byte seed, given as bytes or as
 * (unpadded) base64. Throws {@link InvalidSigningKeyError} for a bad key ID or seed.
 *
 * @example
 * ```ts
 * // The spec's test-vector key (appendices, "Cryptographic Test Vectors"):
 * const key = signingKeyFromSeed('ed25519:1', 'YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1');
 * ```
 */
export function signingKeyFromSeed(keyId: string, seed: Uint8Array | string): SigningKey {
  const { version } = parseSigningKeyId(keyId);
  return keyFrom(version, decodeSeed(seed, keyId));
}

/**
 * The seed of a key as unpadded base64, as the signing-key file stores it.
 *
 * @example
 * ```ts
 * encodeSigningKeySeed(key); // 'YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA0'
 * ```
 */
export function encodeSigningKeySeed(key: SigningKey): string {
  return encodeBase64(key.seed);
}

/**
 * The unpadded base64 public key, as published in `verify_keys` of `/_matrix/key/v2/server`.
 *
 * @example
 * ```ts
 * encodePublicKey(key); // e.g. 'XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI'
 * ```
 */
export function encodePublicKey(key: Pick<SigningKey, 'publicKey'>): string {
  return encodeBase64(key.publicKey);
}

/**
 * Parses a signing-key file: one key per line, `ed25519 <version> <base64 seed>` separated by
 * whitespace (the format Synapse writes). Blank lines are skipped; any other malformed line
 * throws {@link InvalidSigningKeyError} naming its line number.
 *
 * @example
 * ```ts
 * parseSigningKeyFile('ed25519 a_AbCd YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA0\n'); // [SigningKey]
 * ```
 */
export function parseSigningKeyFile(text: string): SigningKey[] {
  if (typeof text !== 'string') throw new InvalidSigningKeyError('invalid-file-line', 'a signing-key file must be text');
  const keys: SigningKey[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const fields = line.split(/\s+/);
    const where = `signing-key file line ${i + 1}`;
    if (fields.length !== 3) {
      throw new InvalidSigningKeyError('invalid-file-line', `${where}: expected "<algorithm> <version> <base64 seed>", got ${fields.length} field(s)`);
    }
    const [algorithm, version, seed] = fields as [string, string, string];
    if (algorithm !== 'ed25519') {
      throw new InvalidSigningKeyError('unsupported-algorithm', `${where}: only ed25519 keys are supported, got ${JSON.stringify(algorithm)}`);
    }
    if (!VERSION.test(version)) {
      throw new InvalidSigningKeyError('invalid-key-id', `${where}: key version ${JSON.stringify(version)} must be one or more of [a-zA-Z0-9_]`);
    }
    keys.push(keyFrom(version, decodeSeed(seed, where)));
  }
  return keys;
}

/**
 * Writes keys in the signing-key file format, one `ed25519 <version> <base64 seed>` line each.
 *
 * @example
 * ```ts
 * formatSigningKeyFile([generateSigningKey('a_AbCd')]); // 'ed25519 a_AbCd <43 base64 chars>\n'
 * ```
 */
export function formatSigningKeyFile(keys: readonly SigningKey[]): string {
  let out = '';
  for (const key of keys) {
    checkVersion(key.version);
    out += `ed25519 ${key.version} ${encodeBase64(decodeSeed(key.seed, key.keyId))}\n`;
  }
  return out;
}

/**
 * Signing JSON objects and checking their signatures (spec: appendices, "Signing JSON",
 * "Signing Details" and "Checking for a Signature").
 *
 * @module
 */
import { decodeBase64, encodeBase64, InvalidBase64Error } from '../encoding/base64.js';
import { canonicalJsonForSigning, CanonicalJsonError } from '../json/canonical-json.js';
import type { CanonicalJsonOptions } from '../json/canonical-json.js';
import { getCryptoBackend } from './backend.js';
import { ED25519_KEY_LENGTH, ED25519_SIGNATURE_LENGTH, parseSigningKeyId } from './signing-key.js';
import type { SigningKey } from './signing-key.js';

/** The `signatures` member of a signed object: entity name -> key ID -> unpadded base64 signature. */
export type Signatures = Record<string, Record<string, string>>;

/** Why the input of a signing or verification call is malformed. */
export type InvalidSignatureInputReason =
  /** The value to sign or check is not a plain JSON object. */
  | 'not-an-object'
  /** Its `signatures` member (or the signer's entry in it) is not an object, so a signature cannot be added. */
  | 'malformed-signatures'
  /** It has no canonical JSON encoding (the `cause` is the {@link CanonicalJsonError}). */
  | 'not-canonical-json'
  /** The public key is not unpadded base64 or not 32 bytes. */
  | 'invalid-public-key'
  /** The server name or key ID argument is not a non-empty string / not a valid key. */
  | 'invalid-argument';

/** The input of {@link signJson} or {@link verifyJsonSignature} is malformed (a bad signature is not: it gives `false`). */
export class InvalidSignatureInputError extends Error {
  override readonly name = 'InvalidSignatureInputError';
  /** What is wrong. */
  readonly reason: InvalidSignatureInputReason;

  /** Creates the error. */
  constructor(reason: InvalidSignatureInputReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The UTF-8 canonical JSON of `obj` without `signatures` and `unsigned` (spec: "Signing Details"). */
function signedBytes(obj: object, options: CanonicalJsonOptions | undefined): Uint8Array {
  try {
    return encoder.encode(canonicalJsonForSigning(obj, options));
  } catch (e) {
    if (e instanceof CanonicalJsonError) {
      throw new InvalidSignatureInputError('not-canonical-json', `the object has no canonical JSON encoding: ${e.message}`, { cause: e });
    }
    throw e;
  }
}

const encoder = new TextEncoder();

function checkObject(obj: unknown, what: string): asserts obj is Record<string, unknown> {
  if (!isPlainObject(obj)) {
    throw new InvalidSignatureInputError('not-an-object', `${what}: expected a JSON object, got ${obj === null ? 'null' : Array.isArray(obj) ? 'an array' : typeof obj}`);
  }
}

function checkName(serverName: string, what: string): void {
  if (typeof serverName !== 'string' || serverName === '') {
    throw new InvalidSignatureInputError('invalid-argument', `${what}: the signing entity's name must be a non-empty string`);
  }
}

function checkKey(key: SigningKey): void {
  if (typeof key !== 'object' || key === null || !(key.seed instanceof Uint8Array) || key.seed.length !== ED25519_KEY_LENGTH) {
    throw new InvalidSignatureInputError('invalid-argument', `the signing key must have a ${ED25519_KEY_LENGTH}-byte seed`);
  }
  try {
    parseSigningKeyId(key.keyId);
  } catch (e) {
    throw new InvalidSignatureInputError('invalid-argument', `the signing key's ID ${JSON.stringify(key.keyId)} is invalid`, { cause: e });
  }
}

/**
 * The unpadded base64 signature of `obj` by `key`, over its canonical JSON without
 * `signatures` and `unsigned` (spec: appendices, "Signing Details").
 *
 * @example
 * ```ts
 * signatureOf({}, specKey); // 'K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ'
 * ```
 */
export function signatureOf(obj: object, key: SigningKey, options?: CanonicalJsonOptions): string {
  checkObject(obj, 'signatureOf');
  checkKey(key);
  return encodeBase64(getCryptoBackend().ed25519Sign(key.seed, signedBytes(obj, options)));
}

/**
 * Signs `obj` as `serverName` with `key` (spec: appendices, "Signing Details"): the signature
 * covers the canonical JSON without `signatures` and `unsigned` and is added under
 * `signatures[serverName][key.keyId]`. Other servers' signatures and this server's signatures
 * by other keys are kept; `unsigned` is kept as it is. Returns a new object; the input is not
 * changed. `options` selects lenient canonical JSON for room v1 to v5 events.
 *
 * @example
 * ```ts
 * const key = signingKeyFromSeed('ed25519:1', 'YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1');
 * signJson({ one: 1, two: 'Two' }, 'domain', key).signatures.domain['ed25519:1'];
 * // 'KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw'
 * ```
 */
export function signJson<T extends object>(obj: T, serverName: string, key: SigningKey, options?: CanonicalJsonOptions): T & { signatures: Signatures } {
  checkObject(obj, 'signJson');
  checkName(serverName, 'signJson');
  checkKey(key);
  const existing = obj.signatures;
  if (existing !== undefined && !isPlainObject(existing)) {
    throw new InvalidSignatureInputError('malformed-signatures', 'signJson: the existing `signatures` member is not an object');
  }
  const mine = existing?.[serverName];
  if (mine !== undefined && !isPlainObject(mine)) {
    throw new InvalidSignatureInputError('malformed-signatures', `signJson: signatures[${JSON.stringify(serverName)}] is not an object`);
  }
  const signature = encodeBase64(getCryptoBackend().ed25519Sign(key.seed, signedBytes(obj, options)));
  const signatures = { ...(existing as Signatures | undefined) };
  Object.defineProperty(signatures, serverName, {
    value: { ...(mine as Record<string, string> | undefined), [key.keyId]: signature },
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return { ...obj, signatures } as T & { signatures: Signatures };
}

/**
 * Checks that `obj` carries a valid signature by `serverName` with key `keyId` for `publicKey`
 * (32 bytes, or unpadded base64), following the spec's "Checking for a Signature".
 *
 * Returns `false` when the signature is missing (no `signatures`, no entry for the server, no
 * entry for the key: steps 1 to 3), when it is not base64 or not 64 bytes (step 4: "if base64
 * decoding fails then the check fails"), when the key ID's algorithm is not `ed25519` (step 2),
 * and when it does not verify (step 7). Throws {@link InvalidSignatureInputError} only for
 * malformed arguments: `obj` not an object, a public key that is not base64 or not 32 bytes,
 * or an object without canonical JSON encoding (e.g. a float with strict numbers).
 *
 * @example
 * ```ts
 * verifyJsonSignature(signed, 'domain', 'ed25519:1', key.publicKey); // true
 * verifyJsonSignature({ ...signed, one: 2 }, 'domain', 'ed25519:1', key.publicKey); // false
 * ```
 */
export function verifyJsonSignature(obj: object, serverName: string, keyId: string, publicKey: Uint8Array | string, options?: CanonicalJsonOptions): boolean {
  checkObject(obj, 'verifyJsonSignature');
  checkName(serverName, 'verifyJsonSignature');
  if (typeof keyId !== 'string') throw new InvalidSignatureInputError('invalid-argument', 'verifyJsonSignature: the key ID must be a string');
  const key = publicKeyBytes(publicKey);
  // Step 2: only ed25519 is understood.
  if (!keyId.startsWith('ed25519:')) return false;
  // Steps 1 and 3: the entry for the entity and for the key.
  const signatures = obj.signatures;
  if (!isPlainObject(signatures)) return false;
  const entry = Object.prototype.hasOwnProperty.call(signatures, serverName) ? signatures[serverName] : undefined;
  if (!isPlainObject(entry)) return false;
  const encoded = Object.prototype.hasOwnProperty.call(entry, keyId) ? entry[keyId] : undefined;
  if (typeof encoded !== 'string') return false;
  // Step 4: decode the signature; failure fails the check.
  let signature: Uint8Array;
  try {
    signature = decodeBase64(encoded);
  } catch {
    return false;
  }
  if (signature.length !== ED25519_SIGNATURE_LENGTH) return false;
  // Steps 5 to 7: canonical JSON without `signatures` and `unsigned`, then verify.
  return getCryptoBackend().ed25519Verify(key, signedBytes(obj, options), signature);
}

function publicKeyBytes(publicKey: Uint8Array | string): Uint8Array {
  let bytes: Uint8Array;
  if (typeof publicKey === 'string') {
    try {
      bytes = decodeBase64(publicKey);
    } catch (e) {
      if (e instanceof InvalidBase64Error) {
        throw new InvalidSignatureInputError('invalid-public-key', `the public key is not valid base64: ${e.message}`, { cause: e });
      }
      throw e;
    }
  } else if (publicKey instanceof Uint8Array) {
    bytes = publicKey;
  } else {
    throw new InvalidSignatureInputError('invalid-public-key', 'the public key must be bytes or unpadded base64');
  }
  if (bytes.length !== ED25519_KEY_LENGTH) {
    throw new InvalidSignatureInputError('invalid-public-key', `an ed25519 public key is ${ED25519_KEY_LENGTH} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/**
 * The cryptographic primitives the package needs, behind one small interface with two
 * implementations: Node's `node:crypto` (OpenSSL, fast) where present and `@noble/ed25519` +
 * `@noble/hashes` (pure JavaScript, portable to browsers) elsewhere. Both give identical bytes.
 *
 * @module
 */
import { nobleCryptoBackend } from './noble-backend.js';
import { nodeCryptoBackend } from './node-backend.js';

/** SHA-256 and Ed25519 (RFC 8032, pure Ed25519 without context) over plain bytes. */
export interface CryptoBackend {
  /** Which implementation this is. */
  readonly name: 'node' | 'noble';
  /** The SHA-256 digest (32 bytes) of `data`. */
  sha256(data: Uint8Array): Uint8Array;
  /** The 32-byte Ed25519 public key of a 32-byte seed (the RFC 8032 private key). */
  ed25519PublicKey(seed: Uint8Array): Uint8Array;
  /** The 64-byte Ed25519 signature of `message` by the key of the 32-byte `seed`. */
  ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array;
  /**
   * Whether `signature` (64 bytes) is a valid signature of `message` by `publicKey` (32 bytes).
   * False for any invalid signature or key, never a throw.
   */
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /** `n` cryptographically secure random bytes. */
  randomBytes(n: number): Uint8Array;
}

let current: CryptoBackend | undefined;

/**
 * The backend in use: the one set by {@link setCryptoBackend}, else Node's when
 * `node:crypto` is reachable (Node >= 20.16), else the noble backend.
 *
 * @example
 * ```ts
 * getCryptoBackend().name; // 'node' under Node, 'noble' in a browser
 * ```
 */
export function getCryptoBackend(): CryptoBackend {
  return (current ??= nodeCryptoBackend() ?? nobleCryptoBackend);
}

/**
 * Chooses the backend every function of this package uses from now on; `undefined` returns
 * to the automatic choice.
 *
 * @example
 * ```ts
 * setCryptoBackend(nobleCryptoBackend); // e.g. to test the portable path under Node
 * setCryptoBackend(undefined); // back to automatic
 * ```
 */
export function setCryptoBackend(backend: CryptoBackend | undefined): void {
  current = backend;
}

export { nobleCryptoBackend, nodeCryptoBackend };

/**
 * The portable crypto backend: `@noble/ed25519` with SHA-512 and SHA-256 from `@noble/hashes`,
 * randomness from Web Crypto's `getRandomValues`.
 *
 * @module
 */
import * as ed from '@noble/ed25519';
import { sha256 as nobleSha256, sha512 } from '@noble/hashes/sha2.js';
import type { CryptoBackend } from './backend.js';

/** @noble/ed25519 v3 needs its synchronous SHA-512 set once; done lazily so importing has no side effect. */
function ready(): void {
  if (ed.hashes.sha512 === undefined) ed.hashes.sha512 = sha512;
}

const MAX_RANDOM_CHUNK = 65536; // getRandomValues' per-call limit

/**
 * The pure-JavaScript backend, usable in any environment with Web Crypto's `getRandomValues`
 * (browsers, Node, Deno, Bun). Verification follows RFC 8032 (`zip215: false`: canonical
 * encodings only, small-order public keys rejected), as libsodium and OpenSSL do.
 */
export const nobleCryptoBackend: CryptoBackend = Object.freeze({
  name: 'noble' as const,
  sha256(data: Uint8Array): Uint8Array {
    return nobleSha256(data);
  },
  ed25519PublicKey(seed: Uint8Array): Uint8Array {
    ready();
    return ed.getPublicKey(seed);
  },
  ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array {
    ready();
    return ed.sign(message, seed);
  },
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
    ready();
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    try {
      return ed.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
  randomBytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += MAX_RANDOM_CHUNK) {
      globalThis.crypto.getRandomValues(out.subarray(i, Math.min(n, i + MAX_RANDOM_CHUNK)));
    }
    return out;
  },
});

/**
 * The Node backend: Ed25519 and SHA-256 from `node:crypto` (OpenSSL).
 *
 * `node:crypto` is obtained at run time through `process.getBuiltinModule` (Node >= 20.16),
 * never through an import statement, so the package stays browser-safe and bundles for a
 * neutral platform; where it is absent, {@link nodeCryptoBackend} returns `undefined`.
 *
 * @module
 */
import type { CryptoBackend } from './backend.js';

/** The parts of `node:crypto` this backend uses, typed locally (the package has no Node types). */
interface NodeCrypto {
  createPrivateKey(key: { key: Uint8Array; format: 'der'; type: 'pkcs8' }): NodeKeyObject;
  createPublicKey(key: NodeKeyObject | { key: Uint8Array; format: 'der'; type: 'spki' }): NodeKeyObject;
  sign(algorithm: null, data: Uint8Array, key: NodeKeyObject): Uint8Array;
  verify(algorithm: null, data: Uint8Array, key: NodeKeyObject, signature: Uint8Array): boolean;
  createHash(algorithm: 'sha256'): { update(data: Uint8Array): { digest(): Uint8Array } };
  hash?: (algorithm: 'sha256', data: Uint8Array, outputEncoding: 'buffer') => Uint8Array;
  randomFillSync(buffer: Uint8Array): Uint8Array;
}

/** An opaque `node:crypto` KeyObject. */
interface NodeKeyObject {
  export(options: { format: 'der'; type: 'spki' }): Uint8Array;
}

// RFC 8410 DER framings of a raw Ed25519 key: PKCS#8 PrivateKeyInfo around the 32-byte seed,
// SubjectPublicKeyInfo around the 32-byte public key (OID 1.3.101.112).
const PKCS8_PREFIX = Uint8Array.of(0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20);
const SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00);

/** How many KeyObjects of each kind are kept; verification looks the same few keys up again and again. */
const CACHE_SIZE = 1024;

function withPrefix(prefix: Uint8Array, key: Uint8Array): Uint8Array {
  const der = new Uint8Array(prefix.length + key.length);
  der.set(prefix);
  der.set(key, prefix.length);
  return der;
}

/** A cache key for 32 bytes: one char per byte. */
function keyString(bytes: Uint8Array): string {
  return String.fromCharCode.apply(null, bytes as unknown as number[]);
}

function remember<V>(cache: Map<string, V>, k: string, v: V): V {
  if (cache.size >= CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(k, v);
  return v;
}

/** A plain Uint8Array copy (not a Buffer view into Node's shared pool). */
function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

function loadNodeCrypto(): NodeCrypto | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const mod = proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
    return mod !== undefined && typeof mod.sign === 'function' ? mod : undefined;
  } catch {
    return undefined;
  }
}

function makeNodeBackend(crypto: NodeCrypto): CryptoBackend {
  const privateKeys = new Map<string, NodeKeyObject>();
  const publicKeys = new Map<string, NodeKeyObject | null>();
  const privateKey = (seed: Uint8Array): NodeKeyObject => {
    const k = keyString(seed);
    return privateKeys.get(k) ?? remember(privateKeys, k, crypto.createPrivateKey({ key: withPrefix(PKCS8_PREFIX, seed), format: 'der', type: 'pkcs8' }));
  };
  /** null: OpenSSL refused the bytes as a key. */
  const publicKey = (raw: Uint8Array): NodeKeyObject | null => {
    const k = keyString(raw);
    const hit = publicKeys.get(k);
    if (hit !== undefined) return hit;
    let key: NodeKeyObject | null;
    try {
      key = crypto.createPublicKey({ key: withPrefix(SPKI_PREFIX, raw), format: 'der', type: 'spki' });
    } catch {
      key = null;
    }
    return remember(publicKeys, k, key);
  };
  const hash = crypto.hash;
  return Object.freeze({
    name: 'node' as const,
    sha256(data: Uint8Array): Uint8Array {
      return plain(hash !== undefined ? hash('sha256', data, 'buffer') : crypto.createHash('sha256').update(data).digest());
    },
    ed25519PublicKey(seed: Uint8Array): Uint8Array {
      if (seed.length !== 32) throw new RangeError(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
      const spki = crypto.createPublicKey(privateKey(seed)).export({ format: 'der', type: 'spki' });
      return plain(spki.subarray(SPKI_PREFIX.length));
    },
    ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array {
      if (seed.length !== 32) throw new RangeError(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
      return plain(crypto.sign(null, message, privateKey(seed)));
    },
    ed25519Verify(raw: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
      if (raw.length !== 32 || signature.length !== 64) return false;
      const key = publicKey(raw);
      if (key === null) return false;
      try {
        return crypto.verify(null, message, key, signature);
      } catch {
        return false;
      }
    },
    randomBytes(n: number): Uint8Array {
      return crypto.randomFillSync(new Uint8Array(n));
    },
  });
}

let memo: CryptoBackend | null | undefined;

/**
 * The `node:crypto` backend, or `undefined` where `node:crypto` cannot be reached (browsers,
 * Node older than 20.16). KeyObjects are cached per key (up to 1024 of each kind), which makes
 * repeated verification with the same keys as fast as calling `crypto.verify` directly.
 *
 * @example
 * ```ts
 * const backend = nodeCryptoBackend() ?? nobleCryptoBackend;
 * ```
 */
export function nodeCryptoBackend(): CryptoBackend | undefined {
  if (memo === undefined) {
    const crypto = loadNodeCrypto();
    memo = crypto === undefined ? null : makeNodeBackend(crypto);
  }
  return memo ?? undefined;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getCryptoBackend, nobleCryptoBackend, nodeCryptoBackend, setCryptoBackend, sha256 } from '@maxtryx/federation-core';
import rfc8032 from './fixtures/rfc8032-ed25519.json' with { type: 'json' };
import { backends, hex, toHex } from './backends.js';

// FIPS 180-2 appendix B (SHA-256 examples) and the empty string (NIST CSRC examples).
const SHA256_VECTORS: [string, string][] = [
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
];

describe.each(backends)('%s backend', (_name, backend) => {
  describe('RFC 8032 section 7.1 Ed25519 test vectors', () => {
    for (const v of rfc8032.vectors) {
      it(`${v.name}: public key, signature, verification`, () => {
        const seed = hex(v.secretKey);
        const message = hex(v.message);
        expect(toHex(backend.ed25519PublicKey(seed))).toBe(v.publicKey);
        expect(toHex(backend.ed25519Sign(seed, message))).toBe(v.signature);
        expect(backend.ed25519Verify(hex(v.publicKey), message, hex(v.signature))).toBe(true);
      });
    }

    it('TEST 1024 has its 1023-byte message', () => {
      expect(hex(rfc8032.vectors[3]!.message)).toHaveLength(1023);
    });
  });

  describe('verification says false, never throws, for what was not signed', () => {
    const v = rfc8032.vectors[2]!;
    const pub = hex(v.publicKey);
    const msg = hex(v.message);
    const sig = hex(v.signature);

    it('a flipped bit anywhere in the message or signature', () => {
      for (let bit = 0; bit < msg.length * 8; bit++) {
        const m = msg.slice();
        m[bit >> 3]! ^= 1 << (bit & 7);
        expect(backend.ed25519Verify(pub, m, sig)).toBe(false);
      }
      for (let bit = 0; bit < 512; bit++) {
        const s = sig.slice();
        s[bit >> 3]! ^= 1 << (bit & 7);
        expect(backend.ed25519Verify(pub, msg, s)).toBe(false);
      }
    });

    it('another public key', () => {
      expect(backend.ed25519Verify(hex(rfc8032.vectors[0]!.publicKey), msg, sig)).toBe(false);
    });

    it('wrong lengths of key or signature', () => {
      expect(backend.ed25519Verify(pub.subarray(0, 31), msg, sig)).toBe(false);
      expect(backend.ed25519Verify(pub, msg, sig.subarray(0, 63))).toBe(false);
      expect(backend.ed25519Verify(new Uint8Array(33), msg, sig)).toBe(false);
    });

    it('S not reduced modulo the group order L (RFC 8032 5.1.7 step 1)', () => {
      const L = (1n << 252n) + 27742317777372353535851937790883648493n;
      let s = 0n;
      for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]!);
      let unreduced = s + L;
      const bad = sig.slice();
      for (let i = 32; i < 64; i++) {
        bad[i] = Number(unreduced & 0xffn);
        unreduced >>= 8n;
      }
      expect(backend.ed25519Verify(pub, msg, bad)).toBe(false);
    });

    it('an all-zero key and signature', () => {
      expect(backend.ed25519Verify(new Uint8Array(32), msg, new Uint8Array(64))).toBe(false);
    });
  });

  it('SHA-256 of the FIPS 180-2 examples', () => {
    for (const [input, digest] of SHA256_VECTORS) {
      expect(toHex(backend.sha256(new TextEncoder().encode(input)))).toBe(digest);
    }
  });

  it('returns plain Uint8Arrays of the right sizes', () => {
    const seed = backend.randomBytes(32);
    expect(seed).toHaveLength(32);
    expect(Object.getPrototypeOf(backend.sha256(seed))).toBe(Uint8Array.prototype);
    expect(Object.getPrototypeOf(backend.ed25519Sign(seed, seed))).toBe(Uint8Array.prototype);
    expect(Object.getPrototypeOf(backend.ed25519PublicKey(seed))).toBe(Uint8Array.prototype);
    expect(backend.randomBytes(100_000)).toHaveLength(100_000);
  });

  it('randomBytes is not constant', () => {
    expect(toHex(backend.randomBytes(32))).not.toBe(toHex(backend.randomBytes(32)));
  });

  describe('sha256() goes through the selected backend', () => {
    beforeAll(() => setCryptoBackend(backend));
    afterAll(() => setCryptoBackend(undefined));
    it('uses it', () => {
      expect(getCryptoBackend()).toBe(backend);
      expect(toHex(sha256(new TextEncoder().encode('abc')))).toBe(SHA256_VECTORS[0]![1]);
    });
  });
});

describe('both backends give identical bytes', () => {
  const node = nodeCryptoBackend()!;

  it('for public keys, signatures and digests of random inputs, and each verifies the other', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 }), (seed, message) => {
        const pub = node.ed25519PublicKey(seed);
        expect(nobleCryptoBackend.ed25519PublicKey(seed)).toEqual(pub);
        const sig = node.ed25519Sign(seed, message);
        expect(nobleCryptoBackend.ed25519Sign(seed, message)).toEqual(sig);
        expect(nobleCryptoBackend.ed25519Verify(pub, message, sig)).toBe(true);
        expect(node.ed25519Verify(pub, message, sig)).toBe(true);
        expect(nobleCryptoBackend.sha256(message)).toEqual(node.sha256(message));
      }),
      { numRuns: 100 },
    );
  });

  it('and agree on random (invalid) signatures', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.uint8Array({ maxLength: 40 }), (pub, sig, msg) => {
        expect(nobleCryptoBackend.ed25519Verify(pub, msg, sig)).toBe(node.ed25519Verify(pub, msg, sig));
      }),
      { numRuns: 100 },
    );
  });
});

describe('backend selection', () => {
  afterAll(() => setCryptoBackend(undefined));
  it('picks node under Node, and can be switched and reset', () => {
    setCryptoBackend(undefined);
    expect(getCryptoBackend().name).toBe('node');
    setCryptoBackend(nobleCryptoBackend);
    expect(getCryptoBackend().name).toBe('noble');
    setCryptoBackend(undefined);
    expect(getCryptoBackend()).toBe(nodeCryptoBackend());
  });
});

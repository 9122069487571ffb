import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CanonicalJsonError,
  InvalidSignatureInputError,
  encodeBase64,
  setCryptoBackend,
  signJson,
  signatureOf,
  signingKeyFromSeed,
  verifyJsonSignature,
} from '@maxtryx/federation-core';
import { backends } from './backends.js';

// Spec: appendices, "Cryptographic Test Vectors" > "Signing Key" and "JSON Signing".
const SEED = 'YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1';
const SERVER = 'domain';
const KEY_ID = 'ed25519:1';
const SPEC_JSON_SIGNING = [
  {
    input: {},
    output: { signatures: { domain: { 'ed25519:1': 'K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ' } } },
  },
  {
    input: { one: 1, two: 'Two' },
    output: {
      one: 1,
      signatures: { domain: { 'ed25519:1': 'KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw' } },
      two: 'Two',
    },
  },
];

function expectInputError(fn: () => unknown, reason: string): InvalidSignatureInputError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InvalidSignatureInputError);
  expect((caught as Error).name).toBe('InvalidSignatureInputError');
  expect((caught as InvalidSignatureInputError).reason).toBe(reason);
  return caught as InvalidSignatureInputError;
}

const jsonValue = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.string({ unit: 'binary', maxLength: 10 }),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), tie('v'), { maxKeys: 4 }),
  ),
})).v;
const object = fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => k !== 'signatures' && k !== 'unsigned'), jsonValue, { minKeys: 1, maxKeys: 5 });

describe.each(backends)('%s backend', (_name, backend) => {
  beforeAll(() => setCryptoBackend(backend));
  afterAll(() => setCryptoBackend(undefined));
  const key = () => signingKeyFromSeed(KEY_ID, SEED);

  describe('the spec JSON signing vectors', () => {
    for (const [i, v] of SPEC_JSON_SIGNING.entries()) {
      it(`vector ${i + 1}: signJson emits the published object`, () => {
        const input = structuredClone(v.input);
        expect(signJson(input, SERVER, key())).toEqual(v.output);
        expect(input).toEqual(v.input); // not mutated
        expect(signatureOf(v.input, key())).toBe(v.output.signatures.domain['ed25519:1']);
      });

      it(`vector ${i + 1}: the published signature verifies, with the key as bytes or base64`, () => {
        expect(verifyJsonSignature(v.output, SERVER, KEY_ID, key().publicKey)).toBe(true);
        expect(verifyJsonSignature(v.output, SERVER, KEY_ID, encodeBase64(key().publicKey))).toBe(true);
      });
    }

    it('the signing example of "Signing Details" ignores unsigned', () => {
      const signed = signJson({ one: 1, two: 'Two', unsigned: { age_ts: 922834800000 } }, SERVER, key());
      expect(signed.signatures.domain?.['ed25519:1']).toBe(SPEC_JSON_SIGNING[1]!.output.signatures.domain['ed25519:1']);
      expect(signed.unsigned).toEqual({ age_ts: 922834800000 });
    });
  });

  describe('signJson', () => {
    it('keeps signatures by other servers and by other keys of the same server', () => {
      const other = signingKeyFromSeed('ed25519:other', new Uint8Array(32).fill(7));
      const signed = signJson({ a: 1, signatures: { 'x.org': { 'ed25519:z': 'sig' }, domain: { 'ed25519:old': 'o' } } }, SERVER, key());
      expect(signed.signatures).toEqual({
        'x.org': { 'ed25519:z': 'sig' },
        domain: { 'ed25519:old': 'o', 'ed25519:1': signatureOf({ a: 1 }, key()) },
      });
      const twice = signJson(signed, SERVER, other);
      expect(Object.keys(twice.signatures.domain ?? {})).toEqual(['ed25519:old', 'ed25519:1', 'ed25519:other']);
      expect(verifyJsonSignature(twice, SERVER, 'ed25519:1', key().publicKey)).toBe(true);
      expect(verifyJsonSignature(twice, SERVER, 'ed25519:other', other.publicKey)).toBe(true);
    });

    it('does not mutate the input, even nested signatures', () => {
      const input = { a: 1, signatures: { domain: { 'ed25519:old': 'o' } } };
      const copy = structuredClone(input);
      signJson(input, SERVER, key());
      expect(input).toEqual(copy);
    });

    it('rejects malformed input with InvalidSignatureInputError', () => {
      expectInputError(() => signJson([] as unknown as object, SERVER, key()), 'not-an-object');
      expectInputError(() => signJson(null as unknown as object, SERVER, key()), 'not-an-object');
      expectInputError(() => signJson({ signatures: 'x' }, SERVER, key()), 'malformed-signatures');
      expectInputError(() => signJson({ signatures: { domain: [] } }, SERVER, key()), 'malformed-signatures');
      expectInputError(() => signJson({}, '', key()), 'invalid-argument');
      expectInputError(() => signJson({}, SERVER, { ...key(), seed: new Uint8Array(31) }), 'invalid-argument');
      expectInputError(() => signJson({}, SERVER, { ...key(), keyId: 'ed25519:a b' }), 'invalid-argument');
    });

    it('reports an object without canonical JSON, with the CanonicalJsonError as cause', () => {
      const err = expectInputError(() => signJson({ content: { f: 1.5 } }, SERVER, key()), 'not-canonical-json');
      expect(err.cause).toBeInstanceOf(CanonicalJsonError);
      expect((err.cause as CanonicalJsonError).path).toBe('content.f');
    });

    it('signs floats with lenient numbers (room v1 to v5 events), and verifies with the same option', () => {
      const signed = signJson({ content: { f: 1.5 } }, SERVER, key(), { numbers: 'lenient' });
      expect(verifyJsonSignature(signed, SERVER, KEY_ID, key().publicKey, { numbers: 'lenient' })).toBe(true);
      expectInputError(() => verifyJsonSignature(signed, SERVER, KEY_ID, key().publicKey), 'not-canonical-json');
    });
  });

  describe('verifyJsonSignature: false for a missing or bad signature (appendices, "Checking for a Signature")', () => {
    const signed = () => signJson({ one: 1, two: 'Two' }, SERVER, key());

    it('step 1: no signatures member, or no entry for the server', () => {
      const { signatures: _, ...bare } = signed();
      expect(verifyJsonSignature(bare, SERVER, KEY_ID, key().publicKey)).toBe(false);
      expect(verifyJsonSignature({ ...bare, signatures: 'x' }, SERVER, KEY_ID, key().publicKey)).toBe(false);
      expect(verifyJsonSignature(signed(), 'other.org', KEY_ID, key().publicKey)).toBe(false);
    });

    it('step 2: an algorithm other than ed25519', () => {
      const s = signed();
      const moved = { ...s, signatures: { domain: { 'curve448:1': s.signatures.domain?.['ed25519:1'] } } };
      expect(verifyJsonSignature(moved, SERVER, 'curve448:1', key().publicKey)).toBe(false);
    });

    it('step 3: no signature under that key ID', () => {
      expect(verifyJsonSignature(signed(), SERVER, 'ed25519:2', key().publicKey)).toBe(false);
      expect(verifyJsonSignature({ signatures: { domain: { 'ed25519:1': 5 } } }, SERVER, KEY_ID, key().publicKey)).toBe(false);
    });

    it('step 4: a signature that is not base64, or not 64 bytes', () => {
      const with_ = (sig: string) => ({ one: 1, two: 'Two', signatures: { domain: { 'ed25519:1': sig } } });
      expect(verifyJsonSignature(with_('not base64!'), SERVER, KEY_ID, key().publicKey)).toBe(false);
      expect(verifyJsonSignature(with_(encodeBase64(new Uint8Array(63))), SERVER, KEY_ID, key().publicKey)).toBe(false);
    });

    it('step 7: a changed field, a changed signature, another key', () => {
      const s = signed();
      expect(verifyJsonSignature({ ...s, one: 2 }, SERVER, KEY_ID, key().publicKey)).toBe(false);
      expect(verifyJsonSignature({ ...s, three: 3 }, SERVER, KEY_ID, key().publicKey)).toBe(false);
      const other = signingKeyFromSeed('ed25519:1', new Uint8Array(32));
      expect(verifyJsonSignature(s, SERVER, KEY_ID, other.publicKey)).toBe(false);
      const sig = s.signatures.domain!['ed25519:1']!;
      const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
      expect(verifyJsonSignature({ ...s, signatures: { domain: { 'ed25519:1': flipped } } }, SERVER, KEY_ID, key().publicKey)).toBe(false);
    });

    it('unsigned and signatures are not covered', () => {
      const s = signed();
      expect(verifyJsonSignature({ ...s, unsigned: { age: 5 } }, SERVER, KEY_ID, key().publicKey)).toBe(true);
      expect(verifyJsonSignature({ ...s, signatures: { ...s.signatures, 'x.org': { 'ed25519:q': 'zz' } } }, SERVER, KEY_ID, key().publicKey)).toBe(true);
    });
  });

  describe('verifyJsonSignature: malformed arguments throw', () => {
    it('a non-object, a bad public key', () => {
      const s = signJson({ a: 1 }, SERVER, key());
      expectInputError(() => verifyJsonSignature('x' as unknown as object, SERVER, KEY_ID, key().publicKey), 'not-an-object');
      expectInputError(() => verifyJsonSignature([s], SERVER, KEY_ID, key().publicKey), 'not-an-object');
      const bad64 = expectInputError(() => verifyJsonSignature(s, SERVER, KEY_ID, 'no*base64'), 'invalid-public-key');
      expect(bad64.cause).toBeDefined();
      expectInputError(() => verifyJsonSignature(s, SERVER, KEY_ID, new Uint8Array(31)), 'invalid-public-key');
      expectInputError(() => verifyJsonSignature(s, SERVER, KEY_ID, encodeBase64(new Uint8Array(33))), 'invalid-public-key');
      expectInputError(() => verifyJsonSignature(s, SERVER, 5 as unknown as string, key().publicKey), 'invalid-argument');
    });
  });

  describe('properties', () => {
    it('sign then verify holds, and changing or removing any signed field breaks it', () => {
      fc.assert(
        fc.property(object, fc.uint8Array({ minLength: 32, maxLength: 32 }), (obj, seed) => {
          const k = signingKeyFromSeed('ed25519:p', seed);
          const signed = signJson(obj, 'example.org', k);
          expect(verifyJsonSignature(signed, 'example.org', 'ed25519:p', k.publicKey)).toBe(true);
          for (const field of Object.keys(obj)) {
            const { [field]: _removed, ...without } = signed;
            expect(verifyJsonSignature(without, 'example.org', 'ed25519:p', k.publicKey)).toBe(false);
            const changed = { ...signed, [field]: [signed[field]] };
            expect(verifyJsonSignature(changed, 'example.org', 'ed25519:p', k.publicKey)).toBe(false);
          }
        }),
        { numRuns: backend.name === 'noble' ? 30 : 150 },
      );
    });
  });
});

describe('both backends sign identically', () => {
  it('for random objects and seeds', () => {
    fc.assert(
      fc.property(object, fc.uint8Array({ minLength: 32, maxLength: 32 }), (obj, seed) => {
        const sigs = backends.map(([, b]) => {
          setCryptoBackend(b);
          return signJson(obj, 's', signingKeyFromSeed('ed25519:k', seed));
        });
        setCryptoBackend(undefined);
        expect(sigs[1]).toEqual(sigs[0]);
      }),
      { numRuns: 30 },
    );
  });
});

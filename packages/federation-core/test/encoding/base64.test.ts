import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidBase64Error, decodeBase64, decodeBase64Url, encodeBase64, encodeBase64Url } from '@maxtryx/federation-core';

const text = (s: string) => new TextEncoder().encode(s);

function expectBase64Error(fn: () => unknown, reason: string, position?: number): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InvalidBase64Error);
  expect((caught as InvalidBase64Error).name).toBe('InvalidBase64Error');
  expect((caught as InvalidBase64Error).reason).toBe(reason);
  if (position !== undefined) expect((caught as InvalidBase64Error).position).toBe(position);
}

// Spec: appendices, "Unpadded Base64", the examples (RFC 4648 section 10 without padding).
const SPEC_EXAMPLES: [string, string][] = [
  ['', ''],
  ['f', 'Zg'],
  ['fo', 'Zm8'],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg'],
  ['fooba', 'Zm9vYmE'],
  ['foobar', 'Zm9vYmFy'],
];

describe('unpadded Base64: the spec examples', () => {
  for (const [plain, encoded] of SPEC_EXAMPLES) {
    it(`UNPADDED_BASE64(${JSON.stringify(plain)}) = ${JSON.stringify(encoded)}`, () => {
      expect(encodeBase64(text(plain))).toBe(encoded);
      expect(decodeBase64(encoded)).toEqual(text(plain));
      expect(encodeBase64Url(text(plain))).toBe(encoded);
      expect(decodeBase64Url(encoded)).toEqual(text(plain));
    });
  }
});

describe('alphabets', () => {
  it('standard uses + and /, URL-safe uses - and _ (appendices, "URL-safe unpadded Base64")', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf]);
    expect(encodeBase64(bytes)).toBe('+/+/');
    expect(encodeBase64Url(bytes)).toBe('-_-_');
    expect(decodeBase64('+/+/')).toEqual(bytes);
    expect(decodeBase64Url('-_-_')).toEqual(bytes);
  });

  it('each decoder rejects the other alphabet and any other character, naming its position', () => {
    expectBase64Error(() => decodeBase64('ab-d'), 'invalid-character', 2);
    expectBase64Error(() => decodeBase64('abc_'), 'invalid-character', 3);
    expectBase64Error(() => decodeBase64Url('ab+d'), 'invalid-character', 2);
    expectBase64Error(() => decodeBase64Url('/bcd'), 'invalid-character', 0);
    expectBase64Error(() => decodeBase64('Zm9v Yg'), 'invalid-character', 4);
    expectBase64Error(() => decodeBase64('Zm9v\nYg'), 'invalid-character', 4);
    expectBase64Error(() => decodeBase64('Zm9é'), 'invalid-character', 3);
    expectBase64Error(() => decodeBase64('Zm9vY😀'), 'invalid-character', 5);
    expectBase64Error(() => decodeBase64('Z=9v'), 'invalid-character', 1);
  });

  it('rejects a non-string', () => {
    expectBase64Error(() => decodeBase64(undefined as unknown as string), 'not-a-string');
  });
});

describe('padding and length', () => {
  it('accepts complete padding (spec: SHOULD accept input with or without padding)', () => {
    expect(decodeBase64('Zg==')).toEqual(text('f'));
    expect(decodeBase64('Zm8=')).toEqual(text('fo'));
    expect(decodeBase64Url('Zm9vYg==')).toEqual(text('foob'));
  });

  it('rejects partial, excess or misplaced padding', () => {
    expectBase64Error(() => decodeBase64('Zg='), 'invalid-padding');
    expectBase64Error(() => decodeBase64('Zm9v===='), 'invalid-padding');
    expectBase64Error(() => decodeBase64('Zm9v='), 'invalid-padding');
    expectBase64Error(() => decodeBase64('Z==='), 'invalid-padding');
    expectBase64Error(() => decodeBase64('===='), 'invalid-padding');
    expectBase64Error(() => decodeBase64('Zg==Zg=='), 'invalid-character', 2);
  });

  it('rejects lengths of 1 modulo 4, which no byte string encodes to', () => {
    expectBase64Error(() => decodeBase64('Z'), 'invalid-length');
    expectBase64Error(() => decodeBase64('Zm9vY'), 'invalid-length');
  });

  it('strict mode rejects padding and non-zero trailing bits', () => {
    expectBase64Error(() => decodeBase64('Zg==', { strict: true }), 'invalid-padding');
    expectBase64Error(() => decodeBase64('Zh', { strict: true }), 'non-zero-trailing-bits');
    expectBase64Error(() => decodeBase64('Zm9', { strict: true }), 'non-zero-trailing-bits');
    expect(decodeBase64('Zg', { strict: true })).toEqual(text('f'));
    expect(decodeBase64('Zm8', { strict: true })).toEqual(text('fo'));
  });

  it('by default ignores non-zero trailing bits: the spec test-vector seed has them', () => {
    // Appendices, "Cryptographic Test Vectors": the last character '1' (53 = 0b110101) leaves bits 01 unused.
    const seed = decodeBase64('YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1');
    expect(seed).toHaveLength(32);
    expect(encodeBase64(seed)).toBe('YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA0');
    expect(decodeBase64('Zh')).toEqual(text('f'));
  });
});

describe('properties', () => {
  const strip = (s: string) => s.replace(/=+$/, '');

  it('encoding agrees with Node Buffer (RFC 4648) without padding, for both alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(encodeBase64(bytes)).toBe(strip(Buffer.from(bytes).toString('base64')));
        expect(encodeBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
      { numRuns: 1000 },
    );
  });

  it('decode(encode(b)) is b, padded or not, and strict decoding accepts exactly the canonical form', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const e = encodeBase64(bytes);
        expect(decodeBase64(e)).toEqual(bytes);
        expect(decodeBase64(e, { strict: true })).toEqual(bytes);
        expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
        expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });

  it('decoding agrees with Node Buffer on valid strings from the alphabet', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 60 }).filter((s) => s.length % 4 !== 1), (s) => {
        expect(Array.from(decodeBase64(s))).toEqual(Array.from(Buffer.from(s, 'base64')));
      }),
      { numRuns: 1000 },
    );
  });
});

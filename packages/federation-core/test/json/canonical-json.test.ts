import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import {
  CanonicalJsonError,
  canonicalJson,
  canonicalJsonBytes,
  canonicalJsonForSigning,
  canonicalJsonOptionsFor,
  compareCodePoints,
  getRoomVersion,
  parseStrictJson,
  roomVersionIds,
} from '@maxtryx/federation-core';
import examples from './fixtures/spec-canonical-json-examples.json' with { type: 'json' };

/** Expects `fn` to throw a CanonicalJsonError with this reason and path. */
function expectCanonicalError(fn: () => unknown, reason: string, path: string): CanonicalJsonError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CanonicalJsonError);
  const err = caught as CanonicalJsonError;
  expect(err.name).toBe('CanonicalJsonError');
  expect({ reason: err.reason, path: err.path }).toEqual({ reason, path });
  return err;
}

/** An independent reading of "sorted by Unicode codepoint": compare arrays of code points. */
function byCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x.length - y.length;
}

/** JSON values canonical JSON can encode: safe integers, well-formed strings with any code point. */
const key = fc.string({ unit: 'binary', maxLength: 6 });
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.maxSafeInteger(),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('canonicalJson: the spec examples (appendices, "Canonical JSON" > "Examples")', () => {
  for (const [i, example] of examples.examples.entries()) {
    it(`example ${i + 1}: ${example.canonical}`, () => {
      expect(canonicalJson(JSON.parse(example.input))).toBe(example.canonical);
      expect(canonicalJson(parseStrictJson(example.input))).toBe(example.canonical);
    });
  }
});

describe('canonicalJson: key order by Unicode code point', () => {
  it('sorts an astral key after U+E000..U+FFFF keys, unlike UTF-16 code-unit order', () => {
    const value = { '\u{1F600}': 1, '\uFFFD': 2, '\uE000': 3, z: 4 };
    // Code points: z (U+007A) < U+E000 < U+FFFD < U+1F600.
    expect(canonicalJson(value)).toBe('{"z":4,"\uE000":3,"\uFFFD":2,"\u{1F600}":1}');
    // The default sort (code units) would put the astral key (surrogate 0xD83D) before U+E000.
    expect(Object.keys(value).sort()).toEqual(['z', '\u{1F600}', '\uE000', '\uFFFD']);
  });

  it('orders astral keys among themselves and against prefixes', () => {
    const value = { '\u{10000}': 1, '\u{1F600}a': 2, '\u{1F600}': 3, '\u{10FFFF}': 4, '\uFFFF': 5 };
    expect(canonicalJson(value)).toBe('{"\uFFFF":5,"\u{10000}":1,"\u{1F600}":3,"\u{1F600}a":2,"\u{10FFFF}":4}');
  });

  it('sorts index-like keys as strings ("10" < "9"), whatever JavaScript enumerates first', () => {
    expect(canonicalJson({ b: 1, 9: 2, 10: 3, '!': 4 })).toBe('{"!":4,"10":3,"9":2,"b":1}');
  });

  it('keeps a "__proto__" member as data', () => {
    const value = JSON.parse('{"z":1,"__proto__":{"x":1},"a":2}') as unknown;
    expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":2,"z":1}');
  });

  it('compareCodePoints agrees with comparing code-point arrays', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byCodePoints(a, b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('orders every object by code point (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, fc.integer(), { maxKeys: 12 }), (obj) => {
        const expected = '{' + Object.keys(obj).sort(byCodePoints).map((k) => `${JSON.stringify(k)}:${obj[k]}`).join(',') + '}';
        expect(canonicalJson(obj)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('canonicalJson: strings (grammar: only ", \\ and controls escaped)', () => {
  // The grammar's `escaped` rule: \b \t \n \f \r for U+0008, 09, 0A, 0C, 0D; \u00XX with lowercase hex otherwise.
  const short: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' };
  for (let c = 0; c < 0x20; c++) {
    const expected = short[c] ?? `\\u00${c.toString(16).padStart(2, '0')}`;
    it(`escapes U+${c.toString(16).padStart(4, '0')} as ${expected}`, () => {
      expect(canonicalJson(String.fromCharCode(c))).toBe(`"${expected}"`);
      expect(canonicalJson({ [String.fromCharCode(c)]: 0 })).toBe(`{"${expected}":0}`);
    });
  }

  it('escapes " and \\ and nothing else: /, DEL, U+2028, U+2029, non-ASCII stay raw', () => {
    expect(canonicalJson('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(canonicalJson('/\u007f\u2028\u2029é日😀')).toBe('"/\u007f\u2028\u2029é日😀"');
  });

  it('writes non-ASCII as raw UTF-8 bytes', () => {
    expect(Array.from(canonicalJsonBytes({ a: '日' }))).toEqual([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe6, 0x97, 0xa5, 0x22, 0x7d]);
    expect(Array.from(canonicalJsonBytes('😀'))).toEqual([0x22, 0xf0, 0x9f, 0x98, 0x80, 0x22]);
  });
});

describe('canonicalJson: numbers', () => {
  it('writes -0 as 0 (the spec example turns -0 into 0; -0 "MUST NOT appear")', () => {
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson({ a: [-0] })).toBe('{"a":[0]}');
  });

  it('accepts the range ends and writes them without exponent', () => {
    expect(canonicalJson([2 ** 53 - 1, -(2 ** 53) + 1, 1e15])).toBe('[9007199254740991,-9007199254740991,1000000000000000]');
  });

  it('rejects floats, with the path', () => {
    const err = expectCanonicalError(() => canonicalJson({ content: { body: 1.5 } }), 'not-an-integer', 'content.body');
    expect(err.message).toContain('content.body');
  });

  it('rejects integers just outside the range', () => {
    expectCanonicalError(() => canonicalJson({ a: 2 ** 53 }), 'integer-out-of-range', 'a');
    expectCanonicalError(() => canonicalJson({ a: -(2 ** 53) }), 'integer-out-of-range', 'a');
    expectCanonicalError(() => canonicalJson([1e21]), 'integer-out-of-range', '[0]');
  });

  it('rejects NaN and infinities', () => {
    expectCanonicalError(() => canonicalJson({ a: NaN }), 'non-finite-number', 'a');
    expectCanonicalError(() => canonicalJson({ a: [Infinity] }), 'non-finite-number', 'a[0]');
    expectCanonicalError(() => canonicalJson(-Infinity), 'non-finite-number', '');
  });

  it('lenient numbers (room v1 to v5) accept floats, big integers and bigints, but never NaN', () => {
    const lenient = { numbers: 'lenient' } as const;
    expect(canonicalJson({ b: 1.5, a: 2 ** 53, c: 12345678901234567890n, d: 1e21 }, lenient)).toBe(
      '{"a":9007199254740992,"b":1.5,"c":12345678901234567890,"d":1e+21}',
    );
    expectCanonicalError(() => canonicalJson({ a: NaN }, lenient), 'non-finite-number', 'a');
    expectCanonicalError(() => canonicalJson({ a: 1n }), 'unsupported-value', 'a');
  });

  it('canonicalJsonOptionsFor follows strictCanonicalJson: lenient in v1 to v5, strict from v6', () => {
    for (const id of roomVersionIds) {
      const expected = Number(id) <= 5 ? 'lenient' : 'strict';
      expect(canonicalJsonOptionsFor(getRoomVersion(id)).numbers).toBe(expected);
    }
  });
});

describe('canonicalJson: values that are not JSON', () => {
  it('omits object members whose value is undefined (as they travel on the wire)', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('rejects undefined as the value or in an array (including holes)', () => {
    expectCanonicalError(() => canonicalJson(undefined), 'unsupported-value', '');
    expectCanonicalError(() => canonicalJson({ a: [1, undefined] }), 'unsupported-value', 'a[1]');
    // eslint-disable-next-line no-sparse-arrays
    expectCanonicalError(() => canonicalJson([1, , 3]), 'unsupported-value', '[1]');
  });

  it('rejects functions, symbols and bigints (strict)', () => {
    expectCanonicalError(() => canonicalJson({ f: () => 1 }), 'unsupported-value', 'f');
    expectCanonicalError(() => canonicalJson({ s: Symbol('x') }), 'unsupported-value', 's');
    expectCanonicalError(() => canonicalJson({ n: 5n }), 'unsupported-value', 'n');
  });

  it('rejects Dates, Maps, typed arrays, boxed primitives and class instances', () => {
    class Thing {
      a = 1;
    }
    expectCanonicalError(() => canonicalJson({ when: new Date(0) }), 'not-plain-object', 'when');
    expectCanonicalError(() => canonicalJson({ m: new Map() }), 'not-plain-object', 'm');
    expectCanonicalError(() => canonicalJson({ u: new Uint8Array(2) }), 'not-plain-object', 'u');
    expectCanonicalError(() => canonicalJson([new String('x')]), 'not-plain-object', '[0]');
    expectCanonicalError(() => canonicalJson(new Thing()), 'not-plain-object', '');
  });

  it('accepts objects with a null prototype', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.b = 1;
    o.a = 2;
    expect(canonicalJson(o)).toBe('{"a":2,"b":1}');
  });

  it('rejects lone surrogates in values and keys', () => {
    expectCanonicalError(() => canonicalJson({ body: 'a\ud800' }), 'lone-surrogate', 'body');
    expectCanonicalError(() => canonicalJson(['\udc00x']), 'lone-surrogate', '[0]');
    expectCanonicalError(() => canonicalJson({ a: { '\udfffk': 1 } }), 'lone-surrogate', 'a["\\udfffk"]');
  });

  it('rejects cycles, naming where the value repeats', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expectCanonicalError(() => canonicalJson({ content: a }), 'cycle', 'content.self');
    const arr: unknown[] = [];
    arr.push([arr]);
    expectCanonicalError(() => canonicalJson(arr), 'cycle', '[0][0]');
  });

  it('accepts a shared (acyclic) sub-object twice', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"k":1},"b":[{"k":1}]}');
  });

  it('rejects nesting deeper than maxDepth, and accepts exactly maxDepth', () => {
    const nest = (n: number): unknown => (n === 0 ? 0 : [nest(n - 1)]);
    expect(canonicalJson(nest(3), { maxDepth: 3 })).toBe('[[[0]]]');
    // The fourth container, at [0][0][0], is one too deep.
    expectCanonicalError(() => canonicalJson(nest(4), { maxDepth: 3 }), 'too-deep', '[0][0][0]');
    expect(canonicalJson(nest(512))).toHaveLength(512 * 2 + 1);
    expectCanonicalError(() => canonicalJson(nest(513)), 'too-deep', '[0]'.repeat(512));
  });

  it('reports the first problem in canonical order', () => {
    expectCanonicalError(() => canonicalJson({ z: 1.5, a: NaN }), 'non-finite-number', 'a');
  });
});

describe('canonicalJsonForSigning (appendices, "Signing Details")', () => {
  it('drops top-level signatures and unsigned only', () => {
    const value = { b: 1, signatures: { x: {} }, unsigned: { age: 1.5 }, a: { signatures: 2, unsigned: 3 } };
    expect(canonicalJsonForSigning(value)).toBe('{"a":{"signatures":2,"unsigned":3},"b":1}');
  });

  it('does not validate what it drops, but validates the rest', () => {
    expect(canonicalJsonForSigning({ unsigned: { f: 0.5 }, a: 1 })).toBe('{"a":1}');
    expectCanonicalError(() => canonicalJsonForSigning({ a: 0.5 }), 'not-an-integer', 'a');
    expectCanonicalError(() => canonicalJsonForSigning([1]), 'unsupported-value', '');
  });

  it('equals canonicalJson of the object without the two keys (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, jsonValue, { maxKeys: 6 }), jsonValue, jsonValue, (obj, sigs, unsigned) => {
        const { signatures: _s, unsigned: _u, ...rest } = obj;
        expect(canonicalJsonForSigning({ ...obj, signatures: sigs, unsigned })).toBe(canonicalJson(rest));
      }),
    );
  });
});

describe('canonicalJson: properties', () => {
  it('is idempotent: parsing the output and encoding again gives the same text', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(key, jsonValue, { maxKeys: 8 }), fc.integer(), (obj, seed) => {
        const entries: [string, unknown][] = Object.entries(obj);
        // Deterministic shuffle from the seed.
        let s = seed >>> 0;
        for (let i = entries.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const j = s % (i + 1);
          [entries[i], entries[j]] = [entries[j] as [string, unknown], entries[i] as [string, unknown]];
        }
        expect(canonicalJson(Object.fromEntries(entries))).toBe(canonicalJson(obj));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with RFC 8785 (json-canonicalize) where both must: integers and BMP-only keys', () => {
    const bmpKey = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCharCode(c)), maxLength: 6 });
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.maxSafeInteger(),
        fc.string({ unit: 'binary', maxLength: 10 }),
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(bmpKey, tie('v'), { maxKeys: 6 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips through parseStrictJson', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        expect(parseStrictJson(canonicalJson(v))).toEqual(v);
      }),
      { numRuns: 500 },
    );
  });
});

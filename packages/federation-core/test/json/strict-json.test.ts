import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StrictJsonError, canonicalJson, parseStrictJson } from '@maxtryx/federation-core';
import type { StrictJsonOptions } from '@maxtryx/federation-core';

function expectStrictError(input: string | Uint8Array, reason: string, path?: string, options?: StrictJsonOptions): StrictJsonError {
  let caught: unknown;
  try {
    parseStrictJson(input, options);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(StrictJsonError);
  const err = caught as StrictJsonError;
  expect(err.name).toBe('StrictJsonError');
  expect(err.reason).toBe(reason);
  if (path !== undefined) expect(err.path).toBe(path);
  return err;
}

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('parseStrictJson: valid input', () => {
  it('parses every kind of value, with insignificant whitespace', () => {
    expect(parseStrictJson(' {\n\t"a" : [1, -2, true, false, null, "x", {}, []] }\r\n')).toEqual({ a: [1, -2, true, false, null, 'x', {}, []] });
    expect(parseStrictJson('"top"')).toBe('top');
    expect(parseStrictJson('0')).toBe(0);
  });

  it('decodes every escape, including surrogate pairs', () => {
    expect(parseStrictJson('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\ud83d\\ude00"')).toBe('"\\/\b\f\n\r\tAé😀');
  });

  it('reads UTF-8 bytes', () => {
    expect(parseStrictJson(utf8('{"日本":"語😀"}'))).toEqual({ 日本: '語😀' });
  });

  it('keeps a "__proto__" key as data', () => {
    const v = parseStrictJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses 100 000 levels of nesting without exhausting the stack when allowed', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    let v = parseStrictJson(deep, { maxDepth: Infinity });
    let depth = 0;
    while (Array.isArray(v) && v.length > 0) {
      v = v[0] as typeof v;
      depth++;
    }
    expect(depth).toBe(99_999);
  });
});

describe('parseStrictJson: rejected input', () => {
  it('duplicate keys, with the path of the repeated member', () => {
    expectStrictError('{"a":1,"a":2}', 'duplicate-key', 'a');
    expectStrictError('{"content":{"body":"x","m":[{"k":1,"k":1}]}}', 'duplicate-key', 'content.m[0].k');
    // Equal after unescaping is a duplicate too.
    expectStrictError('{"a":1,"\\u0061":2}', 'duplicate-key', 'a');
  });

  it('lone surrogates, raw or escaped', () => {
    expectStrictError('{"a":"\\ud800"}', 'lone-surrogate', 'a');
    expectStrictError('["\\udc00\\ud800"]', 'lone-surrogate', '[0]');
    expectStrictError('["\\ud83dx"]', 'lone-surrogate', '[0]');
    expectStrictError('{"k\ud800":1}', 'lone-surrogate');
    expectStrictError('["x\udfff"]', 'lone-surrogate', '[0]');
  });

  it('invalid UTF-8: a stray byte, an overlong form, an encoded surrogate, a truncated sequence', () => {
    expectStrictError(bytes(0x22, 0xff, 0x22), 'invalid-utf8');
    expectStrictError(bytes(0x22, 0xc0, 0xaf, 0x22), 'invalid-utf8');
    expectStrictError(bytes(0x22, 0xed, 0xa0, 0x80, 0x22), 'invalid-utf8');
    expectStrictError(bytes(0x22, 0xe6, 0x97), 'invalid-utf8');
  });

  it('nesting deeper than maxDepth (default 128), accepting exactly the limit', () => {
    expect(() => parseStrictJson('['.repeat(128) + ']'.repeat(128))).not.toThrow();
    expectStrictError('['.repeat(129) + ']'.repeat(129), 'too-deep');
    expectStrictError('{"a":{"b":[1]}}', 'too-deep', 'a.b', { maxDepth: 2 });
    // Hostile depth fails fast and cleanly.
    expectStrictError('['.repeat(1_000_000), 'too-deep');
  });

  it('trailing data after the value', () => {
    expectStrictError('{} {}', 'trailing-data');
    expectStrictError('1 2', 'trailing-data');
    expectStrictError('"a"x', 'trailing-data');
    expectStrictError('0x1', 'trailing-data');
  });

  it('input larger than maxBytes, counted in UTF-8 bytes', () => {
    expect(parseStrictJson('"日"', { maxBytes: 5 })).toBe('日');
    expectStrictError('"日"', 'too-large', undefined, { maxBytes: 4 });
    expectStrictError(utf8('"abcd"'), 'too-large', undefined, { maxBytes: 5 });
  });

  it('syntax errors RFC 8259 forbids', () => {
    for (const text of ['', ' ', '{', '[1,]', '{"a":1,}', "{'a':1}", '{a:1}', '01', '-', '1.', '.5', '+1', '1e', '-01', '00', 'NaN', 'Infinity',
      'tru', 'nul', '"\\x"', '"\\u12"', '"\\u12G4"', '"a\nb"', '"\u0000"', '"abc', '[1 2]', '{"a" 1}', '\ufeff{}', '{"a":1]', '[}']) {
      expectStrictError(text, 'syntax');
    }
  });

  it('reports the position of the offending character', () => {
    const err = expectStrictError('{"a": [1, x]}', 'syntax', 'a[1]');
    expect(err.position).toBe(10);
  });

  it('not a string or bytes', () => {
    expectStrictError(42 as unknown as string, 'invalid-input');
    expectStrictError(null as unknown as string, 'invalid-input');
  });
});

describe('parseStrictJson: numbers', () => {
  it('strict (default): integers in [-(2**53)+1, (2**53)-1], in any spelling', () => {
    expect(parseStrictJson('[9007199254740991,-9007199254740991,1e10,1E+2,1.0,10e-1,0.5e1,-0,-0.0,0e999999]')).toEqual([
      9007199254740991, -9007199254740991, 1e10, 100, 1, 1, 5, 0, 0, 0,
    ]);
    expect(Object.is(parseStrictJson('-0'), 0)).toBe(true);
  });

  it('onSpelledNumber: reports the path of every number spelled with a fraction or exponent, and nothing else', () => {
    const seen: string[] = [];
    const body = '{"pdus":[{"content":{"a":1e2,"b":100,"c":[1,2.0,-0]}},{"depth":5,"x":{"y z":1E+1}}],"n":-3e0}';
    expect(parseStrictJson(body, { onSpelledNumber: (p) => seen.push(p) })).toEqual({
      pdus: [{ content: { a: 100, b: 100, c: [1, 2, 0] } }, { depth: 5, x: { 'y z': 10 } }],
      n: -3,
    });
    expect(seen).toEqual(['pdus[0].content.a', 'pdus[0].content.c[1]', 'pdus[1].x["y z"]', 'n']);
    // Also in lenient mode (a float is spelled with a fraction too); plain refuses before reporting.
    const lenientSeen: string[] = [];
    parseStrictJson('[1.5, 7, 1e3]', { numbers: 'lenient', onSpelledNumber: (p) => lenientSeen.push(p) });
    expect(lenientSeen).toEqual(['[0]', '[2]']);
    const plainSeen: string[] = [];
    expect(() => parseStrictJson('[1e2]', { numbers: 'plain', onSpelledNumber: (p) => plainSeen.push(p) })).toThrow(StrictJsonError);
    expect(plainSeen).toEqual([]);
  });

  it("plain: integers spelled without fraction or exponent only (as Synapse, Ruma and gomatrixserverlib read v6+ PDUs)", () => {
    const plain = { numbers: 'plain' } as const;
    expect(parseStrictJson('[9007199254740991,-9007199254740991,0,-0,42]', plain)).toEqual([9007199254740991, -9007199254740991, 0, 0, 42]);
    expect(Object.is(parseStrictJson('-0', plain), 0)).toBe(true);
    for (const spelling of ['1e10', '1E+2', '1.0', '10e-1', '0.5e1', '-0.0', '0e5']) {
      expect(() => parseStrictJson(`[${spelling}]`, plain), spelling).toThrow(StrictJsonError);
      expectStrictError(`{"a":${spelling}}`, 'not-an-integer', 'a', plain);
    }
    expectStrictError('[9007199254740992]', 'number-out-of-range', '[0]', plain);
  });

  it('strict: floats are errors', () => {
    expectStrictError('{"a":1.5}', 'not-an-integer', 'a');
    expectStrictError('[1e-1]', 'not-an-integer', '[0]');
    expectStrictError('[0.1e0]', 'not-an-integer');
  });

  it('strict: integers JSON.parse would round, or outside the range, are errors', () => {
    expectStrictError('[9007199254740992]', 'number-out-of-range', '[0]');
    expectStrictError('[-9007199254740992]', 'number-out-of-range');
    expectStrictError('[9007199254740993]', 'number-out-of-range');
    expectStrictError('[12345678901234567890]', 'number-out-of-range');
    expectStrictError('[1e16]', 'number-out-of-range');
    expectStrictError('[1e400]', 'number-out-of-range');
    expectStrictError('[1e999999999999]', 'number-out-of-range');
  });

  it('lenient (room v1 to v5): floats and exactly representable big integers', () => {
    const lenient = { numbers: 'lenient' } as const;
    expect(parseStrictJson('[1.5,9007199254740992,1152921504606846976,1e300,-1e-400]', lenient)).toEqual([1.5, 2 ** 53, 2 ** 60, 1e300, 0]);
  });

  it('lenient: still rejects an integer that rounding would change, and overflow', () => {
    const lenient = { numbers: 'lenient' } as const;
    expectStrictError('[9007199254740993]', 'number-out-of-range', '[0]', lenient);
    expectStrictError('[1e400]', 'number-out-of-range', '[0]', lenient);
  });
});

describe('parseStrictJson: properties', () => {
  const value = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.maxSafeInteger(),
      fc.string({ unit: 'binary', maxLength: 10 }),
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(fc.string({ unit: 'binary', maxLength: 5 }), tie('v'), { maxKeys: 5 }),
    ),
  })).v;

  it('agrees with JSON.parse on JSON.stringify output (from text and from bytes)', () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = JSON.stringify(v, null, 1);
        expect(parseStrictJson(text)).toEqual(JSON.parse(text));
        expect(parseStrictJson(utf8(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('parseStrictJson(canonicalJson(x)) deep-equals x', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(parseStrictJson(canonicalJson(v))).toEqual(v);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but StrictJsonError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', '-', 'e', '.', '\\', 'u', 'a', ' ', '\ud800') }), (text) => {
        try {
          parseStrictJson(text);
        } catch (e) {
          expect(e).toBeInstanceOf(StrictJsonError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

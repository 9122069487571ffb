import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  InvalidXMatrixHeaderError,
  MAX_X_MATRIX_HEADER_LENGTH,
  parseXMatrixAuthorization,
} from '@maxtryx/federation-core';

// Cases follow server-server-api "Request Authentication" and RFC 9110 sections 11.4 and 5.6.

const expected = { origin: 'origin.hs.example.com', destination: 'destination.hs.example.com', key: 'ed25519:key1', signature: 'ABCDEF' };

describe('parseXMatrixAuthorization', () => {
  it('parses the spec example form', () => {
    expect(
      parseXMatrixAuthorization(
        'X-Matrix origin="origin.hs.example.com",destination="destination.hs.example.com",key="ed25519:key1",sig="ABCDEF"',
      ),
    ).toEqual(expected);
  });

  it('matches the scheme case-insensitively', () => {
    for (const scheme of ['x-matrix', 'X-MATRIX', 'x-MaTrIx']) {
      expect(parseXMatrixAuthorization(`${scheme} origin=origin.hs.example.com,destination=destination.hs.example.com,key="ed25519:key1",sig=ABCDEF`)).toEqual(expected);
    }
  });

  it('accepts several spaces after the scheme, spaces and tabs around commas and "=", and trailing whitespace', () => {
    expect(
      parseXMatrixAuthorization(
        '  X-Matrix    origin = "origin.hs.example.com" ,\tdestination="destination.hs.example.com"\t, key="ed25519:key1",  sig="ABCDEF"  ',
      ),
    ).toEqual(expected);
  });

  it('matches parameter names case-insensitively and in any order', () => {
    expect(
      parseXMatrixAuthorization('X-Matrix SIG="ABCDEF",Key="ed25519:key1",DESTINATION="destination.hs.example.com",Origin="origin.hs.example.com"'),
    ).toEqual(expected);
  });

  it('accepts unquoted token values, with colons unquoted as the spec asks recipients to', () => {
    expect(
      parseXMatrixAuthorization('X-Matrix origin=origin.hs.example.com:8448,destination=destination.hs.example.com,key=ed25519:key1,sig=ABCDEF'),
    ).toEqual({ ...expected, origin: 'origin.hs.example.com:8448' });
  });

  it('undoes backslash escapes in quoted values', () => {
    expect(parseXMatrixAuthorization('X-Matrix origin="origin.hs.example.com",key="ed25519:key1",sig="AB\\C\\\\D\\"E"').signature).toBe('ABC\\D"E');
  });

  it('accepts a header without destination (servers before spec v1.3)', () => {
    const parsed = parseXMatrixAuthorization('X-Matrix origin=origin.hs.example.com,key="ed25519:key1",sig="ABCDEF"');
    expect(parsed).toEqual({ origin: 'origin.hs.example.com', key: 'ed25519:key1', signature: 'ABCDEF' });
    expect('destination' in parsed).toBe(false);
  });

  it('ignores unknown parameters', () => {
    expect(
      parseXMatrixAuthorization(
        'X-Matrix origin="origin.hs.example.com",foo="bar, baz",destination="destination.hs.example.com",key="ed25519:key1",sig="ABCDEF",x=1',
      ),
    ).toEqual(expected);
  });

  it('accepts the spec prose name "signature" for sig', () => {
    expect(parseXMatrixAuthorization('X-Matrix origin=origin.hs.example.com,key="ed25519:key1",signature="ABCDEF"').signature).toBe('ABCDEF');
  });

  it('ignores empty list elements', () => {
    expect(parseXMatrixAuthorization('X-Matrix ,origin=origin.hs.example.com,,key="ed25519:key1",sig="ABCDEF",').key).toBe('ed25519:key1');
  });

  const bad: [string, string, RegExp][] = [
    ['another scheme', 'Bearer origin=a.example,key="ed25519:1",sig="A"', /scheme/],
    ['the scheme glued to a parameter', 'X-Matrixorigin=a.example,key="ed25519:1",sig="A"', /scheme/],
    ['a longer scheme name', 'X-Matrixx origin=a.example,key="ed25519:1",sig="A"', /scheme/],
    ['an empty header', '', /scheme/],
    ['the scheme alone', 'X-Matrix', /missing origin/],
    ['missing origin', 'X-Matrix key="ed25519:1",sig="A"', /missing origin/],
    ['missing key', 'X-Matrix origin=a.example,sig="A"', /missing key/],
    ['missing sig', 'X-Matrix origin=a.example,key="ed25519:1"', /missing sig/],
    ['an empty sig', 'X-Matrix origin=a.example,key="ed25519:1",sig=""', /missing sig/],
    ['a duplicate parameter', 'X-Matrix origin=a.example,origin=b.example,key="ed25519:1",sig="A"', /more than once/],
    ['a duplicate under another case', 'X-Matrix origin=a.example,ORIGIN=a.example,key="ed25519:1",sig="A"', /more than once/],
    ['sig and signature together', 'X-Matrix origin=a.example,key="ed25519:1",sig="A",signature="B"', /more than once/],
    ['an unterminated quote', 'X-Matrix origin="a.example,key="ed25519:1",sig="A', /unterminated|unexpected/],
    ['text after a closing quote', 'X-Matrix origin="a.example"x,key="ed25519:1",sig="A"', /unexpected/],
    ['a parameter without "="', 'X-Matrix origin,key="ed25519:1",sig="A"', /expected "="/],
    ['a missing value', 'X-Matrix origin=,key="ed25519:1",sig="A"', /missing value/],
    ['an unquoted value with a space inside', 'X-Matrix origin=a example,key="ed25519:1",sig="A"', /unexpected/],
    ['a key ID without algorithm', 'X-Matrix origin=a.example,key="key1",sig="A"', /algorithm:version/],
    ['an origin that is not a server name', 'X-Matrix origin="not a server",key="ed25519:1",sig="A"', /origin/],
    ['a destination that is not a server name', 'X-Matrix origin=a.example,destination="",key="ed25519:1",sig="A"', /destination/],
    ['a semicolon separator', 'X-Matrix origin=a.example;key="ed25519:1";sig="A"', /unexpected/],
  ];
  it.each(bad)('rejects %s', (_name, header, message) => {
    expect(() => parseXMatrixAuthorization(header)).toThrow(InvalidXMatrixHeaderError);
    expect(() => parseXMatrixAuthorization(header)).toThrow(message);
  });

  it('bounds the header length', () => {
    const long = `X-Matrix origin=a.example,key="ed25519:1",sig="${'A'.repeat(MAX_X_MATRIX_HEADER_LENGTH)}"`;
    expect(() => parseXMatrixAuthorization(long)).toThrow(/longer than/);
  });

  it('bounds the number of parameters', () => {
    const many = Array.from({ length: 40 }, (_, i) => `p${i}=1`).join(',');
    expect(() => parseXMatrixAuthorization(`X-Matrix origin=a.example,key="ed25519:1",sig="A",${many}`)).toThrow(/parameters/);
  });

  it('rejects a non-string header with the typed error', () => {
    expect(() => parseXMatrixAuthorization(undefined as never)).toThrow(InvalidXMatrixHeaderError);
  });

  it('the error has its name set', () => {
    try {
      parseXMatrixAuthorization('Basic abc');
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('InvalidXMatrixHeaderError');
    }
  });

  it('round-trips any value through quoting with escapes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 100 }).filter((s) => !/[\u0000-\u001f\u007f]/.test(s)), (sig) => {
        const quoted = `"${sig.replace(/["\\]/g, (c) => `\\${c}`)}"`;
        expect(parseXMatrixAuthorization(`X-Matrix origin=a.example,key="ed25519:1",sig=${quoted}`).signature).toBe(sig);
      }),
    );
  });

  it('never throws anything but InvalidXMatrixHeaderError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (tail) => {
        try {
          parseXMatrixAuthorization(`X-Matrix ${tail}`);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidXMatrixHeaderError);
        }
      }),
    );
  });
});

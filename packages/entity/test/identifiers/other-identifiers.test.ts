import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertValidDeviceId,
  assertValidDeviceKeyId,
  assertValidKeyId,
  assertValidOpaqueId,
  deviceIdSchema,
  deviceKeyIdSchema,
  InvalidDeviceIdError,
  InvalidKeyIdError,
  InvalidOpaqueIdError,
  isValidDeviceId,
  isValidDeviceKeyId,
  isValidKeyId,
  isValidOpaqueId,
  keyIdProblem,
  keyIdSchema,
  opaqueIdSchema,
} from '@maxtryx/entity';

describe('key ID (signing key identifier: algorithm:version, version of [a-zA-Z0-9_])', () => {
  it.each(['ed25519:abc123', 'ed25519:0ldK3y', 'ed25519:1', 'ed25519:a_AbC_9', 'ed25519:auto', 'signed_curve25519:AAAAHg'])(
    'accepts %s',
    (id) => {
      expect(isValidKeyId(id)).toBe(true);
      expect(() => assertValidKeyId(id)).not.toThrow();
      expect(keyIdSchema.parse(id)).toBe(id);
    },
  );

  it.each([
    ['ed25519', 'missing ":"'],
    [':abc', 'algorithm'],
    ['ed25519:', 'version'],
    ['ed25519:a-b', 'version'],
    ['ed25519:a/b', 'version'],
    ['ed25519:a:b', 'version'],
    ['ed 25519:a', 'algorithm'],
  ])('rejects %j (%s)', (id, why) => {
    expect(isValidKeyId(id)).toBe(false);
    expect(keyIdProblem(id)).toContain(why);
    expect(() => assertValidKeyId(id)).toThrow(InvalidKeyIdError);
  });

  it('device and cross-signing key IDs allow an opaque identifier', () => {
    expect(isValidDeviceKeyId('ed25519:JLAFKJWSCS')).toBe(true);
    expect(isValidDeviceKeyId('ed25519:nqOvzeuGWT/sRx3h7+MHoInYj3Uk2LD/unI9kDYcHwk')).toBe(true);
    expect(isValidKeyId('ed25519:nqOvzeuGWT/sRx3h7+MHoInYj3Uk2LD/unI9kDYcHwk')).toBe(false);
    expect(isValidDeviceKeyId('ed25519:')).toBe(false);
    expect(isValidDeviceKeyId(`ed25519:${'A'.repeat(248)}`)).toBe(false);
    expect(() => assertValidDeviceKeyId('nocolon')).toThrow(InvalidKeyIdError);
    expect(deviceKeyIdSchema.safeParse('curve25519:').success).toBe(false);
  });

  it('property: generated versions of [a-zA-Z0-9_] are accepted; any other character is rejected', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_]{1,20}$/), fc.constantFrom('-', '/', '+', '.', ' ', ':', 'é'), (v, bad) => {
        expect(isValidKeyId(`ed25519:${v}`)).toBe(true);
        expect(isValidKeyId(`ed25519:${v}${bad}`)).toBe(false);
      }),
    );
  });
});

describe('device ID (opaque; 1 to 255 UTF-8 bytes, no NUL, no lone surrogate)', () => {
  it('accepts ordinary and unusual device IDs', () => {
    for (const id of ['JLAFKJWSCS', 'AliceDevice2', 'my device', 'ABC:DEF', 'é'.repeat(127)]) {
      expect(isValidDeviceId(id)).toBe(true);
      expect(deviceIdSchema.parse(id)).toBe(id);
    }
  });
  it('rejects empty, oversize and malformed device IDs', () => {
    for (const id of ['', 'a'.repeat(256), 'é'.repeat(128), 'a\u0000b', '\udc00']) {
      expect(isValidDeviceId(id)).toBe(false);
      expect(() => assertValidDeviceId(id)).toThrow(InvalidDeviceIdError);
    }
    expect(isValidDeviceId('a'.repeat(255))).toBe(true);
    expect(isValidDeviceId(12)).toBe(false);
  });
});

describe('opaque identifier (appendix: Opaque Identifiers)', () => {
  it('accepts the RFC 3986 unreserved characters, 1 to 255 of them', () => {
    expect(isValidOpaqueId('aZ09-._~')).toBe(true);
    expect(isValidOpaqueId('a'.repeat(255))).toBe(true);
    expect(opaqueIdSchema.parse('12345')).toBe('12345');
  });
  it.each(['', 'a'.repeat(256), 'a b', 'a/b', 'a+b', 'a:b', 'é'])('rejects %j', (id) => {
    expect(isValidOpaqueId(id)).toBe(false);
    expect(() => assertValidOpaqueId(id)).toThrow(InvalidOpaqueIdError);
  });
  it('property: generated identifiers are accepted', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Za-z._~-]{1,255}$/), (id) => {
        expect(isValidOpaqueId(id)).toBe(true);
      }),
    );
  });
});

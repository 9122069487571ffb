import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertValidHistoricalUserId,
  assertValidUserId,
  historicalUserIdProblem,
  InvalidUserIdError,
  isValidHistoricalUserId,
  isValidUserId,
  serverNameOf,
  strictUserIdSchema,
  userIdProblem,
  userIdSchema,
  utf8ByteLength,
} from '@maxtryx/entity';

/** A user ID of exactly `bytes` UTF-8 bytes on `example.org`, padding the localpart with `fill`. */
function userIdOfBytes(bytes: number, fill = 'a'): string {
  const fixed = '@:example.org';
  const fillBytes = utf8ByteLength(fill);
  const room = bytes - fixed.length;
  const count = Math.floor(room / fillBytes);
  return `@${fill.repeat(count)}${'a'.repeat(room - count * fillBytes)}:example.org`;
}

describe('user ID (appendix: User Identifiers)', () => {
  it.each([
    '@alice:example.org',
    '@alice:matrix.org:8448',
    '@a.b_c=d-e/f+g:example.org',
    '@0123456789:1.2.3.4',
    '@bob:[1234:5678::abcd]:5678',
    '@x:localhost',
  ])('strict grammar accepts %s', (id) => {
    expect(isValidUserId(id)).toBe(true);
    expect(isValidHistoricalUserId(id)).toBe(true);
    expect(() => assertValidUserId(id)).not.toThrow();
  });

  it.each([
    ['@Alice:example.org', 'localpart'],
    ['@alice*:example.org', 'localpart'],
    ['@al ice:example.org', 'localpart'],
    ['@ålice:example.org', 'localpart'],
    ['@:example.org', 'localpart'],
  ])('strict grammar rejects %j but the historical grammar accepts it', (id, why) => {
    expect(isValidUserId(id)).toBe(false);
    expect(userIdProblem(id)).toContain(why);
    expect(() => assertValidUserId(id)).toThrow(InvalidUserIdError);
    expect(isValidHistoricalUserId(id)).toBe(true);
    expect(() => assertValidHistoricalUserId(id)).not.toThrow();
  });

  it.each([
    ['alice:example.org', 'sigil'],
    ['#alice:example.org', 'sigil'],
    ['@alice', 'missing ":"'],
    ['@alice:', 'server name'],
    ['@alice:bad_server', 'server name'],
    ['@alice:example.org:99999999', 'server name'],
    ['@al\u0000ice:example.org', 'NUL'],
    ['@al\ud800ice:example.org', 'surrogate'],
  ])('both grammars reject %j (%s)', (id, why) => {
    expect(isValidUserId(id)).toBe(false);
    expect(isValidHistoricalUserId(id)).toBe(false);
    expect(historicalUserIdProblem(id)).toContain(why);
    expect(() => assertValidHistoricalUserId(id)).toThrow(InvalidUserIdError);
  });

  it('splits at the first colon: the localpart never holds one, the server name may', () => {
    expect(isValidHistoricalUserId('@a:b:c')).toBe(false); // server name "b:c" has a bad port
    expect(serverNameOf('@alice:example.org:8448')).toBe('example.org:8448');
  });

  it('limits the whole ID to 255 bytes (exactly 255 accepted, 256 rejected)', () => {
    const ok = userIdOfBytes(255);
    const tooLong = userIdOfBytes(256);
    expect(ok.length).toBe(255);
    expect(isValidUserId(ok)).toBe(true);
    expect(isValidUserId(tooLong)).toBe(false);
    expect(userIdProblem(tooLong)).toMatch(/255 bytes/);
  });

  it('counts the limit in UTF-8 bytes, not characters (historical localparts)', () => {
    const ok = userIdOfBytes(255, 'é'); // 2 bytes each
    const tooLong = userIdOfBytes(256, 'é');
    expect(utf8ByteLength(ok)).toBe(255);
    expect(ok.length).toBeLessThan(255);
    expect(isValidHistoricalUserId(ok)).toBe(true);
    expect(isValidHistoricalUserId(tooLong)).toBe(false);
    const emoji = userIdOfBytes(256, '😀'); // 4 bytes, 2 UTF-16 units
    expect(emoji.length).toBeLessThan(256);
    expect(isValidHistoricalUserId(emoji)).toBe(false);
  });

  it('the error names the value and the reason', () => {
    const error = (() => {
      try {
        assertValidUserId('@Bob:example.org');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidUserIdError);
    expect(error).toMatchObject({ name: 'InvalidUserIdError', value: '@Bob:example.org' });
    expect((error as InvalidUserIdError).reason).toMatch(/localpart/);
  });

  it('the zod schemas: userIdSchema is the historical grammar, strictUserIdSchema the strict one', () => {
    expect(userIdSchema.parse('@Bob:example.org')).toBe('@Bob:example.org');
    const strict = strictUserIdSchema.safeParse('@Bob:example.org');
    expect(strict.success).toBe(false);
    expect(strict.error?.issues[0]?.message).toMatch(/invalid user ID: localpart/);
    expect(userIdSchema.safeParse(7).error?.issues[0]?.code).toBe('invalid_type');
  });

  const localpart = fc.stringMatching(/^[a-z0-9._=\-/+]{1,40}$/);
  const host = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}(\.[a-z]{2,6})?$/);

  it('property: generated strict user IDs are accepted by both grammars', () => {
    fc.assert(
      fc.property(localpart, host, (l, h) => {
        const id = `@${l}:${h}`;
        expect(isValidUserId(id)).toBe(true);
        expect(isValidHistoricalUserId(id)).toBe(true);
        expect(serverNameOf(id as `@${string}:${string}`)).toBe(h);
      }),
    );
  });

  it('property: inserting an upper-case letter or a character outside the set breaks the strict grammar only', () => {
    fc.assert(
      fc.property(localpart, host, fc.constantFrom('A', 'Z', '*', '#', ' ', '~', 'ü', '!'), fc.nat(), (l, h, bad, at) => {
        const i = at % (l.length + 1);
        const id = `@${l.slice(0, i)}${bad}${l.slice(i)}:${h}`;
        expect(isValidUserId(id)).toBe(false);
        expect(isValidHistoricalUserId(id)).toBe(true);
      }),
    );
  });

  it('property: any historical localpart without ":" or NUL is accepted within 255 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (raw) => {
        const l = raw.replace(/[:\u0000]/g, '');
        const id = `@${l}:example.org`;
        expect(isValidHistoricalUserId(id)).toBe(utf8ByteLength(id) <= 255);
      }),
    );
  });
});

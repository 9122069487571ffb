import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertValidEventId,
  assertValidRoomAlias,
  assertValidRoomId,
  eventIdProblem,
  eventIdSchema,
  eventIdSchemaFor,
  InvalidEventIdError,
  InvalidRoomAliasError,
  InvalidRoomIdError,
  isValidEventId,
  isValidRoomAlias,
  isValidRoomId,
  roomAliasProblem,
  roomAliasSchema,
  roomIdProblem,
  roomIdSchema,
  roomIdSchemaFor,
  serverNameOf,
} from '@maxtryx/entity';

const V3 = '$acR1l0raoZnm60CBwAVgqbZqoO/mYU81xysh1u7XcJk'; // rooms/v3.md
const V3_B = '$CD66HAED5npg6074c6pDtLKalHjVfYb2q4Q3LZgrW6o'; // rooms/v3.md (no + or /)
const V4 = '$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg'; // rooms/v4.md
const V1 = '$143273582443PhrSn:example.org';
const ROOM_V12 = '!Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpYQ';

describe('event ID (appendix: Event IDs; rooms v1, v3, v4)', () => {
  it.each([
    [V1, 'v1', true],
    [V1, 'v3', false],
    [V1, 'v4', false],
    [V3, 'v3', true],
    [V3, 'v4', false],
    [V3, 'v1', false],
    [V3_B, 'v3', true],
    [V3_B, 'v4', true],
    [V4, 'v4', true],
    [V4, 'v3', false],
    [V4, 'v1', false],
  ] as const)('%s in format %s: %s', (id, format, ok) => {
    expect(isValidEventId(id, format)).toBe(ok);
    expect(isValidEventId(id)).toBe(true);
  });

  it.each([
    ['', 'sigil'],
    ['143273582443PhrSn:example.org', 'sigil'],
    ['$', '43 characters'],
    ['$some_event_id', '43 characters'],
    [`${V4}A`, '43 characters'],
    [V4.slice(0, -1), '43 characters'],
    [`$${'A'.repeat(42)}=`, '43 characters'],
    [`$${'-'.repeat(20)}+${'A'.repeat(22)}`, '43 characters'], // mixes the two alphabets
    ['$:example.org', 'empty opaque part'],
    ['$abc:bad_server', 'server name'],
    ['$a\u0000b:example.org', 'NUL'],
  ])('any format rejects %j (%s)', (id, why) => {
    expect(isValidEventId(id)).toBe(false);
    expect(eventIdProblem(id)).toContain(why);
    expect(() => assertValidEventId(id)).toThrow(InvalidEventIdError);
  });

  it('limits v1 event IDs to 255 bytes', () => {
    const at = (n: number) => `$${'x'.repeat(n - '$:example.org'.length)}:example.org`;
    expect(isValidEventId(at(255), 'v1')).toBe(true);
    expect(isValidEventId(at(256), 'v1')).toBe(false);
    expect(isValidEventId(`$${'é'.repeat(121)}:example.org`, 'v1')).toBe(true); // 1 + 242 + 12 = 255 bytes
    expect(isValidEventId(`$${'é'.repeat(122)}:example.org`, 'v1')).toBe(false); // 257 bytes
  });

  it('serverNameOf is defined for v1 event IDs only', () => {
    expect(serverNameOf(V1)).toBe('example.org');
    expect(serverNameOf(V4)).toBeUndefined();
  });

  it('zod schemas report the grammar failure', () => {
    expect(eventIdSchema.parse(V4)).toBe(V4);
    const result = eventIdSchemaFor('v4').safeParse(V3);
    expect(result.error?.issues[0]?.message).toMatch(/URL-safe/);
  });

  const urlSafe = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);
  it('property: $ + 43 URL-safe base64 characters is a v4 event ID and, with !, a v12 room ID', () => {
    fc.assert(
      fc.property(urlSafe, (hash) => {
        expect(isValidEventId(`$${hash}`, 'v4')).toBe(true);
        expect(isValidRoomId(`!${hash}`, 'v12')).toBe(true);
        expect(isValidEventId(`$${hash}`.slice(0, -1), 'v4')).toBe(false);
        expect(isValidEventId(`$${hash}x`, 'v4')).toBe(false);
      }),
    );
  });
  it('property: a v4 ID with a "+" or "/" is not v4', () => {
    fc.assert(
      fc.property(urlSafe, fc.nat(42), fc.constantFrom('+', '/'), (hash, i, bad) => {
        const id = `$${hash.slice(0, i)}${bad}${hash.slice(i + 1)}`;
        expect(isValidEventId(id, 'v4')).toBe(false);
      }),
    );
  });
});

describe('room ID (appendix: Room IDs; room version 12)', () => {
  it.each([
    ['!636q39766251:example.com', 'v1'],
    ['!abc:[::1]:8448', 'v1'],
    ['!Éçà:example.org', 'v1'],
    [ROOM_V12, 'v12'],
  ] as const)('accepts %s (%s)', (id, format) => {
    expect(isValidRoomId(id, format)).toBe(true);
    expect(isValidRoomId(id)).toBe(true);
    expect(() => assertValidRoomId(id)).not.toThrow();
  });

  it('keeps the formats apart', () => {
    expect(isValidRoomId('!636q39766251:example.com', 'v12')).toBe(false);
    expect(isValidRoomId(ROOM_V12, 'v1')).toBe(false);
    expect(roomIdSchemaFor('v12').safeParse('!a:example.org').success).toBe(false);
  });

  it.each([
    ['636q39766251:example.com', 'sigil'],
    ['$636q39766251:example.com', 'sigil'],
    ['!abc', '43 characters'],
    [`${ROOM_V12.slice(0, -1)}/`, '43 characters'],
    ['!:example.org', 'empty localpart'],
    ['!abc:exa mple.org', 'server name'],
    [`!${'a'.repeat(243)}:example.org`, '255 bytes'],
  ])('rejects %j (%s)', (id, why) => {
    expect(isValidRoomId(id)).toBe(false);
    expect(roomIdProblem(id)).toContain(why);
    expect(() => assertValidRoomId(id)).toThrow(InvalidRoomIdError);
  });

  it('accepts exactly 255 bytes', () => {
    expect(isValidRoomId(`!${'a'.repeat(242)}:example.org`)).toBe(true);
  });

  it('serverNameOf: the domain of a v1 room ID, none for v12', () => {
    expect(serverNameOf('!a:example.org:8448')).toBe('example.org:8448');
    expect(serverNameOf(ROOM_V12)).toBeUndefined();
  });

  it('roomIdSchema accepts both formats', () => {
    expect(roomIdSchema.parse(ROOM_V12)).toBe(ROOM_V12);
    expect(roomIdSchema.safeParse('!nope').success).toBe(false);
  });
});

describe('room alias (appendix: Room Aliases)', () => {
  it.each(['#somewhere:example.org', '#Über-Raum:example.org', '#a:localhost:8008', '#*:example.org'])('accepts %s', (alias) => {
    expect(isValidRoomAlias(alias)).toBe(true);
    expect(() => assertValidRoomAlias(alias)).not.toThrow();
    expect(roomAliasSchema.parse(alias)).toBe(alias);
  });

  it.each([
    ['somewhere:example.org', 'sigil'],
    ['#somewhere', 'missing ":"'],
    ['#:example.org', 'empty'],
    ['#a\u0000b:example.org', 'NUL'],
    ['#room:bad_server', 'server name'],
    [`#${'a'.repeat(243)}:example.org`, '255 bytes'],
  ])('rejects %j (%s)', (alias, why) => {
    expect(isValidRoomAlias(alias)).toBe(false);
    expect(roomAliasProblem(alias)).toContain(why);
    expect(() => assertValidRoomAlias(alias)).toThrow(InvalidRoomAliasError);
  });

  it('accepts exactly 255 bytes', () => {
    expect(isValidRoomAlias(`#${'a'.repeat(242)}:example.org`)).toBe(true);
  });
});

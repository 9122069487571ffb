import {
  isValidProfileFieldName,
  profileFieldBodySchema,
  profileFieldNameProblem,
  profileFieldNameSchema,
  profileResponseSchema,
  resolveRoomAliasResponseSchema,
  roomAliasesResponseSchema,
  setRoomAliasRequestSchema,
} from '@maxtryx/entity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLossless, expectRejectedAt } from './helpers.js';

describe('profile', () => {
  it('field names: the three defined ones and namespaced custom ones', () => {
    for (const ok of ['avatar_url', 'displayname', 'm.tz', 'com.example.field', 'm.example_field', 'a.b.c9_']) {
      expect(isValidProfileFieldName(ok), ok).toBe(true);
      expectLossless(profileFieldNameSchema, ok);
    }
    for (const bad of ['tz', 'Displayname', 'com.Example.x', 'com..x', '.x', 'x.', 'com.1x', 'com.ex-ample', '', 5]) {
      expect(isValidProfileFieldName(bad), String(bad)).toBe(false);
    }
    expect(profileFieldNameProblem(`a.${'b'.repeat(254)}`)).toMatch(/255 bytes/);
    expect(isValidProfileFieldName(`a.${'b'.repeat(253)}`)).toBe(true); // 255 bytes
    expect(profileFieldNameSchema.safeParse(`a.${'b'.repeat(254)}`).success).toBe(false);
  });

  it('field names match the spec pattern exactly (property)', () => {
    const pattern = /^(avatar_url|displayname|m\.tz|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+)$/;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'z', '0', '_', '.', 'M', '-', 't') }), (name) => {
        expect(isValidProfileFieldName(name)).toBe(pattern.test(name));
      }),
    );
  });

  it('field body: exactly one property with a value of the right type', () => {
    expectLossless(profileFieldBodySchema, { displayname: 'Alice Wonderland' });
    expectLossless(profileFieldBodySchema, { avatar_url: 'mxc://matrix.org/SDGdghriugerRg' });
    expectLossless(profileFieldBodySchema, { 'm.tz': 'Europe/London' });
    expectLossless(profileFieldBodySchema, { 'com.example.pets': ['cat', { name: 'dog' }] });
    expectLossless(profileFieldBodySchema, { 'com.example.nothing': null });
    expectRejectedAt(profileFieldBodySchema, {}, '');
    expectRejectedAt(profileFieldBodySchema, { displayname: 'A', avatar_url: 'mxc://a/b' }, '');
    expectRejectedAt(profileFieldBodySchema, { displayname: 42 }, 'displayname');
    expectRejectedAt(profileFieldBodySchema, { displayname: null }, 'displayname');
    expectRejectedAt(profileFieldBodySchema, { avatar_url: 'https://example.org/a.png' }, 'avatar_url');
    expectRejectedAt(profileFieldBodySchema, { 'm.tz': 1 }, 'm.tz');
    expectRejectedAt(profileFieldBodySchema, { nickname: 'x' }, 'nickname');
    expectRejectedAt(profileFieldBodySchema, { [`a.${'b'.repeat(254)}`]: 'x' }, `a.${'b'.repeat(254)}`);
    expect(profileFieldBodySchema.safeParse(['displayname']).success).toBe(false);
  });

  it('whole profile: typed known fields, custom ones kept', () => {
    expectLossless(profileResponseSchema, {
      avatar_url: 'mxc://matrix.org/SDGdghriugerRg',
      displayname: 'Alice Margatroid',
      'm.tz': 'Europe/London',
      'm.example_field': 'custom_value',
    });
    expectLossless(profileResponseSchema, {});
    expectRejectedAt(profileResponseSchema, { avatar_url: 'mxc://matrix.org/bad id' }, 'avatar_url');
    expectRejectedAt(profileResponseSchema, { avatar_url: 'mxc://bad_host/abc' }, 'avatar_url');
    expectRejectedAt(profileResponseSchema, { displayname: ['Alice'] }, 'displayname');
    expectRejectedAt(profileResponseSchema, { 'm.tz': 0 }, 'm.tz');
  });
});

describe('room aliases', () => {
  it('PUT /directory/room/{roomAlias}: a room ID', () => {
    expectLossless(setRoomAliasRequestSchema, { room_id: '!abnjk1jdasj98:capuchins.com' });
    expectRejectedAt(setRoomAliasRequestSchema, {}, 'room_id');
    expectRejectedAt(setRoomAliasRequestSchema, { room_id: '#monkeys:matrix.org' }, 'room_id');
  });
  it('GET /directory/room/{roomAlias}: room ID and server names', () => {
    expectLossless(resolveRoomAliasResponseSchema, { room_id: '!abnjk1jdasj98:capuchins.com', servers: ['capuchins.com', '[::1]:8448'] });
    expectRejectedAt(resolveRoomAliasResponseSchema, { room_id: '!abnjk1jdasj98:capuchins.com', servers: ['capuchins.com', 'bad host'] }, 'servers.1');
    expectRejectedAt(resolveRoomAliasResponseSchema, { room_id: 'abnjk1jdasj98' }, 'room_id');
  });
  it('GET /rooms/{roomId}/aliases: room aliases of at most 255 bytes', () => {
    expectLossless(roomAliasesResponseSchema, { aliases: ['#somewhere:example.com', '#hat_trick:example.com'] });
    expectRejectedAt(roomAliasesResponseSchema, {}, 'aliases');
    expectRejectedAt(roomAliasesResponseSchema, { aliases: ['#somewhere'] }, 'aliases.0');
    expectRejectedAt(roomAliasesResponseSchema, { aliases: ['!room:example.com'] }, 'aliases.0');
    expectRejectedAt(roomAliasesResponseSchema, { aliases: [`#${'a'.repeat(243)}:example.com`] }, 'aliases.0');
    expectLossless(roomAliasesResponseSchema, { aliases: [`#${'a'.repeat(242)}:example.com`] }); // 255 bytes
  });
});

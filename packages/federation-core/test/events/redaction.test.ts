import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MalformedEventError,
  UnsupportedRoomVersionError,
  getRoomVersion,
  redactEvent,
  roomVersionIds,
} from '@maxtryx/federation-core';

// Expected values below are read off the spec's redaction lists (content/rooms/fragments/
// v1-redactions.md, v6-redactions.md, v9-redactions.md, v11-redactions.md and rooms/v8.md).

const ALL_TOP_LEVEL = {
  event_id: '$e:x',
  type: 'm.room.message',
  room_id: '!r:x',
  sender: '@a:x',
  state_key: '',
  content: {},
  hashes: { sha256: 'h' },
  signatures: { x: { 'ed25519:1': 's' } },
  depth: 5,
  prev_events: ['$p'],
  prev_state: [],
  auth_events: ['$a'],
  origin: 'x',
  origin_server_ts: 1,
  membership: 'join',
  unsigned: { age: 5 },
  redacts: '$target',
  age_ts: 7,
  custom: { nested: true },
};

const V1_TOP = [
  'auth_events',
  'content',
  'depth',
  'event_id',
  'hashes',
  'membership',
  'origin',
  'origin_server_ts',
  'prev_events',
  'prev_state',
  'room_id',
  'sender',
  'signatures',
  'state_key',
  'type',
];
const V11_TOP = V1_TOP.filter((k) => k !== 'origin' && k !== 'membership' && k !== 'prev_state');

const versionsBefore11 = roomVersionIds.filter((id) => Number(id) < 11);
const versionsFrom11 = roomVersionIds.filter((id) => Number(id) >= 11);

describe('redactEvent: top-level keys', () => {
  it.each(versionsBefore11)('room v%s keeps exactly the v1 list (origin, membership, prev_state included)', (id) => {
    expect(Object.keys(redactEvent(ALL_TOP_LEVEL, id)).sort()).toEqual(V1_TOP);
  });
  it.each(versionsFrom11)('room v%s drops origin, membership and prev_state (v11-redactions)', (id) => {
    expect(Object.keys(redactEvent(ALL_TOP_LEVEL, id)).sort()).toEqual(V11_TOP);
  });
  it('strips unsigned, age_ts and the top-level redacts in every version', () => {
    for (const id of roomVersionIds) {
      const out = redactEvent(ALL_TOP_LEVEL, id) as Record<string, unknown>;
      expect(out['unsigned']).toBeUndefined();
      expect(out['age_ts']).toBeUndefined();
      expect(out['redacts']).toBeUndefined();
      expect(out['custom']).toBeUndefined();
    }
  });
  it('does not add protected keys that are absent', () => {
    const out = redactEvent({ type: 'm.room.message', content: { body: 'x' } }, '1');
    expect(out).toEqual({ type: 'm.room.message', content: {} });
  });
});

type Case = { type: string; content: Record<string, unknown>; kept: Record<string, string[]> };

/** For each event type, the content keys each redaction variant keeps, with every candidate key present. */
const CASES: Case[] = [
  {
    type: 'm.room.member',
    content: {
      membership: 'join',
      join_authorised_via_users_server: '@b:y',
      displayname: 'A',
      avatar_url: 'mxc://x/y',
      reason: 'r',
    },
    kept: {
      v1: ['membership'],
      v6: ['membership'],
      v8: ['membership'],
      v9: ['join_authorised_via_users_server', 'membership'],
      v11: ['join_authorised_via_users_server', 'membership'],
    },
  },
  {
    type: 'm.room.create',
    content: { creator: '@a:x', room_version: '1', 'm.federate': false, predecessor: { room_id: '!o:x' } },
    kept: {
      v1: ['creator'],
      v6: ['creator'],
      v8: ['creator'],
      v9: ['creator'],
      v11: ['creator', 'm.federate', 'predecessor', 'room_version'],
    },
  },
  {
    type: 'm.room.join_rules',
    content: { join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: '!s:x' }], other: 1 },
    kept: {
      v1: ['join_rule'],
      v6: ['join_rule'],
      v8: ['allow', 'join_rule'],
      v9: ['allow', 'join_rule'],
      v11: ['allow', 'join_rule'],
    },
  },
  {
    type: 'm.room.power_levels',
    content: {
      ban: 50,
      events: { 'm.room.name': 50 },
      events_default: 0,
      invite: 0,
      kick: 50,
      redact: 50,
      state_default: 50,
      users: { '@a:x': 100 },
      users_default: 0,
      notifications: { room: 50 },
    },
    kept: {
      v1: ['ban', 'events', 'events_default', 'kick', 'redact', 'state_default', 'users', 'users_default'],
      v6: ['ban', 'events', 'events_default', 'kick', 'redact', 'state_default', 'users', 'users_default'],
      v8: ['ban', 'events', 'events_default', 'kick', 'redact', 'state_default', 'users', 'users_default'],
      v9: ['ban', 'events', 'events_default', 'kick', 'redact', 'state_default', 'users', 'users_default'],
      v11: ['ban', 'events', 'events_default', 'invite', 'kick', 'redact', 'state_default', 'users', 'users_default'],
    },
  },
  {
    type: 'm.room.aliases',
    content: { aliases: ['#a:x'], other: 1 },
    kept: { v1: ['aliases'], v6: [], v8: [], v9: [], v11: [] },
  },
  {
    type: 'm.room.history_visibility',
    content: { history_visibility: 'shared', other: 1 },
    kept: {
      v1: ['history_visibility'],
      v6: ['history_visibility'],
      v8: ['history_visibility'],
      v9: ['history_visibility'],
      v11: ['history_visibility'],
    },
  },
  {
    type: 'm.room.redaction',
    content: { redacts: '$t', reason: 'spam' },
    kept: { v1: [], v6: [], v8: [], v9: [], v11: ['redacts'] },
  },
  {
    type: 'm.room.message',
    content: { body: 'hello', msgtype: 'm.text' },
    kept: { v1: [], v6: [], v8: [], v9: [], v11: [] },
  },
  {
    type: 'm.room.name',
    content: { name: 'Room' },
    kept: { v1: [], v6: [], v8: [], v9: [], v11: [] },
  },
  {
    type: 'm.room.third_party_invite',
    content: { display_name: 'x', key_validity_url: 'https://x', public_key: 'abc', public_keys: [] },
    kept: { v1: [], v6: [], v8: [], v9: [], v11: [] },
  },
];

describe('redactEvent: content keys per type and room version', () => {
  for (const c of CASES) {
    for (const id of roomVersionIds) {
      const variant = getRoomVersion(id).redaction;
      it(`${c.type} in room v${id} keeps ${JSON.stringify(c.kept[variant])}`, () => {
        const event = { type: c.type, state_key: '', sender: '@a:x', content: c.content };
        const out = redactEvent(event, id);
        expect(Object.keys(out.content).sort()).toEqual(c.kept[variant]);
        for (const key of c.kept[variant]!) expect(out.content[key]).toEqual(c.content[key]);
      });
    }
  }

  it('the variant changes exactly at the room versions the spec names', () => {
    expect(roomVersionIds.map((id) => getRoomVersion(id).redaction)).toEqual([
      'v1', 'v1', 'v1', 'v1', 'v1', 'v6', 'v6', 'v8', 'v9', 'v9', 'v11', 'v11',
    ]);
  });

  it('type matching is exact (no prefix or case folding)', () => {
    for (const type of ['m.room.member.extra', 'M.ROOM.MEMBER', 'm.room.membe']) {
      expect(redactEvent({ type, content: { membership: 'join' } }, '11').content).toEqual({});
    }
  });

  it('keeps a protected content key whatever its value type, including null', () => {
    const out = redactEvent({ type: 'm.room.join_rules', content: { join_rule: null, allow: 'weird' } }, '9');
    expect(out.content).toEqual({ join_rule: null, allow: 'weird' });
  });
});

describe('redactEvent: v11 m.room.member third_party_invite', () => {
  const signed = { mxid: '@b:y', token: 't', signatures: { 'id.example': { 'ed25519:0': 'sig' } } };
  it('keeps only the signed key of third_party_invite in v11 and v12', () => {
    for (const id of versionsFrom11) {
      const out = redactEvent(
        { type: 'm.room.member', content: { membership: 'invite', third_party_invite: { display_name: 'b', signed } } },
        id,
      );
      expect(out.content).toEqual({ membership: 'invite', third_party_invite: { signed } });
    }
  });
  it('drops third_party_invite entirely before v11', () => {
    for (const id of versionsBefore11) {
      const out = redactEvent(
        { type: 'm.room.member', content: { membership: 'invite', third_party_invite: { display_name: 'b', signed } } },
        id,
      );
      expect(out.content).toEqual({ membership: 'invite' });
    }
  });
  it('an object without signed becomes {} (the key itself "is no longer redacted")', () => {
    const out = redactEvent({ type: 'm.room.member', content: { membership: 'invite', third_party_invite: { display_name: 'b' } } }, '11');
    expect(out.content).toEqual({ membership: 'invite', third_party_invite: {} });
  });
  it('a non-object third_party_invite has no signed key and is dropped', () => {
    const out = redactEvent({ type: 'm.room.member', content: { membership: 'invite', third_party_invite: 'x' } }, '11');
    expect(out.content).toEqual({ membership: 'invite' });
  });
  it('only applies to m.room.member', () => {
    const out = redactEvent({ type: 'm.room.third_party_invite', content: { third_party_invite: { signed } } }, '11');
    expect(out.content).toEqual({});
  });
});

describe('redactEvent: purity and errors', () => {
  it('never mutates its input and shares no objects with it', () => {
    const event = {
      type: 'm.room.power_levels',
      content: { users: { '@a:x': 100 }, other: 1 },
      signatures: { x: { 'ed25519:1': 's' } },
      unsigned: { age: 1 },
    };
    const before = structuredClone(event);
    const out = redactEvent(event, '10');
    expect(event).toEqual(before);
    (out.content['users'] as Record<string, number>)['@a:x'] = 0;
    out.signatures['x']!['ed25519:1'] = 'changed';
    expect(event).toEqual(before);
  });

  it('v11 create content is a copy, not the same object', () => {
    const content = { room_version: '11', extra: { a: 1 } };
    const out = redactEvent({ type: 'm.room.create', content }, '11');
    expect(out.content).toEqual(content);
    expect(out.content).not.toBe(content);
    expect(out.content['extra']).not.toBe(content.extra);
  });

  it('throws UnsupportedRoomVersionError for an unknown version', () => {
    expect(() => redactEvent({ type: 'm.room.message', content: {} }, '13')).toThrow(UnsupportedRoomVersionError);
    expect(() => redactEvent({ type: 'm.room.message', content: {} }, 'org.example.v1')).toThrow(UnsupportedRoomVersionError);
  });

  it('throws MalformedEventError naming the field for non-object content, non-string type, non-object event', () => {
    expect(() => redactEvent({ type: 'm.room.message', content: 'x' }, '10')).toThrow(/content/);
    expect(() => redactEvent({ type: 'm.room.message', content: [] }, '10')).toThrow(MalformedEventError);
    expect(() => redactEvent({ type: 'm.room.message' }, '10')).toThrow(MalformedEventError);
    expect(() => redactEvent({ type: 5, content: {} }, '10')).toThrow(/type/);
    expect(() => redactEvent(null as never, '10')).toThrow(MalformedEventError);
    expect(() => redactEvent([] as never, '10')).toThrow(MalformedEventError);
  });
});

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const eventArb = fc.record({
  type: fc.constantFrom(
    'm.room.member',
    'm.room.create',
    'm.room.join_rules',
    'm.room.power_levels',
    'm.room.aliases',
    'm.room.history_visibility',
    'm.room.redaction',
    'm.room.message',
  ),
  content: fc.dictionary(
    fc.constantFrom('membership', 'join_authorised_via_users_server', 'third_party_invite', 'creator', 'join_rule', 'allow',
      'ban', 'invite', 'users', 'aliases', 'history_visibility', 'redacts', 'body', 'other'),
    jsonValue,
  ),
  sender: fc.constant('@a:x'),
  origin: fc.constant('x'),
  membership: fc.constant('join'),
  unsigned: fc.dictionary(fc.string(), jsonValue),
  extra: jsonValue,
});

describe('redactEvent: properties', () => {
  it('is idempotent in every room version', () => {
    fc.assert(
      fc.property(eventArb, fc.constantFrom(...roomVersionIds), (event, id) => {
        const once = redactEvent(event, id);
        expect(redactEvent(once, id)).toEqual(once);
      }),
    );
  });
  it('never adds a key: the result is a sub-object of the input at top level and in content', () => {
    fc.assert(
      fc.property(eventArb, fc.constantFrom(...roomVersionIds), (event, id) => {
        const out = redactEvent(event, id) as Record<string, unknown>;
        for (const key of Object.keys(out)) expect(Object.hasOwn(event, key)).toBe(true);
        for (const key of Object.keys(out['content'] as object)) expect(Object.hasOwn(event.content, key)).toBe(true);
      }),
    );
  });
  it('redacting under a later version never keeps a top-level key an earlier one dropped', () => {
    fc.assert(
      fc.property(eventArb, (event) => {
        const v10 = Object.keys(redactEvent(event, '10'));
        for (const key of Object.keys(redactEvent(event, '11'))) expect(v10).toContain(key);
      }),
    );
  });
});

// Rule numbering per room version (hand-read from content/rooms/*.md), auth events selection,
// bad input, and property tests of the power-level rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, RoomEvent } from '@maxtryx/federation-core';
import {
  authEventTypesFor,
  selectAuthEventTypes,
  checkEventAuth,
  checkEventAuthAgainstState,
  checkAuthEventsList,
  getRoomVersion,
  roomVersionIds,
  ruleNumber,
  UnsupportedRoomVersionError,
} from '@maxtryx/federation-core';
import { makeEvent, makeRoom } from './helpers.js';

describe('ruleNumber follows each version\'s own list', () => {
  const table: Array<[string, Parameters<typeof ruleNumber>[1], string]> = [
    ['1', 'federate', '3'], ['1', 'aliases.domain', '4.2'], ['1', 'member.join.banned', '5.2.3'], ['1', 'member.unknown', '5.6'],
    ['1', 'sender', '6'], ['1', 'third_party_invite', '7'], ['1', 'required_level', '8'], ['1', 'state_key', '9'],
    ['1', 'power_levels.users', '10.1'], ['1', 'power_levels.users_old', '10.6'], ['1', 'redaction', '11.3'],
    ['3', 'power_levels.users_new', '10.7'], ['5', 'member.invite.third_party.signature', '5.3.1.8'],
    ['6', 'member.join.banned', '4.2.3'], ['6', 'sender', '5'], ['6', 'power_levels.events_old', '9.4'], ['6', 'member.unknown', '4.6'],
    ['7', 'member.knock.join_rule', '4.6.1'], ['7', 'member.unknown', '4.7'], ['7', 'member.leave.self', '4.4.1'],
    ['8', 'member.authoriser_signature', '4.2'], ['8', 'member.join.restricted', '4.3.5.2'], ['8', 'member.join.forbidden', '4.3.7'],
    ['8', 'member.invite.level', '4.4.5'], ['8', 'member.ban.level', '4.6.3'], ['8', 'member.knock.membership', '4.7.4'], ['8', 'member.unknown', '4.8'],
    ['10', 'power_levels.fields_int', '9.1'], ['10', 'power_levels.maps_int', '9.2'], ['10', 'power_levels.users', '9.3'], ['10', 'power_levels.fields', '9.5'],
    ['10', 'power_levels.users_new', '9.9'], ['11', 'create.room_version', '1.3'],
    ['12', 'create.room_id', '1.2'], ['12', 'create.additional_creators', '1.4'], ['12', 'room_id', '2'], ['12', 'auth_events.duplicate', '3.1'],
    ['12', 'auth_events.room_id', '3.5'], ['12', 'federate', '4'], ['12', 'member.join.restricted', '5.3.5.2'], ['12', 'sender', '6'],
    ['12', 'third_party_invite', '7'], ['12', 'required_level', '8'], ['12', 'state_key', '9'], ['12', 'power_levels.creators', '10.4'],
    ['12', 'power_levels.fields', '10.6'], ['12', 'power_levels.users_new', '10.10'],
  ];
  it.each(table)('v%s %s is rule %s', (v, step, rule) => {
    expect(ruleNumber(getRoomVersion(v), step)).toBe(rule);
  });
});

describe('authEventTypesFor', () => {
  const keys = (e: Parameters<typeof authEventTypesFor>[0], v: string) => authEventTypesFor(e, v).map((t) => `${t.type}|${t.stateKey}`).sort();
  it('selects nothing for the create event', () => {
    expect(authEventTypesFor({ type: 'm.room.create', sender: '@a:x.org', content: {}, state_key: '' }, '1')).toEqual([]);
  });
  it('selects create, power levels and the sender for a message; v12 drops create', () => {
    const msg = { type: 'm.room.message', sender: '@a:x.org', content: { body: 'x' } };
    expect(keys(msg, '11')).toEqual(['m.room.create|', 'm.room.member|@a:x.org', 'm.room.power_levels|']);
    expect(keys(msg, '12')).toEqual(['m.room.member|@a:x.org', 'm.room.power_levels|']);
  });
  it('adds target, join rules, the third-party invite token and (v8+) the authoriser', () => {
    const invite = { type: 'm.room.member', sender: '@a:x.org', state_key: '@c:y.org', content: { membership: 'invite', third_party_invite: { signed: { token: 'tok', mxid: '@c:y.org' } } } };
    expect(keys(invite, '10')).toEqual(['m.room.create|', 'm.room.join_rules|', 'm.room.member|@a:x.org', 'm.room.member|@c:y.org', 'm.room.power_levels|', 'm.room.third_party_invite|tok']);
    const join = { type: 'm.room.member', sender: '@b:y.org', state_key: '@b:y.org', content: { membership: 'join', join_authorised_via_users_server: '@m:x.org' } };
    expect(keys(join, '7')).not.toContain('m.room.member|@m:x.org');
    expect(keys(join, '8')).toContain('m.room.member|@m:x.org');
    const leave = { type: 'm.room.member', sender: '@b:y.org', state_key: '@b:y.org', content: { membership: 'leave', join_authorised_via_users_server: '@m:x.org' } };
    expect(keys(leave, '10')).toEqual(['m.room.create|', 'm.room.member|@b:y.org', 'm.room.power_levels|']);
    const knock = { type: 'm.room.member', sender: '@b:y.org', state_key: '@b:y.org', content: { membership: 'knock' } };
    expect(keys(knock, '7')).toContain('m.room.join_rules|');
  });
  it('does not crash on unreadable content', () => {
    expect(authEventTypesFor({ type: 'm.room.member', sender: '@b:y.org', content: null as never }, '10')).toHaveLength(3);
  });
});

describe('selectAuthEventTypes', () => {
  it('gives the pairs of authEventTypesFor in order, repeats included, in every version', () => {
    const events: Parameters<typeof authEventTypesFor>[0][] = [
      { type: 'm.room.message', sender: '@a:x.org', content: {} },
      { type: 'm.room.member', sender: '@b:y.org', state_key: '@b:y.org', content: { membership: 'join', join_authorised_via_users_server: '@m:x.org' } },
      { type: 'm.room.member', sender: '@a:x.org', state_key: '@c:y.org', content: { membership: 'invite', third_party_invite: { signed: { token: 't' } } } },
      { type: 'm.room.create', sender: '@a:x.org', state_key: '', content: {} },
    ];
    for (const version of roomVersionIds) {
      for (const event of events) {
        const pairs: string[] = [];
        selectAuthEventTypes(event, version, (type, stateKey) => pairs.push(`${type}|${stateKey}`));
        expect([...new Set(pairs)]).toEqual(authEventTypesFor(event, version).map((t) => `${t.type}|${t.stateKey}`));
      }
    }
    // A self-join selects the sender's membership twice: the callers drop the repeat.
    const pairs: string[] = [];
    selectAuthEventTypes(events[1]!, '10', (type, stateKey) => pairs.push(`${type}|${stateKey}`));
    expect(pairs.filter((p) => p === 'm.room.member|@b:y.org')).toHaveLength(2);
  });
});

describe('bad input', () => {
  const rv = getRoomVersion('10');
  const room = makeRoom(rv);
  const msg = makeEvent(rv, room.roomId, { type: 'm.room.message', sender: '@alice:a.example' });
  it('throws the typed error for an unknown room version', () => {
    expect(() => checkEventAuth(msg, [], 'org.example.v99')).toThrow(UnsupportedRoomVersionError);
    expect(() => checkEventAuthAgainstState(msg, new Map(), '13')).toThrow(UnsupportedRoomVersionError);
  });
  it('rejects non-objects and junk without throwing', () => {
    for (const junk of [null, undefined, 42, 'event', [], { type: 'm.room.message' }]) {
      expect(checkEventAuth(junk as unknown as RoomEvent, [], rv)).toMatchObject({ allowed: false, step: 'format' });
      expect(checkEventAuthAgainstState(junk as unknown as RoomEvent, new Map(), rv)).toMatchObject({ allowed: false, step: 'format' });
    }
    expect(checkAuthEventsList(msg, null as unknown as RoomEvent[], rv)).toMatchObject({ allowed: false, step: 'format' });
    expect(checkEventAuth({ ...msg, auth_events: [42] } as unknown as RoomEvent, [], rv)).toMatchObject({ step: 'format' });
  });
  it('rejects a state without a create event', () => {
    expect(checkEventAuthAgainstState(msg, new Map(), rv)).toMatchObject({ allowed: false, step: 'auth_events.no_create' });
  });
  it('survives junk among the auth events', () => {
    const e = { ...msg, auth_events: [room.create.event_id] };
    expect(checkEventAuth(e, [null, 7, room.create] as unknown as RoomEvent[], rv)).toMatchObject({ allowed: false, step: 'sender' });
  });
});

describe.each(roomVersionIds)('properties, room version %s', (version) => {
  const rv = getRoomVersion(version);
  const level = fc.integer({ min: -1000, max: 1000 });
  it('a sender below the required level never sends that state event', () => {
    fc.assert(
      fc.property(level, level, fc.boolean(), (userLevel, required, viaEvents) => {
        const room = makeRoom(rv, '@alice:a.example');
        const bob = '@bob:b.example';
        room.member(bob, 'join');
        const content: JsonObject = viaEvents ? { users: { [bob]: userLevel }, events: { 'org.example.thing': required } } : { users: { [bob]: userLevel }, state_default: required };
        room.add({ type: 'm.room.power_levels', sender: '@alice:a.example', state_key: '', content });
        const event = makeEvent(rv, room.roomId, { type: 'org.example.thing', sender: bob, state_key: '', content: { x: 1 } });
        const result = checkEventAuthAgainstState(event, room.state, rv);
        expect(result.allowed).toBe(userLevel >= required);
        if (!result.allowed) expect(result.step).toBe('required_level');
      }),
      { numRuns: 60 },
    );
  });
  it('a power-levels change never gives anyone more than the sender has', () => {
    fc.assert(
      fc.property(level, level, level, (senderLevel, targetOld, targetNew) => {
        const room = makeRoom(rv, '@alice:a.example');
        const mod = '@mod:a.example';
        const carol = '@carol:c.example';
        room.member(mod, 'join');
        room.add({ type: 'm.room.power_levels', sender: '@alice:a.example', state_key: '', content: { users: { [mod]: senderLevel, [carol]: targetOld }, events: { 'm.room.power_levels': -1000 } } });
        const change = makeEvent(rv, room.roomId, { type: 'm.room.power_levels', sender: mod, state_key: '', content: { users: { [mod]: senderLevel, [carol]: targetNew }, events: { 'm.room.power_levels': -1000 } } });
        const allowed = checkEventAuthAgainstState(change, room.state, rv).allowed;
        const expected = targetOld === targetNew || (targetOld < senderLevel && targetNew <= senderLevel);
        expect(allowed).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });
  it('a kick is allowed exactly when the kicker reaches the kick level and outranks the target', () => {
    fc.assert(
      fc.property(level, level, level, (kicker, target, kick) => {
        const room = makeRoom(rv, '@alice:a.example');
        room.member('@mod:a.example', 'join');
        room.member('@bob:b.example', 'join');
        room.add({ type: 'm.room.power_levels', sender: '@alice:a.example', state_key: '', content: { users: { '@mod:a.example': kicker, '@bob:b.example': target }, kick } });
        const event = makeEvent(rv, room.roomId, { type: 'm.room.member', sender: '@mod:a.example', state_key: '@bob:b.example', content: { membership: 'leave' } });
        expect(checkEventAuthAgainstState(event, room.state, rv).allowed).toBe(kicker >= kick && target < kicker);
      }),
      { numRuns: 60 },
    );
  });
});

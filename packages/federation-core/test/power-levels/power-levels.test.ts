import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canBan,
  canInvite,
  canKick,
  canNotify,
  canRedact,
  canSendEvent,
  canSendState,
  getRequiredPowerLevel,
  getRoomVersion,
  getUserPowerLevel,
  MalformedPowerLevelsError,
  parsePowerLevelsContent,
  parsePowerLevelValue,
  powerLevelsFromEvents,
  roomCreators,
} from '@maxtryx/federation-core';

const v = (id: string) => getRoomVersion(id);
const create = (version: string, extra: Record<string, unknown> = {}) => ({
  sender: '@alice:a.example',
  content: { room_version: version, ...(Number(version) <= 10 ? { creator: '@alice:a.example' } : {}), ...extra },
});

describe('parsePowerLevelValue', () => {
  it('reads the stringy forms of the fragment in v1-v9 only', () => {
    for (const s of ['100', '000100', '+100', ' 100 ', ' 00100 ', ' +100 ', '\t-100\n']) {
      expect(parsePowerLevelValue(s, v('9'))).toBe(s.includes('-') ? -100 : 100);
      expect(parsePowerLevelValue(s, v('10'))).toBeUndefined();
    }
    for (const s of ['1.0', '1e2', '0x10', '', ' ', '+-1', '--1', '1_000', '١٠']) expect(parsePowerLevelValue(s, v('1'))).toBeUndefined();
  });
  it('truncates floats in v1-v5 only and rejects non-finite values', () => {
    expect(parsePowerLevelValue(50.57, v('5'))).toBe(50);
    expect(parsePowerLevelValue(5.114698e4, v('1'))).toBe(51146);
    expect(parsePowerLevelValue(-0.5, v('1'))).toBe(0);
    expect(Object.is(parsePowerLevelValue(-0.5, v('1')), 0)).toBe(true);
    expect(parsePowerLevelValue(50.57, v('6'))).toBeUndefined();
    expect(parsePowerLevelValue(Number.POSITIVE_INFINITY, v('1'))).toBeUndefined();
    expect(parsePowerLevelValue(Number.NaN, v('1'))).toBeUndefined();
  });
  it('keeps integers within the canonical range from v6', () => {
    expect(parsePowerLevelValue(2 ** 53, v('5'))).toBe(2 ** 53);
    expect(parsePowerLevelValue(2 ** 53, v('6'))).toBeUndefined();
    expect(parsePowerLevelValue(2 ** 53 - 1, v('10'))).toBe(2 ** 53 - 1);
  });
  it('rejects booleans, null, objects', () => {
    for (const x of [true, null, {}, []]) expect(parsePowerLevelValue(x, v('1'))).toBeUndefined();
  });
  it('agrees with integers for any integer string in v1-v9', () => {
    fc.assert(fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.nat(3), fc.nat(3), (n, lead, pad) => {
      const text = `${' '.repeat(pad)}${n < 0 ? '-' : ''}${'0'.repeat(lead)}${Math.abs(n)}${' '.repeat(pad)}`;
      expect(parsePowerLevelValue(text, v('9'))).toBe(n === 0 ? 0 : n);
    }));
  });
});

describe('parsePowerLevelsContent', () => {
  it('gives a typed result listing every problem', () => {
    const r = parsePowerLevelsContent({ ban: '50', users: { bob: 1, '@c:c.example': 'x' }, events: [] }, '10');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path).sort()).toEqual(['ban', 'events', 'users.@c:c.example', 'users.bob']);
    expect(parsePowerLevelsContent('nope', '1').ok).toBe(false);
    const ok = parsePowerLevelsContent({ ban: '60', users: { '@a:a.example': '100' } }, '9');
    expect(ok.ok && ok.powerLevels.fields.ban).toBe(60);
  });
});

describe('room power levels', () => {
  it('uses the spec defaults when there is no power-levels event (creator 100 until v11)', () => {
    for (const id of ['1', '10', '11']) {
      const pl = powerLevelsFromEvents(create(id), undefined, id);
      expect(getUserPowerLevel(pl, '@alice:a.example')).toBe(100);
      expect(getUserPowerLevel(pl, '@bob:b.example')).toBe(0);
      expect(getRequiredPowerLevel(pl, 'm.room.name', true)).toBe(50);
      expect(getRequiredPowerLevel(pl, 'm.room.message', false)).toBe(0);
      expect(canInvite(pl, '@bob:b.example')).toBe(true);
      expect(canKick(pl, '@alice:a.example', '@bob:b.example')).toBe(true);
      expect(canBan(pl, '@bob:b.example', '@carol:c.example')).toBe(false);
      expect(canRedact(pl, '@bob:b.example')).toBe(false);
      expect(canNotify(pl, '@bob:b.example', 'room')).toBe(false);
      expect(canNotify(pl, '@alice:a.example', 'room')).toBe(true);
    }
  });
  it('v12: creators (sender and additional_creators) are infinite, with or without power levels', () => {
    const c = create('12', { additional_creators: ['@bob:b.example', 'not-a-user'] });
    expect([...roomCreators(c, '12')]).toEqual(['@alice:a.example', '@bob:b.example']);
    expect([...roomCreators(c, '11')]).toEqual(['@alice:a.example']);
    for (const pl of [powerLevelsFromEvents(c, undefined, '12'), powerLevelsFromEvents(c, { content: { users_default: 10 } }, '12')]) {
      expect(getUserPowerLevel(pl, '@bob:b.example')).toBe(Number.POSITIVE_INFINITY);
      expect(canBan(pl, '@alice:a.example', '@bob:b.example')).toBe(false);
      expect(canKick(pl, '@bob:b.example', '@carol:c.example')).toBe(true);
    }
  });
  it('v1-v10 creator is content.creator, v11 the sender', () => {
    const c = { sender: '@alice:a.example', content: { creator: '@bob:b.example' } };
    expect(getUserPowerLevel(powerLevelsFromEvents(c, undefined, '10'), '@bob:b.example')).toBe(100);
    expect(getUserPowerLevel(powerLevelsFromEvents(c, undefined, '11'), '@bob:b.example')).toBe(0);
  });
  it('reads the power-levels event, with events overriding the defaults', () => {
    const pl = powerLevelsFromEvents(create('10'), { content: { users: { '@mod:a.example': 50 }, users_default: 5, events: { 'm.room.message': 10, 'm.room.name': 0 }, notifications: { room: 20 }, kick: 60, redact: 40 } }, '10');
    expect(getUserPowerLevel(pl, '@alice:a.example')).toBe(5);
    expect(canSendEvent(pl, '@bob:b.example', 'm.room.message')).toBe(false);
    expect(canSendState(pl, '@bob:b.example', 'm.room.name')).toBe(true);
    expect(canSendState(pl, '@bob:b.example', 'm.room.topic')).toBe(false);
    expect(canKick(pl, '@mod:a.example', '@bob:b.example')).toBe(false);
    expect(canRedact(pl, '@mod:a.example')).toBe(true);
    expect(canNotify(pl, '@mod:a.example', 'room')).toBe(true);
    expect(canNotify(pl, '@bob:b.example', 'room')).toBe(false);
  });
  it('throws MalformedPowerLevelsError only when a malformed value is needed', () => {
    const pl = powerLevelsFromEvents(create('9'), { content: { ban: 'many', users: { '@bob:b.example': 'x' } } }, '9');
    expect(() => canBan(pl, '@alice:a.example', '@carol:c.example')).toThrow(MalformedPowerLevelsError);
    expect(() => getUserPowerLevel(pl, '@bob:b.example')).toThrow(MalformedPowerLevelsError);
    expect(getUserPowerLevel(pl, '@carol:c.example')).toBe(0);
    expect(canKick(pl, '@alice:a.example', '@carol:c.example')).toBe(false);
  });
  it('a user below a required level can never send it (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 }), (u, r) => {
      const pl = powerLevelsFromEvents(create('10'), { content: { users: { '@bob:b.example': u }, events: { 'x.y': r } } }, '10');
      expect(canSendState(pl, '@bob:b.example', 'x.y')).toBe(u >= r);
      expect(canSendEvent(pl, '@bob:b.example', 'x.y')).toBe(u >= r);
    }));
  });
});

describe('powerLevelsFromEvents keeps its last answer only for the same objects', () => {
  it('answers anew when the content of the same event object changes', () => {
    const c = create('10');
    const pl: { content: unknown } = { content: { users: { '@bob:b.example': 60 } } };
    expect(getUserPowerLevel(powerLevelsFromEvents(c, pl, '10'), '@bob:b.example')).toBe(60);
    pl.content = { users: { '@bob:b.example': 70 } };
    expect(getUserPowerLevel(powerLevelsFromEvents(c, pl, '10'), '@bob:b.example')).toBe(70);
  });
  it('tells no power-levels event from one whose content is missing', () => {
    const c = create('10');
    const none = powerLevelsFromEvents(c, undefined, '10');
    expect(none.powerLevels).toBeUndefined();
    const empty = powerLevelsFromEvents(c, { content: undefined }, '10');
    expect(empty.powerLevels).toBeDefined();
    expect(powerLevelsFromEvents(c, undefined, '10').powerLevels).toBeUndefined();
  });
  it('answers per room version and per create event', () => {
    const pl = { content: { users_default: '5' } };
    const c9 = create('9');
    expect(getUserPowerLevel(powerLevelsFromEvents(c9, pl, '9'), '@x:b.example')).toBe(5);
    expect(() => getUserPowerLevel(powerLevelsFromEvents(c9, pl, '10'), '@x:b.example')).toThrow(MalformedPowerLevelsError);
    const c12 = create('12');
    expect(getUserPowerLevel(powerLevelsFromEvents(c12, { content: {} }, '12'), '@alice:a.example')).toBe(Infinity);
    expect(getUserPowerLevel(powerLevelsFromEvents({ sender: '@carol:c.example', content: { room_version: '12' } }, { content: {} }, '12'), '@alice:a.example')).toBe(0);
  });
});

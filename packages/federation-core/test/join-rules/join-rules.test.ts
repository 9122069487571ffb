import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@maxtryx/federation-core';
import { allowConditionsOf, checkJoinAllowed, findJoinAuthorisers, getRoomVersion, joinRuleOf } from '@maxtryx/federation-core';
import { makeRoom } from '../auth/helpers.js';

const space = '!space:a.example';

function room(version: string, joinRules?: JsonObject) {
  const rv = getRoomVersion(version);
  const r = makeRoom(rv);
  r.member('@alice:a.example', 'join');
  r.add({ type: 'm.room.power_levels', sender: '@alice:a.example', state_key: '', content: rv.privilegedCreators ? { users: { '@mod:a.example': 50, '@mod:b.example': 60 }, invite: 50 } : { users: { '@alice:a.example': 100, '@mod:a.example': 50, '@mod:b.example': 60 }, invite: 50 } });
  if (joinRules) r.add({ type: 'm.room.join_rules', sender: '@alice:a.example', state_key: '', content: joinRules });
  return { rv, ...r };
}

describe('join rules content', () => {
  it('defaults to invite and keeps only m.room_membership conditions', () => {
    expect(joinRuleOf(undefined)).toBe('invite');
    expect(joinRuleOf({})).toBe('invite');
    expect(joinRuleOf({ join_rule: 5 })).toBeUndefined();
    expect(allowConditionsOf({ allow: [{ type: 'm.room_membership', room_id: space }, { type: 'm.other', room_id: '!x:y' }, { type: 'm.room_membership' }] })).toEqual([{ type: 'm.room_membership', roomId: space }]);
  });
});

describe('checkJoinAllowed', () => {
  const bob = '@bob:b.example';
  it('public, invite, banned, already joined', () => {
    const pub = room('10', { join_rule: 'public' });
    expect(checkJoinAllowed({ state: pub.state, roomVersion: '10', userId: bob })).toEqual({ allowed: true, via: 'public' });
    pub.member(bob, 'ban', '@alice:a.example');
    expect(checkJoinAllowed({ state: pub.state, roomVersion: '10', userId: bob })).toMatchObject({ allowed: false, errcode: 'M_FORBIDDEN' });
    const inv = room('10', { join_rule: 'invite' });
    expect(checkJoinAllowed({ state: inv.state, roomVersion: '10', userId: bob })).toMatchObject({ allowed: false, errcode: 'M_FORBIDDEN' });
    inv.member(bob, 'invite', '@alice:a.example');
    expect(checkJoinAllowed({ state: inv.state, roomVersion: '10', userId: bob })).toEqual({ allowed: true, via: 'invited' });
    expect(checkJoinAllowed({ state: inv.state, roomVersion: '10', userId: '@alice:a.example' })).toEqual({ allowed: true, via: 'already_joined' });
  });
  it('knock rooms need an invite; knock is unknown before v7', () => {
    const k6 = room('6', { join_rule: 'knock' });
    k6.member(bob, 'invite', '@alice:a.example');
    expect(checkJoinAllowed({ state: k6.state, roomVersion: '6', userId: bob }).allowed).toBe(false);
    const k7 = room('7', { join_rule: 'knock' });
    k7.member(bob, 'invite', '@alice:a.example');
    expect(checkJoinAllowed({ state: k7.state, roomVersion: '7', userId: bob }).allowed).toBe(true);
  });
  it('restricted: the predicate decides; unknown gives M_UNABLE_TO_AUTHORISE_JOIN; v7 does not know the rule', () => {
    const jr = { join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: space }, { type: 'm.room_membership', room_id: '!other:c.example' }] };
    const r = room('9', jr);
    expect(checkJoinAllowed({ state: r.state, roomVersion: '9', userId: bob, isJoinedToRoom: (id) => id === space })).toEqual({ allowed: true, via: 'restricted', allowedRoomId: space });
    expect(checkJoinAllowed({ state: r.state, roomVersion: '9', userId: bob, isJoinedToRoom: () => false })).toMatchObject({ allowed: false, errcode: 'M_FORBIDDEN' });
    expect(checkJoinAllowed({ state: r.state, roomVersion: '9', userId: bob, isJoinedToRoom: (id) => (id === space ? false : undefined) })).toMatchObject({ allowed: false, errcode: 'M_UNABLE_TO_AUTHORISE_JOIN' });
    expect(checkJoinAllowed({ state: r.state, roomVersion: '9', userId: bob })).toMatchObject({ errcode: 'M_UNABLE_TO_AUTHORISE_JOIN' });
    const none = room('9', { join_rule: 'restricted', allow: [] });
    expect(checkJoinAllowed({ state: none.state, roomVersion: '9', userId: bob, isJoinedToRoom: () => true })).toMatchObject({ errcode: 'M_FORBIDDEN' });
    const r7 = room('7', jr);
    expect(checkJoinAllowed({ state: r7.state, roomVersion: '7', userId: bob, isJoinedToRoom: () => true })).toMatchObject({ allowed: false });
    const kr9 = room('9', { ...jr, join_rule: 'knock_restricted' });
    expect(checkJoinAllowed({ state: kr9.state, roomVersion: '9', userId: bob, isJoinedToRoom: () => true }).allowed).toBe(false);
    const kr10 = room('10', { ...jr, join_rule: 'knock_restricted' });
    expect(checkJoinAllowed({ state: kr10.state, roomVersion: '10', userId: bob, isJoinedToRoom: () => true }).allowed).toBe(true);
  });
});

describe('findJoinAuthorisers', () => {
  it('lists joined users with invite power, highest first, optionally of one server', () => {
    const r = room('10', { join_rule: 'restricted' });
    r.member('@mod:a.example', 'join');
    r.member('@mod:b.example', 'join');
    r.member('@bob:b.example', 'join');
    expect(findJoinAuthorisers(r.state, '10')).toEqual(['@alice:a.example', '@mod:b.example', '@mod:a.example']);
    expect(findJoinAuthorisers(r.state, '10', { serverName: 'a.example' })).toEqual(['@alice:a.example', '@mod:a.example']);
    r.member('@mod:a.example', 'leave');
    expect(findJoinAuthorisers([...r.state.values()], '10', { serverName: 'a.example' })).toEqual(['@alice:a.example']);
  });
  it('puts v12 creators first and returns nothing when power levels are malformed', () => {
    const r = room('12', { join_rule: 'restricted' });
    r.member('@mod:b.example', 'join');
    expect(findJoinAuthorisers(r.state, '12')).toEqual(['@alice:a.example', '@mod:b.example']);
    const bad = room('9', { join_rule: 'restricted' });
    bad.add({ type: 'm.room.power_levels', sender: '@alice:a.example', state_key: '', content: { invite: 'lots' } });
    expect(findJoinAuthorisers(bad.state, '9')).toEqual([]);
  });
});

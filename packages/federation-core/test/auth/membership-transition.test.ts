import { describe, expect, it } from 'vitest';
import { checkMembershipTransition, getRoomVersion } from '@maxtryx/federation-core';
import { makeRoom } from './helpers.js';

function room(version: string, joinRule = 'invite') {
  const rv = getRoomVersion(version);
  const r = makeRoom(rv);
  r.member('@alice:a.example', 'join');
  r.add({ type: 'm.room.power_levels', sender: '@alice:a.example', state_key: '', content: rv.privilegedCreators ? { users: { '@mod:a.example': 50 } } : { users: { '@alice:a.example': 100, '@mod:a.example': 50 } } });
  r.add({ type: 'm.room.join_rules', sender: '@alice:a.example', state_key: '', content: { join_rule: joinRule, allow: [{ type: 'm.room_membership', room_id: '!space:a.example' }] } });
  return r;
}
const bob = '@bob:b.example';

describe('checkMembershipTransition', () => {
  it('invite then join', () => {
    const r = room('10');
    expect(checkMembershipTransition({ roomVersion: '10', state: r.state, sender: '@alice:a.example', target: bob, to: 'invite' })).toEqual({ ok: true });
    expect(checkMembershipTransition({ roomVersion: '10', state: r.state, sender: bob, target: bob, to: 'join' })).toMatchObject({ ok: false, status: 403, errcode: 'M_FORBIDDEN' });
    expect(checkMembershipTransition({ roomVersion: '10', state: r.state, sender: bob, target: bob, to: 'join', from: 'invite' })).toEqual({ ok: true });
  });
  it('refuses kicks and bans above one\'s level with M_FORBIDDEN and a message', () => {
    const r = room('10');
    r.member('@mod:a.example', 'join');
    const res = checkMembershipTransition({ roomVersion: '10', state: r.state, sender: '@mod:a.example', target: '@alice:a.example', to: 'ban' });
    expect(res).toMatchObject({ ok: false, status: 403, errcode: 'M_FORBIDDEN' });
    if (!res.ok) expect(res.error).toContain('cannot ban');
    expect(checkMembershipTransition({ roomVersion: '10', state: r.state, sender: '@alice:a.example', target: '@mod:a.example', to: 'leave' })).toEqual({ ok: true });
  });
  it('answers M_BAD_JSON for unknown memberships and knock before v7, M_INVALID_PARAM for bad user IDs', () => {
    const r = room('6', 'knock');
    expect(checkMembershipTransition({ roomVersion: '6', state: r.state, sender: bob, target: bob, to: 'knock' })).toMatchObject({ status: 400, errcode: 'M_BAD_JSON' });
    expect(checkMembershipTransition({ roomVersion: '6', state: r.state, sender: bob, target: bob, to: 'joined' })).toMatchObject({ errcode: 'M_BAD_JSON' });
    expect(checkMembershipTransition({ roomVersion: '6', state: r.state, sender: bob, target: 'bob', to: 'invite' })).toMatchObject({ status: 400, errcode: 'M_INVALID_PARAM' });
    const r7 = room('7', 'knock');
    expect(checkMembershipTransition({ roomVersion: '7', state: r7.state, sender: bob, target: bob, to: 'knock' })).toEqual({ ok: true });
    expect(checkMembershipTransition({ roomVersion: '7', state: r7.state, sender: bob, target: bob, to: 'knock', from: 'ban' })).toMatchObject({ errcode: 'M_FORBIDDEN' });
  });
  it('restricted joins need an authoriser, or fail with the join-rule errcodes', () => {
    const r = room('10', 'restricted');
    expect(checkMembershipTransition({ roomVersion: '10', state: r.state, sender: bob, target: bob, to: 'join', isJoinedToRoom: () => true })).toEqual({ ok: true, needsAuthoriser: true });
    expect(checkMembershipTransition({ roomVersion: '10', state: r.state, sender: bob, target: bob, to: 'join', isJoinedToRoom: () => undefined })).toMatchObject({ status: 400, errcode: 'M_UNABLE_TO_AUTHORISE_JOIN' });
    expect(checkMembershipTransition({ roomVersion: '10', state: r.state, sender: bob, target: bob, to: 'join', isJoinedToRoom: () => false })).toMatchObject({ status: 403, errcode: 'M_FORBIDDEN' });
    expect(checkMembershipTransition({ roomVersion: '10', state: r.state, sender: bob, target: bob, to: 'join', content: { join_authorised_via_users_server: '@alice:a.example' } })).toEqual({ ok: true });
    expect(checkMembershipTransition({ roomVersion: '10', state: r.state, sender: bob, target: bob, to: 'join', content: { join_authorised_via_users_server: '@mod:a.example' } })).toMatchObject({ errcode: 'M_FORBIDDEN' });
  });
  it('leaving without being in the room is forbidden; a banned user cannot join', () => {
    const r = room('12', 'public');
    expect(checkMembershipTransition({ roomVersion: '12', state: r.state, sender: bob, target: bob, to: 'leave' })).toMatchObject({ errcode: 'M_FORBIDDEN' });
    r.member(bob, 'ban', '@alice:a.example');
    expect(checkMembershipTransition({ roomVersion: '12', state: r.state, sender: bob, target: bob, to: 'join' })).toMatchObject({ errcode: 'M_FORBIDDEN' });
    expect(checkMembershipTransition({ roomVersion: '12', state: r.state, sender: '@alice:a.example', target: bob, to: 'leave' })).toEqual({ ok: true });
  });
});

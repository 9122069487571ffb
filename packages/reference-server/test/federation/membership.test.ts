/**
 * Invites (v2), joins through an invite, kicks, bans, rejections (make_leave /
 * send_leave) and leaves across two real servers with real signatures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateKeyOf } from '@maxtryx/federation-core';
import { joinRemoteRoom, joinRoom } from '../../src/federation/remote-join.js';
import { inviteRemoteUser } from '../../src/federation/remote-invite.js';
import { leaveRemoteRoom, leaveRoom } from '../../src/federation/remote-leave.js';
import { createTestRoom, createUsers, eventOn, membershipOn, sendMessage, startTestServer, stopAll, waitFor, type TestServer } from './helpers.js';

describe('memberships across servers', () => {
  let a: TestServer;
  let b: TestServer;
  let alice: string;
  let bob: string;
  let dave: string;
  let roomId: string;

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer();
    alice = a.user('alice');
    bob = b.user('bob');
    dave = b.user('dave');
    await createUsers(a, alice);
    await createUsers(b, bob, dave);
    roomId = await createTestRoom(a, alice, { joinRule: 'invite' });
  });
  afterAll(() => stopAll([a, b]));

  it('invites a user of B (invite v2): both servers sign, B records the invite with the room state', async () => {
    const invite = await inviteRemoteUser(a.hs.services, roomId, alice, bob);
    // The persisted invite carries both servers' signatures.
    expect(Object.keys(invite.signatures).sort()).toEqual([a.name, b.name].sort());
    expect(await membershipOn(a, roomId, bob)).toBe('invite');
    // B is not in the room: the invite is an outlier filed as bob's membership.
    expect(await membershipOn(b, roomId, bob)).toBe('invite');
    expect(await b.hs.services.store.getRoomsForUser(bob, 'invite')).toEqual([roomId]);
    const stored = await eventOn(b, invite.event_id);
    expect(stored?.status).toBe('outlier');
    const state = (stored?.pdu.unsigned as { invite_room_state?: Array<{ type: string }> } | undefined)?.invite_room_state ?? [];
    expect(state.map((e) => e.type)).toContain('m.room.create');
    expect(state.map((e) => e.type)).toContain('m.room.join_rules');
    // B is not resident: it does not take the room's events.
    expect(await b.hs.services.rooms.context(roomId)).toBeUndefined();
  });

  it('refuses an invite the auth rules forbid (403) without asking B', async () => {
    // dave is not in the room: he cannot invite anyone.
    const err = (await inviteRemoteUser(a.hs.services, roomId, a.user('mallory'), dave).catch((e: unknown) => e)) as { errcode?: string };
    expect(err.errcode).toBe('M_FORBIDDEN');
    expect(await membershipOn(b, roomId, dave)).toBeUndefined();
  });

  it('joins through the invite (the inviter\'s server is asked)', async () => {
    const result = await joinRoom(b.hs.services, roomId, bob);
    expect(result.via).toBe(a.name);
    expect(await membershipOn(a, roomId, bob)).toBe('join');
    expect(await membershipOn(b, roomId, bob)).toBe('join');
    expect((await eventOn(b, result.eventId))?.status).toBe('accepted');
  });

  it('kicks bob: the leave reaches B and B records it', async () => {
    const kick = await a.hs.services.rooms.sendLocal(roomId, {
      type: 'm.room.member',
      sender: alice,
      state_key: bob,
      content: { membership: 'leave', reason: 'test kick' },
    });
    await waitFor('the kick on B', async () => (await eventOn(b, kick.event_id))?.status === 'accepted');
    expect(await membershipOn(b, roomId, bob)).toBe('leave');
    expect(await membershipOn(a, roomId, bob)).toBe('leave');
    expect(await a.hs.services.store.getServersInRoom(roomId)).toEqual([a.name]);
  });

  it('invites bob again and bob rejects it with make_leave / send_leave: the leave persists on both servers', async () => {
    // Events B did not get while it was out of the room.
    await sendMessage(a, roomId, alice, 'while bob is away');
    const invite = await inviteRemoteUser(a.hs.services, roomId, alice, bob);
    await waitFor('the second invite on B', async () => (await membershipOn(b, roomId, bob)) === 'invite');
    const before = await a.hs.services.store.getCurrentStateEventId(roomId, stateKeyOf('m.room.member', bob));
    expect(before).toBe(invite.event_id);

    const result = await leaveRoom(b.hs.services, roomId, bob);
    expect(result.via).toBe(a.name);
    // On A: the leave is an accepted room event and bob's current membership.
    const onA = await eventOn(a, result.eventId);
    expect(onA?.status).toBe('accepted');
    expect(onA?.pdu.content).toEqual({ membership: 'leave' });
    expect(onA?.sender).toBe(bob);
    expect(Object.keys(onA?.pdu.signatures ?? {})).toEqual([b.name]);
    expect(await membershipOn(a, roomId, bob)).toBe('leave');
    expect(await a.hs.services.store.getCurrentStateEventId(roomId, stateKeyOf('m.room.member', bob))).toBe(result.eventId);
    // On B: recorded too.
    expect(await membershipOn(b, roomId, bob)).toBe('leave');
    expect(await b.hs.services.store.getRoomsForUser(bob, 'invite')).toEqual([]);
  });

  it('refuses make_leave for a user who is not in the room (403)', async () => {
    const err = (await leaveRemoteRoom(b.hs.services, roomId, dave, [a.name]).catch((e: unknown) => e)) as { errcode?: string; httpStatus?: number };
    expect(err.errcode).toBe('M_FORBIDDEN');
    expect(err.httpStatus).toBe(403);
  });

  it('a user of B leaves with a local event when B is resident; A records it', async () => {
    await inviteRemoteUser(a.hs.services, roomId, alice, dave);
    await waitFor('dave invited on B', async () => (await membershipOn(b, roomId, dave)) === 'invite');
    await joinRoom(b.hs.services, roomId, dave);
    expect(await membershipOn(a, roomId, dave)).toBe('join');
    const leave = await leaveRoom(b.hs.services, roomId, dave);
    expect(leave.via).toBeUndefined();
    await waitFor('dave\'s leave on A', async () => (await eventOn(a, leave.eventId))?.status === 'accepted');
    expect(await membershipOn(a, roomId, dave)).toBe('leave');
  });

  it('bans bob: the ban reaches B, and bob can no longer join (403)', async () => {
    // B learns of the ban as the target's server even though it has no joined user left.
    const ban = await a.hs.services.rooms.sendLocal(roomId, {
      type: 'm.room.member',
      sender: alice,
      state_key: bob,
      content: { membership: 'ban' },
    });
    await waitFor('the ban on B', async () => (await membershipOn(b, roomId, bob)) === 'ban');
    expect((await eventOn(b, ban.event_id))?.status).toBe('accepted');
    expect(await membershipOn(a, roomId, bob)).toBe('ban');
    const err = (await joinRemoteRoom(b.hs.services, roomId, bob, [a.name]).catch((e: unknown) => e)) as { errcode?: string; httpStatus?: number };
    expect(err.errcode).toBe('M_FORBIDDEN');
    expect(err.httpStatus).toBe(403);
    expect(await membershipOn(a, roomId, bob)).toBe('ban');
  });
});

/**
 * Three real servers: the resident forwards a join of one server's user to the other
 * residents (PDUs in a transaction may be of other servers' users), and every later
 * event reaches every server in the room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinRemoteRoom } from '../../src/federation/remote-join.js';
import { leaveRoom } from '../../src/federation/remote-leave.js';
import { createTestRoom, createUsers, eventOn, membershipOn, sendMessage, startTestServer, stopAll, waitFor, type TestServer } from './helpers.js';

describe('three servers in one room', () => {
  let a: TestServer;
  let b: TestServer;
  let c: TestServer;
  let alice: string;
  let bob: string;
  let charlie: string;
  let roomId: string;

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer();
    c = await startTestServer();
    alice = a.user('alice');
    bob = b.user('bob');
    charlie = c.user('charlie');
    await createUsers(a, alice);
    await createUsers(b, bob);
    await createUsers(c, charlie);
    roomId = await createTestRoom(a, alice);
    await joinRemoteRoom(c.hs.services, roomId, charlie, [a.name]);
  });
  afterAll(() => stopAll([a, b, c]));

  it('forwards B\'s join, made through A, to C', async () => {
    const join = await joinRemoteRoom(b.hs.services, roomId, bob, [a.name]);
    await waitFor('B\'s join on C', async () => (await eventOn(c, join.eventId))?.status === 'accepted');
    expect(await membershipOn(c, roomId, bob)).toBe('join');
    expect(await c.hs.services.store.getServersInRoom(roomId)).toEqual([a.name, b.name, c.name].sort());
  });

  it('delivers B\'s message to A and C, and C\'s to A and B', async () => {
    const fromB = await sendMessage(b, roomId, bob, 'hi from B');
    for (const s of [a, c]) await waitFor(`B's message on ${s.name}`, async () => (await eventOn(s, fromB.event_id))?.status === 'accepted');
    const fromC = await sendMessage(c, roomId, charlie, 'hi from C');
    for (const s of [a, b]) await waitFor(`C's message on ${s.name}`, async () => (await eventOn(s, fromC.event_id))?.status === 'accepted');
  });

  it('delivers a kick of B\'s user to B and C, and C\'s leave to A and B', async () => {
    const kick = await a.hs.services.rooms.sendLocal(roomId, { type: 'm.room.member', sender: alice, state_key: bob, content: { membership: 'leave' } });
    for (const s of [b, c]) await waitFor(`the kick on ${s.name}`, async () => (await eventOn(s, kick.event_id))?.status === 'accepted');
    expect(await membershipOn(b, roomId, bob)).toBe('leave');
    expect(await membershipOn(c, roomId, bob)).toBe('leave');
    const leave = await leaveRoom(c.hs.services, roomId, charlie);
    await waitFor('C\'s leave on A', async () => (await eventOn(a, leave.eventId))?.status === 'accepted');
    expect(await membershipOn(a, roomId, charlie)).toBe('leave');
    expect(await a.hs.services.store.getServersInRoom(roomId)).toEqual([a.name]);
  });
});

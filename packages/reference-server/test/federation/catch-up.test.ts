/**
 * Catching up after missing events: B receives an event whose prev_events it does not
 * know and fills the gap with get_missing_events from the origin; and B, stopped while
 * A sends, restarts from its data folder and gets what A queued for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoomEvent } from '@maxtryx/federation-core';
import { joinRemoteRoom } from '../../src/federation/remote-join.js';
import { createTestRoom, createUsers, eventOn, membershipOn, sendMessage, startTestServer, stopAll, waitFor, type TestServer } from './helpers.js';

describe('catching up', () => {
  let a: TestServer;
  let b: TestServer;
  let alice: string;
  let bob: string;
  let roomId: string;

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer();
    alice = a.user('alice');
    bob = b.user('bob');
    await createUsers(a, alice);
    await createUsers(b, bob);
    roomId = await createTestRoom(a, alice);
    await joinRemoteRoom(b.hs.services, roomId, bob, [a.name]);
  });
  afterAll(() => stopAll([a, b]));

  it('fills a gap of 30 events through get_missing_events when an event with unknown prev_events arrives', async () => {
    const rooms = a.hs.services.rooms;
    const missed: RoomEvent[] = [];
    // 30 events A persists without sending them to B.
    for (let i = 0; i < 30; i++) {
      missed.push(
        await rooms.mutex.run(roomId, async () => {
          const ctx = await rooms.requireContext(roomId);
          const event = await rooms.buildLocked(ctx, { type: 'm.room.message', sender: alice, content: { msgtype: 'm.text', body: `missed ${i}` } });
          await rooms.persistLocked(roomId, ctx.roomVersion, event, 'accepted', ctx.currentState);
          return event;
        }),
      );
    }
    expect(await eventOn(b, missed[0]!.event_id)).toBeUndefined();
    // The 31st goes out: its prev event is unknown to B.
    const last = await sendMessage(a, roomId, alice, 'after the gap');
    await waitFor('the event after the gap on B', async () => (await eventOn(b, last.event_id))?.status === 'accepted');
    for (const e of missed) expect((await eventOn(b, e.event_id))?.status).toBe('accepted');
    expect(await b.hs.services.store.getForwardExtremities(roomId)).toEqual([last.event_id]);
    expect(new Map(await b.hs.services.store.getCurrentState(roomId))).toEqual(new Map(await a.hs.services.store.getCurrentState(roomId)));
  });

  it('accepts an event concurrent with its own join (prev_events the joining server holds only as outliers)', async () => {
    const room = await createTestRoom(a, alice);
    for (let i = 0; i < 25; i++) await sendMessage(a, room, alice, `history ${i}`);
    const rooms = a.hs.services.rooms;
    // A builds an event on the pre-join DAG, and persists and sends it after B joined.
    const built = await rooms.mutex.run(room, async () => {
      const ctx = await rooms.requireContext(room);
      return { ctx, event: await rooms.buildLocked(ctx, { type: 'm.room.message', sender: alice, content: { msgtype: 'm.text', body: 'concurrent' } }) };
    });
    const carol = b.user('carol');
    await createUsers(b, carol);
    const join = await joinRemoteRoom(b.hs.services, room, carol, [a.name]);
    await rooms.mutex.run(room, async () => {
      await rooms.persistLocked(room, built.ctx.roomVersion, built.event, 'accepted', built.ctx.currentState);
      await rooms.fanOut(room, built.ctx.roomVersion, built.event);
    });
    await waitFor('the concurrent event on B', async () => (await eventOn(b, built.event.event_id))?.status === 'accepted');
    // The pre-join history stayed outliers or unknown on B: the walk stopped at what B knows.
    const historyOnB = await b.hs.services.store.getRoomEventsTopological(room, { limit: 100 });
    expect(historyOnB.filter((e) => e.type === 'm.room.message').map((e) => e.eventId)).toEqual([built.event.event_id]);
    expect((await b.hs.services.store.getForwardExtremities(room)).sort()).toEqual([built.event.event_id, join.eventId].sort());
    expect(await membershipOn(b, room, carol)).toBe('join');
  });

  it('B stopped while A sends 30 messages restarts from its data folder and receives them', async () => {
    const port = Number(b.name.split(':')[1]);
    const dataDir = b.dataDir;
    await b.stop();
    const sent: RoomEvent[] = [];
    for (let i = 0; i < 30; i++) sent.push(await sendMessage(a, roomId, alice, `while B is down ${i}`));
    // Let A's sender notice that B is down (one failed attempt at least).
    await waitFor('a failed delivery to B', () => a.hs.services.sender.status(b.name).failures > 0);
    b = await startTestServer({}, { port, dataDir });
    // B speaks to A: A sees B is back and retries at once.
    const hello = await sendMessage(b, roomId, bob, 'back again');
    await waitFor('B\'s message on A', async () => (await eventOn(a, hello.event_id))?.status === 'accepted');
    await waitFor('the 30 messages on B', async () => {
      for (const e of sent) if ((await eventOn(b, e.event_id))?.status !== 'accepted') return false;
      return true;
    }, 30_000);
    // A's next event merges both branches; both servers end with one extremity and the same state.
    const merge = await sendMessage(a, roomId, alice, 'merge');
    await waitFor('the merge on B', async () => (await eventOn(b, merge.event_id))?.status === 'accepted');
    expect(await b.hs.services.store.getForwardExtremities(roomId)).toEqual([merge.event_id]);
    expect(new Map(await b.hs.services.store.getCurrentState(roomId))).toEqual(new Map(await a.hs.services.store.getCurrentState(roomId)));
  });
});

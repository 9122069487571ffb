/**
 * `/sync` over real HTTP: initial sync, incremental sync with `since`, long-polling woken
 * by another user's message, invites and leaves, filters, ephemeral and account data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, enc, register, sendText, startServer, type TestServer, type TestUser } from './support.js';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  server = await startServer();
  alice = await register(server, 'alice');
  bob = await register(server, 'bob');
});
afterAll(async () => {
  await server?.stop();
});

const sync = (user: TestUser, query = '') => user.call('GET', `/_matrix/client/v3/sync${query ? `?${query}` : ''}`);
type Ev = { type: string; state_key?: string; content: Record<string, unknown>; event_id: string; sender: string; unsigned?: Record<string, unknown> };
const bodies = (events: Ev[]) => events.filter((e) => e.type === 'm.room.message').map((e) => e.content.body);

describe('initial sync', () => {
  it('gives joined rooms with state at the start of the timeline and the timeline', async () => {
    const roomId = await createRoom(alice, { preset: 'public_chat', name: 'Sync room' });
    for (let i = 0; i < 12; i++) await sendText(alice, roomId, `m${i}`);
    const r = await sync(alice);
    expect(r.status).toBe(200);
    expect(typeof r.body.next_batch).toBe('string');
    const joined = r.body.rooms.join[roomId];
    const timeline: Ev[] = joined.timeline.events;
    expect(timeline).toHaveLength(10);
    expect(bodies(timeline)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 2}`));
    expect(joined.timeline.limited).toBe(true);
    expect(typeof joined.timeline.prev_batch).toBe('string');
    const state: Ev[] = joined.state.events;
    expect(state.map((e) => e.type)).toEqual(expect.arrayContaining(['m.room.create', 'm.room.power_levels', 'm.room.name', 'm.room.member']));
    // Client format: no room_id inside a room's section, no federation fields.
    expect(timeline[0]).not.toHaveProperty('room_id');
    expect(timeline[0]).not.toHaveProperty('signatures');
    expect(joined.summary['m.joined_member_count']).toBe(1);
    // The sender's own events carry their transaction ID.
    expect(typeof timeline[0]!.unsigned?.transaction_id).toBe('string');
    // The push rules come as account data.
    expect(r.body.account_data.events.map((e: Ev) => e.type)).toContain('m.push_rules');

    // prev_batch continues into /messages.
    const older = await alice.call('GET', `/_matrix/client/v3/rooms/${enc(roomId)}/messages?dir=b&limit=2&from=${enc(joined.timeline.prev_batch)}`);
    expect(bodies(older.body.chunk)).toEqual(['m1', 'm0']);
  });

  it('applies a stored filter and an inline one', async () => {
    const roomId = await createRoom(alice);
    await sendText(alice, roomId, 'a');
    await sendText(alice, roomId, 'b');
    const created = await alice.call('POST', `/_matrix/client/v3/user/${enc(alice.userId)}/filter`, { room: { timeline: { limit: 1 } } });
    expect(created.status).toBe(200);
    const stored = await alice.call('GET', `/_matrix/client/v3/user/${enc(alice.userId)}/filter/${enc(created.body.filter_id)}`);
    expect(stored.body).toEqual({ room: { timeline: { limit: 1 } } });
    const byId = await sync(alice, `filter=${enc(created.body.filter_id)}`);
    expect(byId.body.rooms.join[roomId].timeline.events).toHaveLength(1);
    expect(byId.body.rooms.join[roomId].timeline.limited).toBe(true);
    const inline = await sync(alice, `filter=${enc(JSON.stringify({ room: { rooms: [roomId], timeline: { types: ['m.room.message'] } } }))}`);
    expect(Object.keys(inline.body.rooms.join)).toEqual([roomId]);
    expect(inline.body.rooms.join[roomId].timeline.events.every((e: Ev) => e.type === 'm.room.message')).toBe(true);

    const badJson = await sync(alice, `filter=${enc('{"room":')}`);
    expect(badJson.status).toBe(400);
    expect(badJson.body.errcode).toBe('M_NOT_JSON');
    const badShape = await sync(alice, `filter=${enc(JSON.stringify({ room: { timeline: { limit: 'ten' } } }))}`);
    expect(badShape.status).toBe(400);
    expect(badShape.body.errcode).toBe('M_BAD_JSON');
    const unknown = await sync(alice, 'filter=424242');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errcode).toBe('M_INVALID_PARAM');
    const otherUser = await bob.call('POST', `/_matrix/client/v3/user/${enc(alice.userId)}/filter`, {});
    expect(otherUser.status).toBe(403);
  });
});

describe('incremental sync', () => {
  it('gives only what happened after since', async () => {
    const roomId = await createRoom(alice, { preset: 'public_chat' });
    const first = await sync(alice);
    const quiet = await sync(alice, `since=${enc(first.body.next_batch)}&timeout=0`);
    expect(quiet.status).toBe(200);
    expect(quiet.body.rooms.join).toEqual({});
    await sendText(alice, roomId, 'new one');
    const next = await sync(alice, `since=${enc(quiet.body.next_batch)}&timeout=0`);
    const joined = next.body.rooms.join[roomId];
    expect(bodies(joined.timeline.events)).toEqual(['new one']);
    expect(joined.timeline.limited).toBe(false);
    expect(joined.state.events).toEqual([]);
    // full_state: the whole state even with since.
    const full = await sync(alice, `since=${enc(quiet.body.next_batch)}&timeout=0&full_state=true`);
    expect(full.body.rooms.join[roomId].state.events.map((e: Ev) => e.type)).toContain('m.room.create');
  });

  it('a limited incremental timeline comes with the state delta of the gap', async () => {
    const roomId = await createRoom(alice, { preset: 'public_chat' });
    const first = await sync(alice);
    await alice.call('PUT', `/_matrix/client/v3/rooms/${enc(roomId)}/state/m.room.topic`, { topic: 'changed in the gap' });
    for (let i = 0; i < 12; i++) await sendText(alice, roomId, `g${i}`);
    const next = await sync(alice, `since=${enc(first.body.next_batch)}`);
    const joined = next.body.rooms.join[roomId];
    expect(joined.timeline.limited).toBe(true);
    expect(joined.state.events.map((e: Ev) => e.type)).toEqual(['m.room.topic']);
  });

  it('a long-poll is woken by a message from another user', async () => {
    const roomId = await createRoom(alice, { preset: 'public_chat' });
    expect((await bob.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/join`, {})).status).toBe(200);
    const first = await sync(alice);
    // The server caps the wait at 30 s; this test's own limit is below it, so only a wake-up passes.
    const waiting = sync(alice, `since=${enc(first.body.next_batch)}&timeout=30000`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sendText(bob, roomId, 'wake up');
    const woken = await waiting;
    expect(woken.status).toBe(200);
    expect(bodies(woken.body.rooms.join[roomId].timeline.events)).toEqual(['wake up']);
  }, 20_000);

  it('reports invites with stripped state, then the join, then the leave', async () => {
    const first = await sync(bob);
    const roomId = await createRoom(alice, { name: 'Invite only', invite: [bob.userId] });
    const invited = await sync(bob, `since=${enc(first.body.next_batch)}&timeout=0`);
    const inviteState: Ev[] = invited.body.rooms.invite[roomId].invite_state.events;
    expect(inviteState.map((e) => e.type)).toEqual(expect.arrayContaining(['m.room.create', 'm.room.name', 'm.room.join_rules', 'm.room.member']));
    for (const e of inviteState) expect(Object.keys(e).sort()).toEqual(['content', 'sender', 'state_key', 'type']);
    expect(inviteState.find((e) => e.type === 'm.room.member' && e.state_key === bob.userId)?.content.membership).toBe('invite');

    expect((await bob.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/join`, {})).status).toBe(200);
    const joined = await sync(bob, `since=${enc(invited.body.next_batch)}&timeout=0`);
    // A room joined since `since` comes with its full state.
    const section = joined.body.rooms.join[roomId];
    expect([...section.state.events, ...section.timeline.events].map((e: Ev) => e.type)).toContain('m.room.create');
    expect(joined.body.rooms.invite[roomId]).toBeUndefined();

    expect((await alice.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/kick`, { user_id: bob.userId })).status).toBe(200);
    const left = await sync(bob, `since=${enc(joined.body.next_batch)}&timeout=0`);
    const leave = left.body.rooms.leave[roomId];
    expect(leave.timeline.events.at(-1)).toMatchObject({ type: 'm.room.member', state_key: bob.userId, content: { membership: 'leave' } });
    expect(left.body.rooms.join[roomId]).toBeUndefined();
  });

  it('reports typing, receipts and account data', async () => {
    const roomId = await createRoom(alice, { preset: 'public_chat' });
    expect((await bob.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/join`, {})).status).toBe(200);
    const eventId = await sendText(bob, roomId, 'read me');
    const first = await sync(alice);
    expect((await bob.call('PUT', `/_matrix/client/v3/rooms/${enc(roomId)}/typing/${enc(bob.userId)}`, { typing: true, timeout: 20000 })).status).toBe(200);
    expect((await bob.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/receipt/m.read/${enc(eventId)}`, {})).status).toBe(200);
    expect((await alice.call('PUT', `/_matrix/client/v3/user/${enc(alice.userId)}/account_data/org.example.settings`, { dark: true })).status).toBe(200);
    const next = await sync(alice, `since=${enc(first.body.next_batch)}&timeout=0`);
    const ephemeral: Ev[] = next.body.rooms.join[roomId].ephemeral.events;
    expect(ephemeral.find((e) => e.type === 'm.typing')?.content).toEqual({ user_ids: [bob.userId] });
    const receipt = ephemeral.find((e) => e.type === 'm.receipt')?.content as Record<string, Record<string, Record<string, { ts: number }>>>;
    expect(typeof receipt[eventId]?.['m.read']?.[bob.userId]?.ts).toBe('number');
    expect(next.body.account_data.events).toContainEqual({ type: 'org.example.settings', content: { dark: true } });

    // Typing for someone else, or in a room one is not in, is refused.
    const forOther = await alice.call('PUT', `/_matrix/client/v3/rooms/${enc(roomId)}/typing/${enc(bob.userId)}`, { typing: true, timeout: 1000 });
    expect(forOther.status).toBe(403);
    const stopTyping = await bob.call('PUT', `/_matrix/client/v3/rooms/${enc(roomId)}/typing/${enc(bob.userId)}`, { typing: false });
    expect(stopTyping.status).toBe(200);
    const after = await sync(alice, `since=${enc(next.body.next_batch)}&timeout=0`);
    expect(after.body.rooms.join[roomId].ephemeral.events).toContainEqual({ type: 'm.typing', content: { user_ids: [] } });
  });

  it('refuses a malformed since token', async () => {
    const r = await sync(alice, 'since=garbage');
    expect(r.status).toBe(400);
    expect(r.body.errcode).toBe('M_INVALID_PARAM');
  });
});

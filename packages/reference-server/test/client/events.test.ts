/**
 * Sending and reading events over real HTTP: send (idempotent per device and
 * transaction), state, redact, event, messages with pagination.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, createRoom, enc, register, request, sendText, startServer, type TestServer, type TestUser } from './support.js';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  server = await startServer();
  alice = await register(server, 'alice', 'alice-pw');
  bob = await register(server, 'bob');
});
afterAll(async () => {
  await server?.stop();
});

const path = (roomId: string, rest: string) => `/_matrix/client/v3/rooms/${enc(roomId)}${rest}`;

describe.each(['1', '11', '12'])('events in room version %s', (version) => {
  it('send is idempotent per device and transaction ID; transaction_id only for that device', async () => {
    const roomId = await createRoom(alice, { room_version: version });
    const first = await alice.call('PUT', path(roomId, '/send/m.room.message/txn-1'), { msgtype: 'm.text', body: 'hello' });
    expect(first.status).toBe(200);
    const again = await alice.call('PUT', path(roomId, '/send/m.room.message/txn-1'), { msgtype: 'm.text', body: 'hello' });
    expect(again.body.event_id).toBe(first.body.event_id);
    const other = await alice.call('PUT', path(roomId, '/send/m.room.message/txn-2'), { msgtype: 'm.text', body: 'hello' });
    expect(other.body.event_id).not.toBe(first.body.event_id);

    const event = await alice.call('GET', path(roomId, `/event/${enc(first.body.event_id)}`));
    expect(event.status).toBe(200);
    expect(event.body).toMatchObject({ event_id: first.body.event_id, room_id: roomId, sender: alice.userId, type: 'm.room.message', content: { body: 'hello' } });
    expect(event.body.unsigned.transaction_id).toBe('txn-1');
    expect(typeof event.body.unsigned.age).toBe('number');
    for (const key of ['hashes', 'signatures', 'auth_events', 'prev_events', 'depth']) expect(event.body).not.toHaveProperty(key);

    // Another device of the same user: a new request, and no transaction_id.
    const login = await request(server, 'POST', '/_matrix/client/v3/login', { type: 'm.login.password', user: 'alice', password: 'alice-pw' });
    const phone = asUser(server, alice.userId, login.body.access_token, login.body.device_id);
    const seen = await phone.call('GET', path(roomId, `/event/${enc(first.body.event_id)}`));
    expect(seen.body.unsigned).not.toHaveProperty('transaction_id');
    const fromPhone = await phone.call('PUT', path(roomId, '/send/m.room.message/txn-1'), { msgtype: 'm.text', body: 'hello' });
    expect(fromPhone.body.event_id).not.toBe(first.body.event_id);
  });

  it('sets and reads state, with and without a state key', async () => {
    const roomId = await createRoom(alice, { room_version: version });
    const put = await alice.call('PUT', path(roomId, `/state/org.example.thing/${enc(alice.userId)}`), { colour: 'red' });
    expect(put.status).toBe(200);
    const noKey = await alice.call('PUT', path(roomId, '/state/m.room.topic'), { topic: 'weather' });
    expect(noKey.status).toBe(200);
    const got = await alice.call('GET', path(roomId, `/state/org.example.thing/${enc(alice.userId)}`));
    expect(got).toEqual({ status: 200, body: { colour: 'red' } });
    const topic = await alice.call('GET', path(roomId, '/state/m.room.topic'));
    expect(topic.body).toEqual({ topic: 'weather' });
    const asEvent = await alice.call('GET', path(roomId, '/state/m.room.topic/?format=event'));
    expect(asEvent.body).toMatchObject({ type: 'm.room.topic', state_key: '', event_id: noKey.body.event_id, content: { topic: 'weather' } });
    const missing = await alice.call('GET', path(roomId, '/state/m.room.avatar'));
    expect(missing.status).toBe(404);
    expect(missing.body.errcode).toBe('M_NOT_FOUND');
    // prev_content of the replaced state.
    await alice.call('PUT', path(roomId, '/state/m.room.topic'), { topic: 'sun' });
    const latest = await alice.call('GET', path(roomId, '/state/m.room.topic?format=event'));
    expect(latest.body.unsigned.prev_content).toEqual({ topic: 'weather' });
    expect(latest.body.unsigned.replaces_state).toBe(noKey.body.event_id);
  });

  it('redacts an event; it is then served redacted with redacted_because', async () => {
    const roomId = await createRoom(alice, { room_version: version, preset: 'public_chat' });
    const eventId = await sendText(alice, roomId, 'oops');
    const r = await alice.call('PUT', path(roomId, `/redact/${enc(eventId)}/redact-1`), { reason: 'typo' });
    expect(r.status).toBe(200);
    const again = await alice.call('PUT', path(roomId, `/redact/${enc(eventId)}/redact-1`), { reason: 'typo' });
    expect(again.body.event_id).toBe(r.body.event_id);
    const event = await alice.call('GET', path(roomId, `/event/${enc(eventId)}`));
    expect(event.body.content).toEqual({});
    expect(event.body.unsigned.redacted_because).toMatchObject({ event_id: r.body.event_id, type: 'm.room.redaction', redacts: eventId });
    const redaction = await alice.call('GET', path(roomId, `/event/${enc(r.body.event_id)}`));
    expect(redaction.body.redacts).toBe(eventId);
    expect(redaction.body.content.reason).toBe('typo');

    // Another member without the redact level may not redact alice's event.
    expect((await bob.call('POST', path(roomId, '/join'), {})).status).toBe(200);
    const other = await sendText(alice, roomId, 'mine');
    const denied = await bob.call('PUT', path(roomId, `/redact/${enc(other)}/r1`), {});
    expect(denied.status).toBe(403);
    expect(denied.body.errcode).toBe('M_FORBIDDEN');
    // ... but may redact their own.
    const own = await sendText(bob, roomId, 'bobs');
    expect((await bob.call('PUT', path(roomId, `/redact/${enc(own)}/r2`), {})).status).toBe(200);
  });
});

describe('GET /rooms/{roomId}/messages', () => {
  it('paginates backwards and forwards with from / to / limit tokens', async () => {
    const roomId = await createRoom(alice, { preset: 'public_chat' });
    const sent: string[] = [];
    for (let i = 0; i < 25; i++) sent.push(await sendText(alice, roomId, `m${i}`));

    const messages = (query: string) => alice.call('GET', path(roomId, `/messages?${query}`));
    const texts = (chunk: Array<{ type: string; content: { body?: string } }>) => chunk.filter((e) => e.type === 'm.room.message').map((e) => e.content.body);

    const page1 = await messages('dir=b&limit=10');
    expect(page1.status).toBe(200);
    expect(texts(page1.body.chunk)).toEqual(Array.from({ length: 10 }, (_, i) => `m${24 - i}`));
    expect(typeof page1.body.start).toBe('string');
    const page2 = await messages(`dir=b&limit=10&from=${enc(page1.body.end)}`);
    expect(texts(page2.body.chunk)).toEqual(Array.from({ length: 10 }, (_, i) => `m${14 - i}`));
    const page3 = await messages(`dir=b&limit=10&from=${enc(page2.body.end)}`);
    expect(texts(page3.body.chunk)).toEqual(Array.from({ length: 5 }, (_, i) => `m${4 - i}`));
    // Then the room's creation events, and the end.
    let from: string | undefined = page3.body.end;
    const rest: Array<{ type: string }> = [];
    for (let i = 0; i < 5 && from !== undefined; i++) {
      const p = await messages(`dir=b&limit=10&from=${enc(from)}`);
      rest.push(...p.body.chunk);
      from = p.body.end;
    }
    expect(from).toBeUndefined();
    expect(rest.at(-1)?.type).toBe('m.room.create');

    // Forwards from the start, then up to a `to` token.
    const forwards = await messages('dir=f&limit=3');
    expect(forwards.body.chunk.map((e: { type: string }) => e.type)).toEqual(['m.room.create', 'm.room.member', 'm.room.power_levels']);
    const between = await messages(`dir=f&limit=100&from=${enc(page2.body.end)}&to=${enc(page1.body.end)}`);
    expect(texts(between.body.chunk)).toEqual(Array.from({ length: 10 }, (_, i) => `m${5 + i}`));
    expect(between.body.end).toBeUndefined();
  });

  it('applies a filter, and refuses non-members', async () => {
    const roomId = await createRoom(alice);
    await sendText(alice, roomId, 'one');
    await alice.call('PUT', path(roomId, '/send/org.example.other/x1'), { n: 1 });
    const filter = enc(JSON.stringify({ types: ['m.room.message'] }));
    const r = await alice.call('GET', path(roomId, `/messages?dir=b&filter=${filter}`));
    expect(r.body.chunk.map((e: { type: string }) => e.type)).toEqual(['m.room.message']);
    const outsider = await bob.call('GET', path(roomId, '/messages?dir=b'));
    expect(outsider.status).toBe(403);
    expect(outsider.body.errcode).toBe('M_FORBIDDEN');
  });

  it('shows a former member nothing after their leaving, and history by visibility to a new member', async () => {
    const roomId = await createRoom(alice, { preset: 'public_chat', initial_state: [{ type: 'm.room.history_visibility', content: { history_visibility: 'joined' } }] });
    await sendText(alice, roomId, 'before bob');
    expect((await bob.call('POST', path(roomId, '/join'), {})).status).toBe(200);
    await sendText(alice, roomId, 'with bob');
    expect((await bob.call('POST', path(roomId, '/leave'), {})).status).toBe(200);
    await sendText(alice, roomId, 'after bob');
    const r = await bob.call('GET', path(roomId, '/messages?dir=b&limit=100'));
    expect(r.status).toBe(200);
    const bodies = r.body.chunk.filter((e: { type: string }) => e.type === 'm.room.message').map((e: { content: { body: string } }) => e.content.body);
    expect(bodies).toEqual(['with bob']);
    const state = await bob.call('GET', path(roomId, '/state'));
    expect(state.status).toBe(200);
    expect(state.body.find((e: { type: string; state_key: string }) => e.type === 'm.room.member' && e.state_key === bob.userId).content.membership).toBe('leave');
  });
});

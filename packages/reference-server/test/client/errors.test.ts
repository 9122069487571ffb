/**
 * Bad input over real HTTP: malformed JSON, wrong types, unknown rooms, oversize
 * events, malformed identifiers and tokens each get the spec's errcode and status,
 * and write nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, enc, register, request, startServer, type TestServer, type TestUser } from './support.js';

let server: TestServer;
let alice: TestUser;
let roomId: string;
beforeAll(async () => {
  server = await startServer();
  alice = await register(server, 'alice');
  roomId = await createRoom(alice, { room_version: '11' });
});
afterAll(async () => {
  await server?.stop();
});

const send = (txn: string) => `/_matrix/client/v3/rooms/${enc(roomId)}/send/m.room.message/${txn}`;

describe('malformed bodies', () => {
  it('malformed JSON is 400 M_NOT_JSON', async () => {
    for (const [method, path] of [
      ['POST', '/_matrix/client/v3/createRoom'],
      ['POST', '/_matrix/client/v3/register'],
      ['PUT', send('nj1')],
    ] as const) {
      const r = await alice.call(method, path, undefined, { raw: '{"name": ' });
      expect(r.status, path).toBe(400);
      expect(r.body.errcode, path).toBe('M_NOT_JSON');
    }
    // Duplicate keys are not valid strict JSON either.
    const dup = await alice.call('PUT', send('nj2'), undefined, { raw: '{"body":"a","body":"b"}' });
    expect(dup.status).toBe(400);
    expect(dup.body.errcode).toBe('M_NOT_JSON');
  });

  it('wrong types are 400 M_BAD_JSON naming the field', async () => {
    const name = await alice.call('POST', '/_matrix/client/v3/createRoom', { name: 5 });
    expect(name.status).toBe(400);
    expect(name.body.errcode).toBe('M_BAD_JSON');
    expect(name.body.error).toContain('name');
    const invite = await alice.call('POST', '/_matrix/client/v3/createRoom', { invite: ['not-a-user'] });
    expect(invite.body.errcode).toBe('M_BAD_JSON');
    expect(invite.body.error).toContain('invite.0');
    const username = await request(server, 'POST', '/_matrix/client/v3/register', { username: 5 });
    expect(username.status).toBe(400);
    expect(username.body.errcode).toBe('M_BAD_JSON');
    const array = await alice.call('PUT', send('bj1'), [1, 2]);
    expect(array.status).toBe(400);
    expect(array.body.errcode).toBe('M_BAD_JSON');
    const kick = await alice.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/kick`, { user_id: 42 });
    expect(kick.body.errcode).toBe('M_BAD_JSON');
    // A float (canonical JSON, and so events, hold integers only).
    const float = await alice.call('PUT', send('bj2'), undefined, { raw: '{"body":"x","n":1.5}' });
    expect(float.status).toBe(400);
    expect(float.body.errcode).toBe('M_BAD_JSON');
  });

  it('oversize events are 413 M_TOO_LARGE and nothing is written', async () => {
    const before = await server.hs.services.store.currentStreamPosition();
    const huge = await alice.call('PUT', send('big1'), { msgtype: 'm.text', body: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.errcode).toBe('M_TOO_LARGE');
    // Content that fits alone but not with the event around it.
    const edge = await alice.call('PUT', send('big2'), { msgtype: 'm.text', body: 'x'.repeat(65_400) });
    expect(edge.status).toBe(413);
    expect(edge.body.errcode).toBe('M_TOO_LARGE');
    const state = await alice.call('PUT', `/_matrix/client/v3/rooms/${enc(roomId)}/state/org.example.big`, { v: 'y'.repeat(66_000) });
    expect(state.status).toBe(413);
    expect(await server.hs.services.store.currentStreamPosition()).toBe(before);
    // A body over the server's request limit.
    const body = await alice.call('PUT', send('big3'), { body: 'z'.repeat(3 * 1024 * 1024) });
    expect(body.status).toBe(413);
    expect(body.body.errcode).toBe('M_TOO_LARGE');
  });
});

describe('bad parameters', () => {
  it('malformed identifiers in the path are 400 M_INVALID_PARAM', async () => {
    const room = await alice.call('PUT', `/_matrix/client/v3/rooms/not-a-room/send/m.room.message/x`, { body: 'x' });
    expect(room.status).toBe(400);
    expect(room.body.errcode).toBe('M_INVALID_PARAM');
    const type = await alice.call('PUT', `/_matrix/client/v3/rooms/${enc(roomId)}/send/${'t'.repeat(256)}/x`, { body: 'x' });
    expect(type.status).toBe(400);
    const event = await alice.call('GET', `/_matrix/client/v3/rooms/${enc(roomId)}/event/nope`);
    expect(event.status).toBe(400);
    const escape = await alice.call('GET', `/_matrix/client/v3/rooms/%E0%A4%A/state`);
    expect(escape.status).toBe(400);
  });

  it('messages needs a valid dir and tokens', async () => {
    const noDir = await alice.call('GET', `/_matrix/client/v3/rooms/${enc(roomId)}/messages`);
    expect(noDir.status).toBe(400);
    expect(noDir.body.errcode).toBe('M_INVALID_PARAM');
    const badFrom = await alice.call('GET', `/_matrix/client/v3/rooms/${enc(roomId)}/messages?dir=b&from=zzz`);
    expect(badFrom.status).toBe(400);
    expect(badFrom.body.errcode).toBe('M_INVALID_PARAM');
    const badLimit = await alice.call('GET', `/_matrix/client/v3/rooms/${enc(roomId)}/messages?dir=b&limit=-3`);
    expect(badLimit.status).toBe(400);
  });

  it('unknown rooms and events: M_NOT_FOUND for writes and events, M_FORBIDDEN for reads', async () => {
    const unknown = '!unknown:hs.test';
    const write = await alice.call('PUT', `/_matrix/client/v3/rooms/${enc(unknown)}/state/m.room.topic`, { topic: 'x' });
    expect(write.status).toBe(404);
    expect(write.body.errcode).toBe('M_NOT_FOUND');
    const read = await alice.call('GET', `/_matrix/client/v3/rooms/${enc(unknown)}/state/m.room.topic`);
    expect(read.status).toBe(403);
    expect(read.body.errcode).toBe('M_FORBIDDEN');
    const event = await alice.call('GET', `/_matrix/client/v3/rooms/${enc(roomId)}/event/${enc(`$${'A'.repeat(43)}`)}`);
    expect(event.status).toBe(404);
    expect(event.body.errcode).toBe('M_NOT_FOUND');
  });

  it('unknown endpoints are 404 M_UNRECOGNIZED, wrong methods 405', async () => {
    const r = await alice.call('GET', '/_matrix/client/v3/no/such/endpoint');
    expect(r.status).toBe(404);
    expect(r.body.errcode).toBe('M_UNRECOGNIZED');
    const m = await alice.call('DELETE', '/_matrix/client/v3/createRoom');
    expect(m.status).toBe(405);
    expect(m.body.errcode).toBe('M_UNRECOGNIZED');
  });

  it('the canonical alias must point to the room: M_BAD_ALIAS', async () => {
    const r = await alice.call('PUT', `/_matrix/client/v3/rooms/${enc(roomId)}/state/m.room.canonical_alias`, { alias: '#nowhere:hs.test' });
    expect(r.status).toBe(400);
    expect(r.body.errcode).toBe('M_BAD_ALIAS');
  });
});

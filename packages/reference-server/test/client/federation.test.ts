/**
 * The client API across two real servers federating over HTTP on loopback: a remote
 * profile and alias, joining a room of the other server by alias, messages reaching the
 * other server's sync, and a remote invite accepted with a local join.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, register, roomState, sendText, startFederatingServer, type TestServer, type TestUser } from './support.js';

let a: TestServer & { name: string };
let b: TestServer & { name: string };
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
beforeAll(async () => {
  a = await startFederatingServer();
  b = await startFederatingServer();
  alice = await register(a, 'alice');
  bob = await register(b, 'bob');
  carol = await register(b, 'carol');
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
});

type Ev = { type: string; state_key?: string; content: Record<string, unknown> };

/** Syncs as `user` until `found` holds for a response (bounded: at most 20 long-polls of 2 s). */
async function syncUntil(user: TestUser, found: (body: { rooms: Record<string, Record<string, unknown>> }) => boolean): Promise<void> {
  let since: string | undefined;
  for (let i = 0; i < 20; i++) {
    const r = await user.call('GET', `/_matrix/client/v3/sync?timeout=2000${since ? `&since=${enc(since)}` : ''}`);
    expect(r.status).toBe(200);
    if (found(r.body)) return;
    since = r.body.next_batch;
  }
  throw new Error('not seen in sync');
}

describe('two servers', () => {
  it('reads a remote profile and alias, joins by alias, and exchanges messages', async () => {
    expect((await alice.call('PUT', `/_matrix/client/v3/profile/${enc(alice.userId)}/displayname`, { displayname: 'Alice of A' })).status).toBe(200);
    const created = await alice.call('POST', '/_matrix/client/v3/createRoom', { preset: 'public_chat', room_alias_name: 'fed' });
    expect(created.status).toBe(200);
    const roomId: string = created.body.room_id;
    const alias = `#fed:${a.name}`;

    const profile = await bob.call('GET', `/_matrix/client/v3/profile/${enc(alice.userId)}`);
    expect(profile).toEqual({ status: 200, body: { displayname: 'Alice of A' } });
    const resolved = await bob.call('GET', `/_matrix/client/v3/directory/room/${enc(alias)}`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.room_id).toBe(roomId);
    expect(resolved.body.servers).toContain(a.name);
    const missing = await bob.call('GET', `/_matrix/client/v3/directory/room/${enc(`#nope:${a.name}`)}`);
    expect(missing.status).toBe(404);
    expect(missing.body.errcode).toBe('M_NOT_FOUND');

    const joined = await bob.call('POST', `/_matrix/client/v3/join/${enc(alias)}`, {});
    expect(joined).toEqual({ status: 200, body: { room_id: roomId } });
    expect((await roomState(alice, roomId)).get(`m.room.member|${bob.userId}`)?.content.membership).toBe('join');

    await sendText(alice, roomId, 'hello from A');
    await syncUntil(bob, (body) => {
      const timeline = (body.rooms.join?.[roomId] as { timeline?: { events: Ev[] } } | undefined)?.timeline?.events ?? [];
      return timeline.some((e) => e.type === 'm.room.message' && e.content.body === 'hello from A');
    });

    // A remote invite, accepted with a join that is local to B (B is in the room now).
    expect((await alice.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/invite`, { user_id: carol.userId })).status).toBe(200);
    await syncUntil(carol, (body) => body.rooms.invite?.[roomId] !== undefined);
    expect((await carol.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/join`, {})).status).toBe(200);
    await syncUntil(alice, (body) => {
      const timeline = (body.rooms.join?.[roomId] as { timeline?: { events: Ev[] } } | undefined)?.timeline?.events ?? [];
      return timeline.some((e) => e.type === 'm.room.member' && e.state_key === carol.userId && e.content.membership === 'join');
    });
  }, 60_000);
});

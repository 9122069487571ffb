/**
 * Membership between local users over real HTTP: invite, join, leave, kick, ban,
 * unban, knock, with the spec's errors when not permitted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, enc, register, roomState, sendText, startServer, type TestServer, type TestUser } from './support.js';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
beforeAll(async () => {
  server = await startServer();
  alice = await register(server, 'alice');
  bob = await register(server, 'bob');
  carol = await register(server, 'carol');
});
afterAll(async () => {
  await server?.stop();
});

const room = (roomId: string, rest: string) => `/_matrix/client/v3/rooms/${enc(roomId)}${rest}`;
const membershipOf = async (roomId: string, userId: string) => (await roomState(alice, roomId)).get(`m.room.member|${userId}`)?.content.membership;

describe.each(['1', '10', '12'])('membership in room version %s', (version) => {
  it('invite, join, kick, ban, unban with permission errors', async () => {
    const roomId = await createRoom(alice, { room_version: version, preset: 'private_chat' });

    // An invite-only room: no join without an invite.
    const uninvited = await bob.call('POST', room(roomId, '/join'), {});
    expect(uninvited.status).toBe(403);
    expect(uninvited.body.errcode).toBe('M_FORBIDDEN');

    // Only members may invite.
    const outsider = await carol.call('POST', room(roomId, '/invite'), { user_id: bob.userId });
    expect(outsider.status).toBe(403);
    expect(outsider.body.errcode).toBe('M_FORBIDDEN');

    const ghost = await alice.call('POST', room(roomId, '/invite'), { user_id: '@ghost:hs.test' });
    expect(ghost.status).toBe(400);
    expect(ghost.body.errcode).toBe('M_INVALID_PARAM');
    expect((await alice.call('POST', room(roomId, '/invite'), { user_id: bob.userId })).status).toBe(200);
    expect(await membershipOf(roomId, bob.userId)).toBe('invite');
    const joined = await bob.call('POST', `/_matrix/client/v3/join/${enc(roomId)}`, {});
    expect(joined).toEqual({ status: 200, body: { room_id: roomId } });
    expect(await membershipOf(roomId, bob.userId)).toBe('join');
    // A joined user cannot be invited.
    const reinvite = await alice.call('POST', room(roomId, '/invite'), { user_id: bob.userId });
    expect(reinvite.status).toBe(403);
    expect(reinvite.body.errcode).toBe('M_FORBIDDEN');

    // Bob (level 0) may not kick or ban.
    expect((await alice.call('POST', room(roomId, '/invite'), { user_id: carol.userId })).status).toBe(200);
    expect((await carol.call('POST', room(roomId, '/join'), {})).status).toBe(200);
    const bobKicks = await bob.call('POST', room(roomId, '/kick'), { user_id: carol.userId });
    expect(bobKicks.status).toBe(403);
    expect(bobKicks.body.errcode).toBe('M_FORBIDDEN');
    const bobBans = await bob.call('POST', room(roomId, '/ban'), { user_id: carol.userId, reason: 'no' });
    expect(bobBans.status).toBe(403);
    // Nobody can kick the creator in v12 (infinite power); in older versions level 100 > 0.
    const bobKicksAlice = await bob.call('POST', room(roomId, '/kick'), { user_id: alice.userId });
    expect(bobKicksAlice.status).toBe(403);

    // Alice kicks carol: carol's membership is leave, with the reason.
    expect((await alice.call('POST', room(roomId, '/kick'), { user_id: carol.userId, reason: 'bye' })).status).toBe(200);
    const kicked = (await roomState(alice, roomId)).get(`m.room.member|${carol.userId}`)!;
    expect(kicked.content).toMatchObject({ membership: 'leave', reason: 'bye' });
    expect(kicked.sender).toBe(alice.userId);
    // Kicking someone not in the room.
    const notThere = await alice.call('POST', room(roomId, '/kick'), { user_id: carol.userId });
    expect(notThere.status).toBe(403);
    // A kicked user cannot send.
    const send = await carol.call('PUT', room(roomId, '/send/m.room.message/k1'), { msgtype: 'm.text', body: 'hi' });
    expect(send.status).toBe(403);
    expect(send.body.errcode).toBe('M_FORBIDDEN');

    // Ban and unban.
    expect((await alice.call('POST', room(roomId, '/ban'), { user_id: bob.userId, reason: 'spam' })).status).toBe(200);
    expect(await membershipOf(roomId, bob.userId)).toBe('ban');
    const bannedJoin = await bob.call('POST', room(roomId, '/join'), {});
    expect(bannedJoin.status).toBe(403);
    expect(bannedJoin.body.errcode).toBe('M_FORBIDDEN');
    const bannedInvite = await alice.call('POST', room(roomId, '/invite'), { user_id: bob.userId });
    expect(bannedInvite.status).toBe(403);
    const unbanNotBanned = await alice.call('POST', room(roomId, '/unban'), { user_id: carol.userId });
    expect(unbanNotBanned.status).toBe(403);
    expect((await alice.call('POST', room(roomId, '/unban'), { user_id: bob.userId })).status).toBe(200);
    expect(await membershipOf(roomId, bob.userId)).toBe('leave');
  });
});

describe('joining, leaving and knocking', () => {
  it('joins a public room by ID or alias, leaves it, and forgets it', async () => {
    const roomId = await createRoom(alice, { preset: 'public_chat', room_alias_name: 'square' });
    const byAlias = await bob.call('POST', `/_matrix/client/v3/join/${enc('#square:hs.test')}`, {});
    expect(byAlias).toEqual({ status: 200, body: { room_id: roomId } });
    expect((await bob.call('GET', '/_matrix/client/v3/joined_rooms')).body.joined_rooms).toContain(roomId);
    const members = await bob.call('GET', room(roomId, '/joined_members'));
    expect(Object.keys(members.body.joined).sort()).toEqual([alice.userId, bob.userId].sort());
    const forgetWhileIn = await bob.call('POST', room(roomId, '/forget'), {});
    expect(forgetWhileIn.status).toBe(400);
    expect((await bob.call('POST', room(roomId, '/leave'), { reason: 'done' })).status).toBe(200);
    expect((await bob.call('GET', '/_matrix/client/v3/joined_rooms')).body.joined_rooms).not.toContain(roomId);
    expect((await bob.call('POST', room(roomId, '/forget'), {})).status).toBe(200);
    const notJoined = await bob.call('GET', room(roomId, '/joined_members'));
    expect(notJoined.status).toBe(403);
    // The members list for a former member: the state when they left.
    const list = await bob.call('GET', room(roomId, '/members?membership=join'));
    expect(list.status).toBe(200);
    expect(list.body.chunk.map((e: { state_key: string }) => e.state_key)).toEqual([alice.userId]);
  });

  it('rejects an invite by leaving; leaving a room one is not in is refused', async () => {
    const roomId = await createRoom(alice, { invite: [carol.userId] });
    expect((await carol.call('POST', room(roomId, '/leave'), {})).status).toBe(200);
    expect(await membershipOf(roomId, carol.userId)).toBe('leave');
    const again = await carol.call('POST', room(roomId, '/leave'), {});
    expect(again.status).toBe(403);
    expect(again.body.errcode).toBe('M_FORBIDDEN');
  });

  it('knocks on a knockable room, then is invited', async () => {
    const roomId = await createRoom(alice, { room_version: '10', initial_state: [{ type: 'm.room.join_rules', content: { join_rule: 'knock' } }] });
    const knock = await bob.call('POST', `/_matrix/client/v3/knock/${enc(roomId)}`, { reason: 'let me in' });
    expect(knock).toEqual({ status: 200, body: { room_id: roomId } });
    expect(await membershipOf(roomId, bob.userId)).toBe('knock');
    // Knocking is not possible before v7, nor on a room that is not knockable.
    const invOnly = await createRoom(alice, { room_version: '10' });
    const refused = await bob.call('POST', `/_matrix/client/v3/knock/${enc(invOnly)}`, {});
    expect(refused.status).toBe(403);
    expect((await alice.call('POST', room(roomId, '/invite'), { user_id: bob.userId })).status).toBe(200);
    expect((await bob.call('POST', room(roomId, '/join'), {})).status).toBe(200);
  });

  it('answers M_NOT_FOUND for rooms the server does not know', async () => {
    const unknown = '!nowhere:hs.test';
    for (const [method, p, body] of [
      ['POST', room(unknown, '/invite'), { user_id: bob.userId }],
      ['POST', room(unknown, '/kick'), { user_id: bob.userId }],
      ['POST', room(unknown, '/leave'), {}],
      ['PUT', room(unknown, '/send/m.room.message/x'), { body: 'x' }],
    ] as const) {
      const r = await alice.call(method, p, body);
      expect(r.status, p).toBe(404);
      expect(r.body.errcode, p).toBe('M_NOT_FOUND');
    }
    const join = await alice.call('POST', room(unknown, '/join'), {});
    expect(join.status).toBe(404);
    const state = await alice.call('GET', room(unknown, '/state'));
    expect(state.status).toBe(403);
    expect(state.body.errcode).toBe('M_FORBIDDEN');
  });

  it('joining a room one is joined to again succeeds', async () => {
    const roomId = await createRoom(alice, { preset: 'public_chat' });
    await sendText(alice, roomId, 'x');
    expect((await alice.call('POST', room(roomId, '/join'), {})).status).toBe(200);
    expect(await membershipOf(roomId, alice.userId)).toBe('join');
  });
});

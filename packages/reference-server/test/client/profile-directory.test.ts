/**
 * Profiles, room aliases, capabilities, push rules, account data, receipts and devices
 * over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, enc, register, request, roomState, startServer, type TestServer, type TestUser } from './support.js';

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

describe('profiles', () => {
  it('sets the display name and avatar, copying them into the member events of joined rooms', async () => {
    const roomId = await createRoom(alice);
    const put = await alice.call('PUT', `/_matrix/client/v3/profile/${enc(alice.userId)}/displayname`, { displayname: 'Alice A.' });
    expect(put).toEqual({ status: 200, body: {} });
    const avatar = await alice.call('PUT', `/_matrix/client/v3/profile/${enc(alice.userId)}/avatar_url`, { avatar_url: 'mxc://hs.test/abc' });
    expect(avatar.status).toBe(200);
    expect((await bob.call('GET', `/_matrix/client/v3/profile/${enc(alice.userId)}`)).body).toEqual({ displayname: 'Alice A.', avatar_url: 'mxc://hs.test/abc' });
    expect((await bob.call('GET', `/_matrix/client/v3/profile/${enc(alice.userId)}/displayname`)).body).toEqual({ displayname: 'Alice A.' });
    const member = (await roomState(alice, roomId)).get(`m.room.member|${alice.userId}`)!;
    expect(member.content).toEqual({ membership: 'join', displayname: 'Alice A.', avatar_url: 'mxc://hs.test/abc' });
    // New rooms carry the profile in the creator's join.
    const later = await createRoom(alice);
    expect((await roomState(alice, later)).get(`m.room.member|${alice.userId}`)!.content.displayname).toBe('Alice A.');
    // Kept in the user record, so it survives a restart of the store.
    expect((await server.hs.services.store.getUser(alice.userId))?.displayName).toBe('Alice A.');

    const del = await alice.call('DELETE', `/_matrix/client/v3/profile/${enc(alice.userId)}/avatar_url`);
    expect(del.status).toBe(200);
    expect((await bob.call('GET', `/_matrix/client/v3/profile/${enc(alice.userId)}/avatar_url`)).status).toBe(404);
  });

  it('refuses changing another user’s profile, bad values, and unknown users', async () => {
    const other = await bob.call('PUT', `/_matrix/client/v3/profile/${enc(alice.userId)}/displayname`, { displayname: 'Hacked' });
    expect(other.status).toBe(403);
    expect(other.body.errcode).toBe('M_FORBIDDEN');
    const notMxc = await bob.call('PUT', `/_matrix/client/v3/profile/${enc(bob.userId)}/avatar_url`, { avatar_url: 'https://example.org/a.png' });
    expect(notMxc.status).toBe(400);
    expect(notMxc.body.errcode).toBe('M_BAD_JSON');
    const wrongKey = await bob.call('PUT', `/_matrix/client/v3/profile/${enc(bob.userId)}/displayname`, { avatar_url: 'mxc://a/b' });
    expect(wrongKey.status).toBe(400);
    const unknown = await bob.call('GET', `/_matrix/client/v3/profile/${enc('@ghost:hs.test')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errcode).toBe('M_NOT_FOUND');
  });
});

describe('room aliases', () => {
  it('creates, resolves, lists and deletes an alias with the spec’s errors', async () => {
    const roomId = await createRoom(alice, { preset: 'public_chat' });
    const alias = '#hangout:hs.test';
    const put = await alice.call('PUT', `/_matrix/client/v3/directory/room/${enc(alias)}`, { room_id: roomId });
    expect(put).toEqual({ status: 200, body: {} });
    const resolved = await request(server, 'GET', `/_matrix/client/v3/directory/room/${enc(alias)}`);
    expect(resolved.body).toEqual({ room_id: roomId, servers: ['hs.test'] });
    const taken = await bob.call('PUT', `/_matrix/client/v3/directory/room/${enc(alias)}`, { room_id: roomId });
    expect(taken.status).toBe(409);
    expect(taken.body.errcode).toBe('M_UNKNOWN');
    const foreign = await alice.call('PUT', `/_matrix/client/v3/directory/room/${enc('#x:elsewhere.test')}`, { room_id: roomId });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errcode).toBe('M_INVALID_PARAM');
    expect((await alice.call('GET', `/_matrix/client/v3/rooms/${enc(roomId)}/aliases`)).body).toEqual({ aliases: [alias] });
    const notMember = await bob.call('GET', `/_matrix/client/v3/rooms/${enc(roomId)}/aliases`);
    expect(notMember.status).toBe(403);

    // Bob joins but has no power to change the canonical alias: he may not delete alice's alias.
    expect((await bob.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/join`, {})).status).toBe(200);
    const denied = await bob.call('DELETE', `/_matrix/client/v3/directory/room/${enc(alias)}`);
    expect(denied.status).toBe(403);
    expect(denied.body.errcode).toBe('M_FORBIDDEN');
    expect((await alice.call('DELETE', `/_matrix/client/v3/directory/room/${enc(alias)}`)).status).toBe(200);
    const gone = await request(server, 'GET', `/_matrix/client/v3/directory/room/${enc(alias)}`);
    expect(gone.status).toBe(404);
    expect(gone.body.errcode).toBe('M_NOT_FOUND');
  });
});

describe('what clients need at start', () => {
  it('capabilities list room versions 1 to 12 and the default', async () => {
    const r = await alice.call('GET', '/_matrix/client/v3/capabilities');
    expect(r.status).toBe(200);
    const versions = r.body.capabilities['m.room_versions'];
    expect(Object.keys(versions.available).sort((a, b) => Number(a) - Number(b))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    expect(versions.available['12']).toBe('stable');
    expect(versions.available[versions.default]).toBeDefined();
  });

  it('push rules are the server defaults', async () => {
    const r = await alice.call('GET', '/_matrix/client/v3/pushrules/');
    expect(r.status).toBe(200);
    expect(r.body.global.override[0]).toMatchObject({ rule_id: '.m.rule.master', default: true, enabled: false });
    expect(r.body.global.override.find((x: { rule_id: string }) => x.rule_id === '.m.rule.invite_for_me').conditions).toContainEqual({
      kind: 'event_match',
      key: 'state_key',
      pattern: alice.userId,
    });
    expect(r.body.global.underride.map((x: { rule_id: string }) => x.rule_id)).toContain('.m.rule.message');
  });

  it('account data: set and get, globally and per room; server-managed types are 405', async () => {
    const roomId = await createRoom(alice);
    const path = `/_matrix/client/v3/user/${enc(alice.userId)}/account_data/m.direct`;
    expect((await alice.call('PUT', path, { [bob.userId]: [roomId] })).status).toBe(200);
    expect((await alice.call('GET', path)).body).toEqual({ [bob.userId]: [roomId] });
    const roomPath = `/_matrix/client/v3/user/${enc(alice.userId)}/rooms/${enc(roomId)}/account_data/m.tag`;
    expect((await alice.call('PUT', roomPath, { tags: {} })).status).toBe(200);
    expect((await alice.call('GET', roomPath)).body).toEqual({ tags: {} });
    expect((await alice.call('GET', `/_matrix/client/v3/user/${enc(alice.userId)}/account_data/nothing`)).status).toBe(404);
    const managed = await alice.call('PUT', `/_matrix/client/v3/user/${enc(alice.userId)}/account_data/m.fully_read`, {});
    expect(managed.status).toBe(405);
    expect(managed.body.errcode).toBe('M_BAD_JSON');
    const other = await bob.call('GET', path);
    expect(other.status).toBe(403);
  });

  it('receipts: m.fully_read becomes room account data; bad thread_id is M_INVALID_PARAM', async () => {
    const roomId = await createRoom(alice);
    const eventId = (await alice.call('PUT', `/_matrix/client/v3/rooms/${enc(roomId)}/send/m.room.message/r1`, { body: 'x', msgtype: 'm.text' })).body.event_id;
    expect((await alice.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/receipt/m.fully_read/${enc(eventId)}`, {})).status).toBe(200);
    const marker = await alice.call('GET', `/_matrix/client/v3/user/${enc(alice.userId)}/rooms/${enc(roomId)}/account_data/m.fully_read`);
    expect(marker.body).toEqual({ event_id: eventId });
    const bad = await alice.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/receipt/m.read/${enc(eventId)}`, { thread_id: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errcode).toBe('M_INVALID_PARAM');
    const unknownType = await alice.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/receipt/m.weird/${enc(eventId)}`, {});
    expect(unknownType.status).toBe(400);
    const outsider = await bob.call('POST', `/_matrix/client/v3/rooms/${enc(roomId)}/receipt/m.read/${enc(eventId)}`, {});
    expect(outsider.status).toBe(403);
  });

  it('lists and renames devices', async () => {
    const list = await alice.call('GET', '/_matrix/client/v3/devices');
    expect(list.body.devices.map((d: { device_id: string }) => d.device_id)).toContain(alice.deviceId);
    expect((await alice.call('PUT', `/_matrix/client/v3/devices/${enc(alice.deviceId)}`, { display_name: 'desk' })).status).toBe(200);
    expect((await alice.call('GET', `/_matrix/client/v3/devices/${enc(alice.deviceId)}`)).body.display_name).toBe('desk');
    expect((await alice.call('GET', '/_matrix/client/v3/devices/NOPE')).status).toBe(404);
  });
});

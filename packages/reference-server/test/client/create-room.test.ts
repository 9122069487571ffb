/**
 * createRoom over real HTTP, for room versions 1, 10, 11 and 12, checked through
 * `GET /rooms/{roomId}/state`.
 */
import { defaultRoomVersionId } from '@maxtryx/federation-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, enc, register, roomState, startServer, type TestServer, type TestUser } from './support.js';

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

describe.each(['1', '10', '11', '12'])('createRoom, room version %s', (version) => {
  it('creates the room with the spec’s events in force', async () => {
    const roomId = await createRoom(alice, { room_version: version, preset: 'public_chat', name: 'The Pub', topic: 'Happy hour' });
    const state = await roomState(alice, roomId);
    const create = state.get('m.room.create|')!;
    expect(create.content.room_version).toBe(version);
    expect(create.sender).toBe(alice.userId);
    const pl = state.get('m.room.power_levels|')!.content as { users: Record<string, number>; events: Record<string, number>; state_default: number };
    if (version === '12') {
      // v12: the room ID is the create event's reference hash; creators are not listed in users.
      expect(roomId).toBe(`!${(create.event_id as string).slice(1)}`);
      expect(roomId).not.toContain(':');
      expect(create.content).not.toHaveProperty('creator');
      expect(pl.users).toEqual({});
      expect(pl.events['m.room.tombstone']).toBeGreaterThan(pl.state_default);
    } else {
      expect(roomId).toMatch(/^!.+:hs\.test$/);
      expect(pl.users).toEqual({ [alice.userId]: 100 });
      if (version === '11') expect(create.content).not.toHaveProperty('creator');
      else expect(create.content.creator).toBe(alice.userId);
    }
    expect(state.get(`m.room.member|${alice.userId}`)!.content.membership).toBe('join');
    expect(state.get('m.room.join_rules|')!.content).toEqual({ join_rule: 'public' });
    expect(state.get('m.room.history_visibility|')!.content).toEqual({ history_visibility: 'shared' });
    expect(state.get('m.room.guest_access|')!.content).toEqual({ guest_access: 'forbidden' });
    expect(state.get('m.room.name|')!.content).toEqual({ name: 'The Pub' });
    expect(state.get('m.room.topic|')!.content.topic).toBe('Happy hour');
    const joined = await alice.call('GET', '/_matrix/client/v3/joined_rooms');
    expect(joined.body.joined_rooms).toContain(roomId);
  });
});

describe('createRoom options', () => {
  it('uses the server’s default room version', async () => {
    const roomId = await createRoom(alice);
    const state = await roomState(alice, roomId);
    expect(state.get('m.room.create|')!.content.room_version).toBe(defaultRoomVersionId);
    // private_chat is the preset of a private (default) room.
    expect(state.get('m.room.join_rules|')!.content).toEqual({ join_rule: 'invite' });
    expect(state.get('m.room.guest_access|')!.content).toEqual({ guest_access: 'can_join' });
  });

  it('refuses an unknown room version with M_UNSUPPORTED_ROOM_VERSION', async () => {
    const r = await alice.call('POST', '/_matrix/client/v3/createRoom', { room_version: '99' });
    expect(r.status).toBe(400);
    expect(r.body.errcode).toBe('M_UNSUPPORTED_ROOM_VERSION');
  });

  it('creates the alias and the canonical alias event; a taken alias is M_ROOM_IN_USE', async () => {
    const roomId = await createRoom(alice, { room_alias_name: 'lobby' });
    const state = await roomState(alice, roomId);
    expect(state.get('m.room.canonical_alias|')!.content).toEqual({ alias: '#lobby:hs.test' });
    const resolved = await alice.call('GET', `/_matrix/client/v3/directory/room/${enc('#lobby:hs.test')}`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.room_id).toBe(roomId);
    const before = (await alice.call('GET', '/_matrix/client/v3/joined_rooms')).body.joined_rooms.length;
    const again = await alice.call('POST', '/_matrix/client/v3/createRoom', { room_alias_name: 'lobby' });
    expect(again.status).toBe(400);
    expect(again.body.errcode).toBe('M_ROOM_IN_USE');
    expect((await alice.call('GET', '/_matrix/client/v3/joined_rooms')).body.joined_rooms.length).toBe(before);
  });

  it('merges power_level_content_override and applies initial_state over the preset', async () => {
    const roomId = await createRoom(alice, {
      room_version: '10',
      preset: 'public_chat',
      power_level_content_override: { events_default: 20, users: { [alice.userId]: 100, [bob.userId]: 50 } },
      initial_state: [
        { type: 'm.room.history_visibility', content: { history_visibility: 'joined' } },
        { type: 'org.example.custom', state_key: 'k', content: { a: 1 } },
      ],
    });
    const state = await roomState(alice, roomId);
    const pl = state.get('m.room.power_levels|')!.content;
    expect(pl.events_default).toBe(20);
    expect(pl.users).toEqual({ [alice.userId]: 100, [bob.userId]: 50 });
    expect(pl.ban).toBe(50);
    expect(state.get('m.room.history_visibility|')!.content).toEqual({ history_visibility: 'joined' });
    expect(state.get('org.example.custom|k')!.content).toEqual({ a: 1 });
  });

  it('invites local users, with is_direct', async () => {
    const roomId = await createRoom(alice, { invite: [bob.userId], is_direct: true });
    const state = await roomState(alice, roomId);
    expect(state.get(`m.room.member|${bob.userId}`)!.content).toMatchObject({ membership: 'invite', is_direct: true });
  });

  it('v12 trusted_private_chat: invitees become additional creators, not power-level users', async () => {
    const roomId = await createRoom(alice, { room_version: '12', preset: 'trusted_private_chat', invite: [bob.userId] });
    const state = await roomState(alice, roomId);
    expect(state.get('m.room.create|')!.content.additional_creators).toEqual([bob.userId]);
    expect(state.get('m.room.power_levels|')!.content.users).toEqual({});
    expect(state.get(`m.room.member|${bob.userId}`)!.content.membership).toBe('invite');
  });

  it('v1 trusted_private_chat: invitees get the creator’s power level', async () => {
    const roomId = await createRoom(alice, { room_version: '1', preset: 'trusted_private_chat', invite: [bob.userId] });
    const state = await roomState(alice, roomId);
    expect(state.get('m.room.power_levels|')!.content.users).toEqual({ [alice.userId]: 100, [bob.userId]: 100 });
  });

  it('refuses state that breaks the auth rules with M_INVALID_ROOM_STATE, creating nothing', async () => {
    const before = (await alice.call('GET', '/_matrix/client/v3/joined_rooms')).body.joined_rooms.length;
    // v12: a creator cannot be listed in the power levels' users.
    const v12 = await alice.call('POST', '/_matrix/client/v3/createRoom', {
      room_version: '12',
      room_alias_name: 'never',
      power_level_content_override: { users: { [alice.userId]: 100 } },
    });
    expect(v12.status).toBe(400);
    expect(v12.body.errcode).toBe('M_INVALID_ROOM_STATE');
    // The creator's level set below what naming the room needs.
    const low = await alice.call('POST', '/_matrix/client/v3/createRoom', {
      room_version: '10',
      name: 'x',
      power_level_content_override: { users: { [alice.userId]: 10 } },
    });
    expect(low.status).toBe(400);
    expect(low.body.errcode).toBe('M_INVALID_ROOM_STATE');
    expect((await alice.call('GET', '/_matrix/client/v3/joined_rooms')).body.joined_rooms.length).toBe(before);
    expect((await alice.call('GET', `/_matrix/client/v3/directory/room/${enc('#never:hs.test')}`)).status).toBe(404);
  });
});

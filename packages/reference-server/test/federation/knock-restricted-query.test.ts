/**
 * Knocking (make_knock / send_knock), restricted joins signed by the resident, the
 * directory and profile queries, and joins in rooms of several room versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyEventSignatures, type RoomEvent } from '@maxtryx/federation-core';
import { FederationRequestError } from '../../src/federation/client.js';
import { inviteRemoteUser } from '../../src/federation/remote-invite.js';
import { joinRemoteRoom, joinRoom } from '../../src/federation/remote-join.js';
import { knockRemoteRoom } from '../../src/federation/remote-knock.js';
import { createTestRoom, createUsers, eventOn, membershipOn, sendMessage, startTestServer, stopAll, waitFor, type TestServer } from './helpers.js';

describe('knocks, restricted joins, queries, room versions', () => {
  let a: TestServer;
  let b: TestServer;
  let alice: string;
  let bob: string;
  let carol: string;

  const fail = async (p: Promise<unknown>): Promise<FederationRequestError> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FederationRequestError);
    return err as FederationRequestError;
  };

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer();
    alice = a.user('alice');
    bob = b.user('bob');
    carol = b.user('carol');
    await createUsers(a, alice);
    await createUsers(b, bob, carol);
  });
  afterAll(() => stopAll([a, b]));

  it('knocks on a knock room; the knock is on both servers; an invite then lets the user in', async () => {
    const roomId = await createTestRoom(a, alice, { joinRule: 'knock' });
    const knock = await knockRemoteRoom(b.hs.services, roomId, carol, [a.name], { reason: 'let me in' });
    expect(knock.via).toBe(a.name);
    expect(await membershipOn(a, roomId, carol)).toBe('knock');
    expect(await membershipOn(b, roomId, carol)).toBe('knock');
    const stored = await eventOn(b, knock.eventId);
    const state = (stored?.pdu.unsigned as { knock_room_state?: Array<{ type: string }> }).knock_room_state ?? [];
    expect(state.map((e) => e.type)).toContain('m.room.create');
    expect(state.map((e) => e.type)).toContain('m.room.join_rules');
    expect((await eventOn(a, knock.eventId))?.pdu.content).toEqual({ membership: 'knock', reason: 'let me in' });

    await inviteRemoteUser(a.hs.services, roomId, alice, carol);
    await waitFor('carol invited on B', async () => (await membershipOn(b, roomId, carol)) === 'invite');
    await joinRoom(b.hs.services, roomId, carol);
    expect(await membershipOn(a, roomId, carol)).toBe('join');
  });

  it('refuses a knock on a public room (403) and make_knock without ver (400 M_MISSING_PARAM)', async () => {
    const roomId = await createTestRoom(a, alice, { joinRule: 'public' });
    const err = (await knockRemoteRoom(b.hs.services, roomId, carol, [a.name]).catch((e: unknown) => e)) as { errcode?: string };
    expect(err.errcode).toBe('M_FORBIDDEN');
    const noVer = await fail(
      b.hs.services.federation.request(a.name, 'GET', `/_matrix/federation/v1/make_knock/${encodeURIComponent(roomId)}/${encodeURIComponent(carol)}`),
    );
    expect(noVer.status).toBe(400);
    expect(noVer.errcode).toBe('M_MISSING_PARAM');
  });

  it('joins a restricted room through membership of an allowed room; the resident signs the join', async () => {
    const space = await createTestRoom(a, alice, { joinRule: 'public', roomVersion: '10' });
    const restricted = await createTestRoom(a, alice, {
      roomVersion: '10',
      joinRule: 'restricted',
      joinRulesContent: { allow: [{ type: 'm.room_membership', room_id: space }] },
    });
    // Not yet in the allowed room: 403.
    const denied = (await joinRemoteRoom(b.hs.services, restricted, bob, [a.name]).catch((e: unknown) => e)) as { errcode?: string };
    expect(denied.errcode).toBe('M_FORBIDDEN');
    await joinRemoteRoom(b.hs.services, space, bob, [a.name]);
    const result = await joinRemoteRoom(b.hs.services, restricted, bob, [a.name]);
    const join = (await eventOn(b, result.eventId))!.pdu as unknown as RoomEvent;
    expect(join.content.join_authorised_via_users_server).toBe(alice);
    // Both servers signed it, and B stored the resident's copy.
    expect(Object.keys(join.signatures).sort()).toEqual([a.name, b.name].sort());
    const sigs = await verifyEventSignatures({ ...join, event_id: result.eventId }, '10', b.hs.services.keyRing.lookup);
    expect(sigs.ok).toBe(true);
    expect(await membershipOn(a, restricted, bob)).toBe('join');
  });

  it('answers the directory query for a local alias, and 404 for an unknown one', async () => {
    const roomId = await createTestRoom(a, alice);
    const alias = `#lobby:${a.name}`;
    await a.hs.services.store.createAlias({ alias, roomId, creator: alice });
    await joinRemoteRoom(b.hs.services, alias, bob, []);
    const answer = (await b.hs.services.federation.request(
      a.name,
      'GET',
      `/_matrix/federation/v1/query/directory?room_alias=${encodeURIComponent(alias)}`,
    )) as { room_id: string; servers: string[] };
    expect(answer.room_id).toBe(roomId);
    expect(answer.servers[0]).toBe(a.name);
    expect(answer.servers).toContain(b.name);
    const err = await fail(
      b.hs.services.federation.request(a.name, 'GET', `/_matrix/federation/v1/query/directory?room_alias=${encodeURIComponent(`#nope:${a.name}`)}`),
    );
    expect(err.status).toBe(404);
    expect(err.errcode).toBe('M_NOT_FOUND');
  });

  it('answers the profile query: whole profile, one field, 404 for an unset field or unknown user, 400 for a remote user', async () => {
    await a.hs.services.store.updateUser(alice, { displayName: 'Alice A.' });
    const q = (query: string) => b.hs.services.federation.request(a.name, 'GET', `/_matrix/federation/v1/query/profile?${query}`);
    expect(await q(`user_id=${encodeURIComponent(alice)}`)).toEqual({ displayname: 'Alice A.' });
    expect(await q(`user_id=${encodeURIComponent(alice)}&field=displayname`)).toEqual({ displayname: 'Alice A.' });
    expect((await fail(q(`user_id=${encodeURIComponent(alice)}&field=avatar_url`))).status).toBe(404);
    expect((await fail(q(`user_id=${encodeURIComponent(a.user('nobody'))}`))).status).toBe(404);
    expect((await fail(q(`user_id=${encodeURIComponent(bob)}`))).status).toBe(400);
    expect((await fail(q(''))).errcode).toBe('M_MISSING_PARAM');
  });

  for (const version of ['1', '2', '3', '5', '7', '9', '12']) {
    it(`joins a room version ${version} room and exchanges messages`, async () => {
      const roomId = await createTestRoom(a, alice, { roomVersion: version });
      const result = await joinRemoteRoom(b.hs.services, roomId, bob, [a.name]);
      expect(await membershipOn(a, roomId, bob)).toBe('join');
      const fromA = await sendMessage(a, roomId, alice, `v${version} from A`);
      await waitFor('A\'s message on B', async () => (await eventOn(b, fromA.event_id))?.status === 'accepted');
      const fromB = await sendMessage(b, roomId, bob, `v${version} from B`);
      await waitFor('B\'s message on A', async () => (await eventOn(a, fromB.event_id))?.status === 'accepted');
      expect((await eventOn(b, result.eventId))?.roomVersion).toBe(version);
    });
  }
});

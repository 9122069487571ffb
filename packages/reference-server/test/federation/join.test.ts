/**
 * Two real homeservers on loopback, SQLite, real signatures: a user of B joins a room
 * of A (make_join / send_join), then messages flow both ways through /send.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stateKeyOf } from '@maxtryx/federation-core';
import { FederationRequestError } from '../../src/federation/client.js';
import { joinRemoteRoom, joinRoom } from '../../src/federation/remote-join.js';
import { createTestRoom, createUsers, eventOn, membershipOn, sendMessage, startTestServer, stopAll, waitFor, type TestServer } from './helpers.js';

describe('joining a room of another server', () => {
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
    roomId = await createTestRoom(a, alice, { joinRule: 'public' });
    await sendMessage(a, roomId, alice, 'before bob');
  });
  afterAll(() => stopAll([a, b]));

  it('joins through make_join and send_join, and both servers agree on the membership and state', async () => {
    const result = await joinRemoteRoom(b.hs.services, roomId, bob, [a.name]);
    expect(result.via).toBe(a.name);
    expect(await membershipOn(a, roomId, bob)).toBe('join');
    expect(await membershipOn(b, roomId, bob)).toBe('join');
    // B's join is an accepted event on both servers, with the state before it.
    expect((await eventOn(b, result.eventId))?.status).toBe('accepted');
    expect((await eventOn(a, result.eventId))?.status).toBe('accepted');
    const stateA = await a.hs.services.store.getCurrentState(roomId);
    const stateB = await b.hs.services.store.getCurrentState(roomId);
    expect(new Map(stateB)).toEqual(new Map(stateA));
    expect(stateB.get(stateKeyOf('m.room.member', bob))).toBe(result.eventId);
    // The state events B got are outliers; the creator's join among them.
    const aliceJoin = stateB.get(stateKeyOf('m.room.member', alice))!;
    expect((await eventOn(b, aliceJoin))?.status).toBe('outlier');
    expect(await b.hs.services.store.getForwardExtremities(roomId)).toEqual([result.eventId]);
  });

  it('delivers a message of A to B through /send', async () => {
    const msg = await sendMessage(a, roomId, alice, 'hello bob');
    const stored = await waitFor('the message on B', async () => {
      const e = await eventOn(b, msg.event_id);
      return e?.status === 'accepted' ? e : undefined;
    });
    expect(stored.pdu.content).toEqual({ msgtype: 'm.text', body: 'hello bob' });
  });

  it('delivers a message of B to A through /send', async () => {
    const msg = await sendMessage(b, roomId, bob, 'hello alice');
    const stored = await waitFor('the message on A', async () => {
      const e = await eventOn(a, msg.event_id);
      return e?.status === 'accepted' ? e : undefined;
    });
    expect(stored.sender).toBe(bob);
    // B's message followed A's: the DAG is a line again on both servers.
    await waitFor('one forward extremity on A', async () => {
      const ext = await a.hs.services.store.getForwardExtremities(roomId);
      return ext.length === 1 && ext[0] === msg.event_id;
    });
  });

  it('joins again without change (idempotent local join through joinRoom when resident)', async () => {
    const result = await joinRoom(b.hs.services, roomId, bob);
    // B is now resident: the join is a local event.
    expect(result.via).toBeUndefined();
    await waitFor('the rejoin on A', async () => (await eventOn(a, result.eventId))?.status === 'accepted');
  });

  it('refuses make_join for a user of another server than the requester (403)', async () => {
    const err = await b.hs.services.federation
      .request(a.name, 'GET', `/_matrix/federation/v1/make_join/${encodeURIComponent(roomId)}/${encodeURIComponent(alice)}?ver=11`)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FederationRequestError);
    expect((err as FederationRequestError).status).toBe(403);
    expect((err as FederationRequestError).errcode).toBe('M_FORBIDDEN');
  });

  it('answers M_INCOMPATIBLE_ROOM_VERSION with the room version when ver does not list it', async () => {
    const err = (await b.hs.services.federation
      .request(a.name, 'GET', `/_matrix/federation/v1/make_join/${encodeURIComponent(roomId)}/${encodeURIComponent(b.user('carol'))}?ver=1&ver=2`)
      .catch((e: unknown) => e)) as FederationRequestError;
    expect(err.status).toBe(400);
    expect(err.errcode).toBe('M_INCOMPATIBLE_ROOM_VERSION');
    expect((err.body as { room_version?: string }).room_version).toBe('11');
  });

  it('answers 404 M_NOT_FOUND for make_join to an unknown room', async () => {
    const err = (await b.hs.services.federation
      .request(a.name, 'GET', `/_matrix/federation/v1/make_join/${encodeURIComponent(`!nope:${a.name}`)}/${encodeURIComponent(b.user('carol'))}?ver=11`)
      .catch((e: unknown) => e)) as FederationRequestError;
    expect(err.status).toBe(404);
    expect(err.errcode).toBe('M_NOT_FOUND');
  });

  it('refuses a join to an invite-only room (403) and changes nothing', async () => {
    const privateRoom = await createTestRoom(a, alice, { joinRule: 'invite' });
    const before = await a.hs.services.store.getCurrentState(privateRoom);
    const carol = b.user('carol');
    await createUsers(b, carol);
    const err = (await joinRemoteRoom(b.hs.services, privateRoom, carol, [a.name]).catch((e: unknown) => e)) as { errcode?: string; httpStatus?: number };
    expect(err.errcode).toBe('M_FORBIDDEN');
    expect(err.httpStatus).toBe(403);
    expect(await a.hs.services.store.getCurrentState(privateRoom)).toEqual(before);
    expect(await membershipOn(b, privateRoom, carol)).toBeUndefined();
  });
});

/**
 * get_missing_events, backfill, /event, /state, /state_ids and /event_auth as another
 * real server asks them: limits, min_depth, other rooms never served, history
 * visibility, and M_FORBIDDEN for a server that is not in the room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeEventId, type RoomEvent } from '@maxtryx/federation-core';
import { FederationRequestError } from '../../src/federation/client.js';
import { joinRemoteRoom } from '../../src/federation/remote-join.js';
import { createTestRoom, createUsers, sendMessage, startTestServer, stopAll, type TestServer } from './helpers.js';

type Answer = Record<string, any>;

describe('history and state endpoints', () => {
  let a: TestServer;
  let b: TestServer;
  let c: TestServer;
  let alice: string;
  let bob: string;
  let roomId: string;
  let otherRoomId: string;
  let otherRoomEvent: RoomEvent;
  const msgs: RoomEvent[] = [];

  const ask = (from: TestServer, method: string, path: string, body?: unknown): Promise<Answer> =>
    from.hs.services.federation.request(a.name, method, path, body) as Promise<Answer>;
  const fail = async (p: Promise<unknown>): Promise<FederationRequestError> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FederationRequestError);
    return err as FederationRequestError;
  };
  const idsOf = (pdus: unknown[]) => pdus.map((p) => computeEventId(p as never, '11'));
  const gme = (roomId_: string) => `/_matrix/federation/v1/get_missing_events/${encodeURIComponent(roomId_)}`;
  const backfillPath = (roomId_: string, v: string[], limit: number | string) =>
    `/_matrix/federation/v1/backfill/${encodeURIComponent(roomId_)}?${v.map((id) => `v=${encodeURIComponent(id)}`).join('&')}&limit=${limit}`;

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer();
    c = await startTestServer();
    alice = a.user('alice');
    bob = b.user('bob');
    await createUsers(a, alice);
    await createUsers(b, bob);
    roomId = await createTestRoom(a, alice);
    await joinRemoteRoom(b.hs.services, roomId, bob, [a.name]);
    for (let i = 0; i < 12; i++) msgs.push(await sendMessage(a, roomId, alice, `message ${i}`));
    otherRoomId = await createTestRoom(a, alice);
    otherRoomEvent = await sendMessage(a, otherRoomId, alice, 'in another room');
  });
  afterAll(() => stopAll([a, b, c]));

  describe('get_missing_events', () => {
    it('walks prev_events breadth-first from latest_events, skipping earliest_events, up to limit', async () => {
      const answer = await ask(b, 'POST', gme(roomId), {
        latest_events: [msgs[11]!.event_id],
        earliest_events: [msgs[5]!.event_id],
        limit: 3,
        min_depth: 0,
      });
      expect(idsOf(answer.events)).toEqual([msgs[10]!.event_id, msgs[9]!.event_id, msgs[8]!.event_id]);
    });

    it('stops at earliest_events', async () => {
      const answer = await ask(b, 'POST', gme(roomId), { latest_events: [msgs[11]!.event_id], earliest_events: [msgs[8]!.event_id], limit: 10 });
      expect(idsOf(answer.events)).toEqual([msgs[10]!.event_id, msgs[9]!.event_id]);
    });

    it('does not go below min_depth', async () => {
      const answer = await ask(b, 'POST', gme(roomId), {
        latest_events: [msgs[11]!.event_id],
        earliest_events: [],
        limit: 10,
        min_depth: msgs[9]!.depth,
      });
      expect(idsOf(answer.events)).toEqual([msgs[10]!.event_id, msgs[9]!.event_id]);
    });

    it('caps limit at the server maximum (20)', async () => {
      const longRoom = await createTestRoom(a, alice);
      await joinRemoteRoom(b.hs.services, longRoom, bob, [a.name]);
      let last: RoomEvent | undefined;
      for (let i = 0; i < 25; i++) last = await sendMessage(a, longRoom, alice, `long ${i}`);
      const answer = await ask(b, 'POST', gme(longRoom), { latest_events: [last!.event_id], earliest_events: [], limit: 1000 });
      expect(answer.events).toHaveLength(20);
    });

    it('never serves events of another room', async () => {
      const answer = await ask(b, 'POST', gme(roomId), { latest_events: [otherRoomEvent.event_id], earliest_events: [], limit: 10 });
      expect(answer.events).toEqual([]);
    });

    it('refuses a server not in the room (403 M_FORBIDDEN)', async () => {
      const err = await fail(ask(c, 'POST', gme(roomId), { latest_events: [msgs[11]!.event_id], earliest_events: [], limit: 10 }));
      expect(err.status).toBe(403);
      expect(err.errcode).toBe('M_FORBIDDEN');
    });

    it('refuses malformed requests (400)', async () => {
      expect((await fail(ask(b, 'POST', gme(roomId), { earliest_events: [] }))).errcode).toBe('M_BAD_JSON');
      expect((await fail(ask(b, 'POST', gme(roomId), { latest_events: [msgs[1]!.event_id], earliest_events: [], limit: 0 }))).errcode).toBe(
        'M_INVALID_PARAM',
      );
      const many = Array.from({ length: 51 }, (_, i) => `$e${i}`);
      expect((await fail(ask(b, 'POST', gme(roomId), { latest_events: many, earliest_events: [] }))).errcode).toBe('M_INVALID_PARAM');
      expect((await fail(ask(b, 'POST', gme('not-a-room'), { latest_events: [msgs[1]!.event_id], earliest_events: [] }))).status).toBe(400);
    });
  });

  describe('backfill', () => {
    it('returns the given events and those before them, up to limit', async () => {
      const answer = await ask(b, 'GET', backfillPath(roomId, [msgs[11]!.event_id], 3));
      expect(answer.origin).toBe(a.name);
      expect(idsOf(answer.pdus)).toEqual([msgs[11]!.event_id, msgs[10]!.event_id, msgs[9]!.event_id]);
    });

    it('caps limit at the server maximum and walks to the room creation', async () => {
      const answer = await ask(b, 'GET', backfillPath(roomId, [msgs[11]!.event_id], 100000));
      const ids = idsOf(answer.pdus);
      expect(ids.length).toBeLessThanOrEqual(100);
      // Every message, the join of bob, and the room's creation are there, each once.
      for (const m of msgs) expect(ids).toContain(m.event_id);
      expect(new Set(ids).size).toBe(ids.length);
      expect((answer.pdus as Array<{ type: string }>).some((p) => p.type === 'm.room.create')).toBe(true);
    });

    it('never serves events of another room', async () => {
      const answer = await ask(b, 'GET', backfillPath(roomId, [otherRoomEvent.event_id], 10));
      expect(answer.pdus).toEqual([]);
    });

    it('refuses a server not in the room (403) and malformed requests (400)', async () => {
      expect((await fail(ask(c, 'GET', backfillPath(roomId, [msgs[11]!.event_id], 3)))).errcode).toBe('M_FORBIDDEN');
      expect((await fail(ask(b, 'GET', `/_matrix/federation/v1/backfill/${encodeURIComponent(roomId)}?limit=3`))).status).toBe(400);
      expect((await fail(ask(b, 'GET', backfillPath(roomId, [msgs[11]!.event_id], 'x')))).errcode).toBe('M_INVALID_PARAM');
    });

    it('redacts what the requesting server may not see (history_visibility joined)', async () => {
      const secretRoom = await createTestRoom(a, alice, { historyVisibility: 'joined' });
      const secret = await sendMessage(a, secretRoom, alice, 'before bob joined');
      const join = await joinRemoteRoom(b.hs.services, secretRoom, bob, [a.name]);
      const after = await sendMessage(a, secretRoom, alice, 'after bob joined');
      const answer = await ask(b, 'GET', backfillPath(secretRoom, [after.event_id], 20));
      const byId = new Map((answer.pdus as Answer[]).map((p) => [computeEventId(p as never, '11'), p]));
      expect(byId.get(after.event_id)?.content).toEqual({ msgtype: 'm.text', body: 'after bob joined' });
      expect(byId.get(join.eventId)?.content).toEqual({ membership: 'join' });
      // Redacted, but still the same event (same ID, signatures intact).
      expect(byId.get(secret.event_id)?.content).toEqual({});
    });
  });

  describe('event, state, state_ids, event_auth', () => {
    it('GET /event returns the PDU in a single-PDU transaction', async () => {
      const answer = await ask(b, 'GET', `/_matrix/federation/v1/event/${encodeURIComponent(msgs[3]!.event_id)}`);
      expect(answer.origin).toBe(a.name);
      expect(answer.pdus).toHaveLength(1);
      expect(idsOf(answer.pdus)).toEqual([msgs[3]!.event_id]);
      expect(answer.pdus[0].content.body).toBe('message 3');
    });

    it('GET /event: 404 for an unknown event, 403 for a server not in the room', async () => {
      expect((await fail(ask(b, 'GET', `/_matrix/federation/v1/event/${encodeURIComponent(`$${'A'.repeat(43)}`)}`))).status).toBe(404);
      expect((await fail(ask(c, 'GET', `/_matrix/federation/v1/event/${encodeURIComponent(msgs[3]!.event_id)}`))).errcode).toBe('M_FORBIDDEN');
    });

    it('GET /state_ids and /state give the state before the event and its auth chain', async () => {
      const target = msgs[4]!.event_id;
      const ids = await ask(b, 'GET', `/_matrix/federation/v1/state_ids/${encodeURIComponent(roomId)}?event_id=${encodeURIComponent(target)}`);
      const expected = [...(await a.hs.services.store.getStateBefore(roomId, target))!.values()];
      expect([...ids.pdu_ids].sort()).toEqual([...expected].sort());
      const authIds = (await a.hs.services.store.getAuthChain(roomId, expected)).map((e) => e.eventId);
      expect([...ids.auth_chain_ids].sort()).toEqual([...authIds].sort());
      expect(ids.pdu_ids).not.toContain(target);

      const full = await ask(b, 'GET', `/_matrix/federation/v1/state/${encodeURIComponent(roomId)}?event_id=${encodeURIComponent(target)}`);
      expect(idsOf(full.pdus).sort()).toEqual([...expected].sort());
      expect(idsOf(full.auth_chain).sort()).toEqual([...authIds].sort());
    });

    it('GET /state_ids: 404 for an event of another room, 400 without event_id, 403 for a server not in the room', async () => {
      const path = (room: string, ev?: string) =>
        `/_matrix/federation/v1/state_ids/${encodeURIComponent(room)}${ev ? `?event_id=${encodeURIComponent(ev)}` : ''}`;
      expect((await fail(ask(b, 'GET', path(roomId, otherRoomEvent.event_id)))).status).toBe(404);
      expect((await fail(ask(b, 'GET', path(roomId)))).errcode).toBe('M_MISSING_PARAM');
      expect((await fail(ask(c, 'GET', path(roomId, msgs[4]!.event_id)))).errcode).toBe('M_FORBIDDEN');
    });

    it('GET /event_auth gives the auth chain of the event', async () => {
      const target = msgs[2]!.event_id;
      const answer = await ask(b, 'GET', `/_matrix/federation/v1/event_auth/${encodeURIComponent(roomId)}/${encodeURIComponent(target)}`);
      const expected = (await a.hs.services.store.getAuthChain(roomId, [target])).map((e) => e.eventId);
      expect(idsOf(answer.auth_chain).sort()).toEqual([...expected].sort());
      expect(expected.length).toBeGreaterThanOrEqual(3);
      expect((await fail(ask(b, 'GET', `/_matrix/federation/v1/event_auth/${encodeURIComponent(roomId)}/${encodeURIComponent(otherRoomEvent.event_id)}`))).status).toBe(404);
    });
  });
});

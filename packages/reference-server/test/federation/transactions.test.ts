/**
 * PUT /send/{txnId} between two real servers: request authentication (401 for a missing,
 * forged or misdirected signature, and nothing changes), the transaction bounds (51 PDUs,
 * 101 EDUs), a PDU over 64 KiB, malformed JSON, replayed transaction IDs, server ACLs,
 * and the EDUs kept in the ephemeral state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildXMatrixAuthorization,
  generateSigningKey,
  type JsonObject,
  type RoomEvent,
  type SigningKey,
} from '@maxtryx/federation-core';
import { FederationRequestError } from '../../src/federation/client.js';
import { joinRemoteRoom } from '../../src/federation/remote-join.js';
import { toFederationPdu } from '../../src/rooms/build-event.js';
import { createTestRoom, createUsers, eventOn, rawRequest, sendMessage, startTestServer, stopAll, waitFor, type TestServer } from './helpers.js';

describe('inbound transactions', () => {
  let a: TestServer;
  let b: TestServer;
  let alice: string;
  let bob: string;
  let roomId: string;
  let txnCounter = 0;

  /** Builds (without persisting or sending) a message of bob on B. */
  const buildOnB = async (body: string | JsonObject, room = roomId): Promise<{ event: RoomEvent; pdu: JsonObject }> => {
    const rooms = b.hs.services.rooms;
    return rooms.mutex.run(room, async () => {
      const ctx = await rooms.requireContext(room);
      const content = typeof body === 'string' ? { msgtype: 'm.text', body } : body;
      const event = await rooms.buildLocked(ctx, { type: 'm.room.message', sender: bob, content });
      return { event, pdu: toFederationPdu(event, ctx.roomVersion) };
    });
  };
  const transaction = (pdus: unknown[], edus: unknown[] = []) => ({ origin: b.name, origin_server_ts: Date.now(), pdus, edus });
  const send = (body: unknown, txnId = `t${++txnCounter}`) =>
    b.hs.services.federation.request(a.name, 'PUT', `/_matrix/federation/v1/send/${txnId}`, body) as Promise<{ pdus: Record<string, { error?: string }> }>;
  const fail = async (p: Promise<unknown>): Promise<FederationRequestError> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FederationRequestError);
    return err as FederationRequestError;
  };
  /** A signed raw request as B (or as whoever holds `key`). */
  const signedRaw = (path: string, body: unknown, options: { key?: SigningKey; destination?: string; origin?: string; text?: string } = {}) =>
    rawRequest(a, 'PUT', path, {
      body: options.text ?? JSON.stringify(body),
      headers: {
        authorization: buildXMatrixAuthorization({
          method: 'PUT',
          uri: path,
          origin: options.origin ?? b.name,
          destination: options.destination ?? a.name,
          content: body as never,
          key: options.key ?? b.hs.services.keyRing.signingKey,
        }),
      },
    });

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer();
    alice = a.user('alice');
    bob = b.user('bob');
    await createUsers(a, alice);
    await createUsers(b, bob);
    roomId = await createTestRoom(a, alice);
    await joinRemoteRoom(b.hs.services, roomId, bob, [a.name]);
  });
  afterAll(() => stopAll([a, b]));

  it('accepts a transaction and answers per PDU', async () => {
    const { event, pdu } = await buildOnB('via a hand-made transaction');
    const answer = await send(transaction([pdu]));
    expect(answer).toEqual({ pdus: { [event.event_id]: {} } });
    expect((await eventOn(a, event.event_id))?.status).toBe('accepted');
  });

  describe('authentication (401 M_UNAUTHORIZED, nothing changes)', () => {
    it('refuses a request without X-Matrix', async () => {
      const { event, pdu } = await buildOnB('unauthenticated');
      const res = await rawRequest(a, 'PUT', '/_matrix/federation/v1/send/unauth1', { body: JSON.stringify(transaction([pdu])) });
      expect(res.status).toBe(401);
      expect(res.body.errcode).toBe('M_UNAUTHORIZED');
      expect(await eventOn(a, event.event_id)).toBeUndefined();
      expect(await a.hs.services.store.getInboundTransaction(b.name, 'unauth1')).toBeUndefined();
    });

    it('refuses a forged signature (another key under B\'s key ID, or an unknown key)', async () => {
      const { event, pdu } = await buildOnB('forged');
      const body = transaction([pdu]);
      const real = b.hs.services.keyRing.signingKey;
      const forged = { ...generateSigningKey(real.keyId.slice('ed25519:'.length)) };
      const res1 = await signedRaw('/_matrix/federation/v1/send/forged1', body, { key: forged });
      expect(res1.status).toBe(401);
      expect(res1.body.errcode).toBe('M_UNAUTHORIZED');
      const res2 = await signedRaw('/_matrix/federation/v1/send/forged2', body, { key: generateSigningKey('unknown') });
      expect(res2.status).toBe(401);
      expect(await eventOn(a, event.event_id)).toBeUndefined();
      expect(await a.hs.services.store.getInboundTransaction(b.name, 'forged1')).toBeUndefined();
    });

    it('refuses a body changed after signing', async () => {
      const { event, pdu } = await buildOnB('tampered');
      const signedBody = transaction([]);
      const res = await signedRaw('/_matrix/federation/v1/send/tampered1', signedBody, { text: JSON.stringify(transaction([pdu])) });
      expect(res.status).toBe(401);
      expect(await eventOn(a, event.event_id)).toBeUndefined();
    });

    it('refuses a request signed for another destination', async () => {
      const { event, pdu } = await buildOnB('misdirected');
      const res = await signedRaw('/_matrix/federation/v1/send/dest1', transaction([pdu]), { destination: 'other.example.org' });
      expect(res.status).toBe(401);
      expect(res.body.errcode).toBe('M_UNAUTHORIZED');
      expect(await eventOn(a, event.event_id)).toBeUndefined();
    });

    it('refuses the other federation endpoints without X-Matrix too', async () => {
      const paths = [
        `/_matrix/federation/v1/event/${encodeURIComponent(`$${'A'.repeat(43)}`)}`,
        `/_matrix/federation/v1/state_ids/${encodeURIComponent(roomId)}?event_id=x`,
        `/_matrix/federation/v1/make_join/${encodeURIComponent(roomId)}/${encodeURIComponent(bob)}`,
        `/_matrix/federation/v1/query/profile?user_id=${encodeURIComponent(alice)}`,
      ];
      for (const path of paths) {
        const res = await rawRequest(a, 'GET', path);
        expect(res.status).toBe(401);
        expect(res.body.errcode).toBe('M_UNAUTHORIZED');
      }
    });
  });

  describe('bounds and malformed input', () => {
    it('refuses a transaction of 51 PDUs (400) and processes none of them', async () => {
      const built = [];
      for (let i = 0; i < 51; i++) built.push(await buildOnB(`bulk ${i}`));
      const err = await fail(send(transaction(built.map((x) => x.pdu)), 'too-many-pdus'));
      expect(err.status).toBe(400);
      expect(err.errcode).toBe('M_BAD_JSON');
      for (const x of built) expect(await eventOn(a, x.event.event_id)).toBeUndefined();
      expect(await a.hs.services.store.getInboundTransaction(b.name, 'too-many-pdus')).toBeUndefined();
    });

    it('refuses a transaction of 101 EDUs (400)', async () => {
      const edus = Array.from({ length: 101 }, () => ({ edu_type: 'm.typing', content: { room_id: roomId, user_id: bob, typing: true } }));
      const err = await fail(send(transaction([], edus)));
      expect(err.status).toBe(400);
      expect(a.hs.services.ephemeral.typingUsers(roomId)).toEqual([]);
    });

    it('refuses a PDU over 65,536 bytes but processes the rest of the transaction', async () => {
      const big = await buildOnB('x'.repeat(70_000));
      const small = await buildOnB('small neighbour');
      const answer = await send(transaction([big.pdu, small.pdu]));
      expect(answer.pdus[big.event.event_id]?.error).toMatch(/65536|bytes/);
      expect(answer.pdus[small.event.event_id]).toEqual({});
      expect(await eventOn(a, big.event.event_id)).toBeUndefined();
      expect((await eventOn(a, small.event.event_id))?.status).toBe('accepted');
    });

    it('drops a v6+ PDU whose body spells a number with an exponent or fraction, and processes the rest', async () => {
      // 1e2 and 2.0 are the integers 100 and 2 to canonical JSON (so hashes and signatures match),
      // but floats to Synapse, Ruma and gomatrixserverlib, which drop such PDUs from room version 6.
      const spelled = await buildOnB({ msgtype: 'm.text', body: 'spelled', n: 100, m: [2] });
      const plain = await buildOnB({ msgtype: 'm.text', body: 'plain', n: 100 });
      const body = transaction([spelled.pdu, plain.pdu]);
      const text = JSON.stringify(body).replace('"n":100', '"n":1e2').replace('"m":[2]', '"m":[2.0]');
      expect(text).toContain('1e2');
      const res = await signedRaw(`/_matrix/federation/v1/send/spelled${++txnCounter}`, body, { text });
      expect(res.status).toBe(200);
      const pdus = (res.body as { pdus: Record<string, { error?: string }> }).pdus;
      expect(pdus[spelled.event.event_id]?.error).toMatch(/pdus\[0\]\.content\.n is spelled with a fraction or exponent/);
      expect(pdus[plain.event.event_id]).toEqual({});
      expect(await eventOn(a, spelled.event.event_id)).toBeUndefined();
      expect((await eventOn(a, plain.event.event_id))?.status).toBe('accepted');
    });

    it('accepts a float in a room version 5 PDU (not canonical JSON there), and drops one in a v6+ PDU alone', async () => {
      const oldRoom = await createTestRoom(a, alice, { roomVersion: '5' });
      await joinRemoteRoom(b.hs.services, oldRoom, bob, [a.name]);
      const old = await buildOnB({ msgtype: 'm.text', body: 'old room', ratio: 1.5 }, oldRoom);
      // A v10 event cannot even be built with a float; a float put into one after signing.
      const current = await buildOnB({ msgtype: 'm.text', body: 'current room', ratio: 1 }, roomId);
      const withFloat = { ...current.pdu, content: { ...(current.pdu.content as JsonObject), ratio: 1.5 } };
      // Signed, sent and authenticated with lenient numbers; each PDU held to its room version.
      const answer = await send(transaction([old.pdu, withFloat]));
      expect(answer.pdus[old.event.event_id]).toEqual({});
      expect(answer.pdus[current.event.event_id]?.error).toMatch(/content\.ratio/);
      const stored = await eventOn(a, old.event.event_id);
      expect(stored?.status).toBe('accepted');
      expect(stored?.pdu.content['ratio']).toBe(1.5);
      expect(await eventOn(a, current.event.event_id)).toBeUndefined();
    });

    it('answers M_NOT_JSON for a body that is not JSON', async () => {
      const res = await signedRaw('/_matrix/federation/v1/send/notjson', {}, { text: '{"origin": ' });
      expect(res.status).toBe(400);
      expect(res.body.errcode).toBe('M_NOT_JSON');
    });

    it('refuses a transaction whose origin is not the signing server (403)', async () => {
      const { event, pdu } = await buildOnB('claimed origin');
      const err = await fail(send({ ...transaction([pdu]), origin: a.name }));
      expect(err.status).toBe(403);
      expect(await eventOn(a, event.event_id)).toBeUndefined();
    });

    it('reports a PDU with a bad signature and does not store it', async () => {
      const { event, pdu } = await buildOnB('bad signature');
      const sigs = pdu.signatures as Record<string, Record<string, string>>;
      const keyId = Object.keys(sigs[b.name]!)[0]!;
      const broken = { ...pdu, signatures: { [b.name]: { [keyId]: 'A'.repeat(86) } } };
      const answer = await send(transaction([broken]));
      expect(answer.pdus[event.event_id]?.error).toMatch(/signature/);
      expect(await eventOn(a, event.event_id)).toBeUndefined();
    });

    it('drops a PDU of a room the server is not in (it cannot be answered for)', async () => {
      const { pdu } = await buildOnB('elsewhere');
      const answer = await send(transaction([{ ...pdu, room_id: `!unknown:${b.name}` }]));
      expect(answer).toEqual({ pdus: {} });
    });
  });

  describe('replayed transaction IDs', () => {
    it('answers a retried transaction with the stored answer and processes nothing twice', async () => {
      const first = await buildOnB('first delivery');
      const answer1 = await send(transaction([first.pdu]), 'replayed-1');
      expect(answer1).toEqual({ pdus: { [first.event.event_id]: {} } });
      // Same transaction ID, different content: the stored answer, and the new PDU is not processed.
      const second = await buildOnB('never processed');
      const answer2 = await send(transaction([second.pdu]), 'replayed-1');
      expect(answer2).toEqual(answer1);
      expect(await eventOn(a, second.event.event_id)).toBeUndefined();
      // The same transaction ID from another origin would be another transaction: the record is per origin.
      expect((await a.hs.services.store.getInboundTransaction(b.name, 'replayed-1'))?.response).toEqual(answer1);
    });

    it('answers concurrent retries of one transaction once', async () => {
      const x = await buildOnB('concurrent');
      const body = transaction([x.pdu]);
      const answers = await Promise.all([send(body, 'concurrent-1'), send(body, 'concurrent-1'), send(body, 'concurrent-1')]);
      for (const answer of answers) expect(answer).toEqual({ pdus: { [x.event.event_id]: {} } });
    });
  });

  describe('EDUs', () => {
    it('keeps typing notifications of the origin\'s joined users only', async () => {
      await send(
        transaction(
          [],
          [
            { edu_type: 'm.typing', content: { room_id: roomId, user_id: bob, typing: true } },
            // Not a user of the origin: ignored.
            { edu_type: 'm.typing', content: { room_id: roomId, user_id: alice, typing: true } },
            // Not in the room: ignored.
            { edu_type: 'm.typing', content: { room_id: roomId, user_id: b.user('stranger'), typing: true } },
            // Malformed: ignored on its own.
            { edu_type: 'm.typing', content: { room_id: 42 } },
          ],
        ),
      );
      expect(a.hs.services.ephemeral.typingUsers(roomId)).toEqual([bob]);
      await send(transaction([], [{ edu_type: 'm.typing', content: { room_id: roomId, user_id: bob, typing: false } }]));
      expect(a.hs.services.ephemeral.typingUsers(roomId)).toEqual([]);
    });

    it('keeps receipts and presence, and accepts other EDU types', async () => {
      const msg = await sendMessage(a, roomId, alice, 'to be read');
      await waitFor('the message on B', async () => (await eventOn(b, msg.event_id))?.status === 'accepted');
      const position = a.hs.services.ephemeral.position;
      await send(
        transaction(
          [],
          [
            { edu_type: 'm.receipt', content: { [roomId]: { 'm.read': { [bob]: { event_ids: [msg.event_id], data: { ts: 1 } } } } } },
            { edu_type: 'm.presence', content: { push: [{ user_id: bob, presence: 'online', last_active_ago: 5, currently_active: true }] } },
            { edu_type: 'm.presence', content: { push: [{ user_id: alice, presence: 'offline', last_active_ago: 5 }] } },
            { edu_type: 'm.device_list_update', content: { user_id: bob, device_id: 'D', stream_id: 1 } },
            { edu_type: 'org.example.custom', content: {} },
          ],
        ),
      );
      const receipts = a.hs.services.ephemeral.receiptsSince(roomId, position);
      expect(receipts.map((r) => [r.userId, r.receiptType, r.eventIds])).toEqual([[bob, 'm.read', [msg.event_id]]]);
      expect(a.hs.services.ephemeral.presence(bob)?.presence).toBe('online');
      expect(a.hs.services.ephemeral.presence(alice)).toBeUndefined();
    });
  });

  describe('server ACLs', () => {
    it('refuses PDUs and history requests of a denied server (403), and ignores its typing', async () => {
      const aclRoom = await createTestRoom(a, alice);
      await joinRemoteRoom(b.hs.services, aclRoom, bob, [a.name]);
      const before = await buildOnB('before the ACL', aclRoom);
      // Deny every IP literal: both test servers are named 127.0.0.1:<port>.
      await a.hs.services.rooms.sendLocal(aclRoom, {
        type: 'm.room.server_acl',
        sender: alice,
        state_key: '',
        content: { allow: ['*'], deny: [], allow_ip_literals: false },
      });
      const answer = await send(transaction([before.pdu], [{ edu_type: 'm.typing', content: { room_id: aclRoom, user_id: bob, typing: true } }]));
      expect(answer.pdus[before.event.event_id]?.error).toMatch(/ACL/);
      expect(await eventOn(a, before.event.event_id)).toBeUndefined();
      expect(a.hs.services.ephemeral.typingUsers(aclRoom)).toEqual([]);
      const err = await fail(
        b.hs.services.federation.request(a.name, 'POST', `/_matrix/federation/v1/get_missing_events/${encodeURIComponent(aclRoom)}`, {
          latest_events: [before.event.event_id],
          earliest_events: [],
        }),
      );
      expect(err.status).toBe(403);
      expect(err.errcode).toBe('M_FORBIDDEN');
    });
  });
});

/**
 * The resident's checks on send_join / send_leave and the invited server's checks on
 * invites: every refusal leaves the room unchanged; retries are answered again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeEventId, getRoomVersion, hashAndSignEvent, type JsonObject } from '@maxtryx/federation-core';
import { FederationRequestError } from '../../src/federation/client.js';
import { prepareMembershipEvent } from '../../src/federation/membership-handshake.js';
import { toFederationPdu } from '../../src/rooms/build-event.js';
import { createTestRoom, createUsers, eventOn, membershipOn, startTestServer, stopAll, type TestServer } from './helpers.js';

describe('resident and invited-server checks', () => {
  let a: TestServer;
  let b: TestServer;
  let alice: string;
  let bob: string;
  let roomId: string;

  const fail = async (p: Promise<unknown>): Promise<FederationRequestError> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FederationRequestError);
    return err as FederationRequestError;
  };
  const put = (path: string, body: unknown) => b.hs.services.federation.request(a.name, 'PUT', path, body);
  const sendJoinPath = (eventId: string, version = 'v2', room = roomId) =>
    `/_matrix/federation/${version}/send_join/${encodeURIComponent(room)}/${encodeURIComponent(eventId)}`;
  /** Re-signs an edited event as B; returns it with its new ID. */
  const resign = (pdu: JsonObject): { pdu: JsonObject; eventId: string } => {
    const { hashes: _h, signatures: _s, ...rest } = pdu;
    const signed = hashAndSignEvent(rest, b.name, b.hs.services.keyRing.signingKey, '11') as unknown as JsonObject;
    return { pdu: signed, eventId: computeEventId(signed, '11') };
  };

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer();
    alice = a.user('alice');
    bob = b.user('bob');
    await createUsers(a, alice);
    await createUsers(b, bob);
    roomId = await createTestRoom(a, alice);
  });
  afterAll(() => stopAll([a, b]));

  it('refuses send_join with another event ID in the path (400 M_INVALID_PARAM)', async () => {
    const prepared = await prepareMembershipEvent(b.hs.services, a.name, 'join', roomId, bob);
    const err = await fail(put(sendJoinPath(`$${'B'.repeat(43)}`), prepared.pdu));
    expect(err.status).toBe(400);
    expect(err.errcode).toBe('M_INVALID_PARAM');
    expect(await eventOn(a, prepared.event.event_id)).toBeUndefined();
  });

  it('refuses send_join of a leave, of another server\'s user, or with state_key not the sender (400)', async () => {
    const prepared = await prepareMembershipEvent(b.hs.services, a.name, 'join', roomId, bob);
    const cases: JsonObject[] = [
      { ...prepared.pdu, content: { membership: 'leave' } },
      { ...prepared.pdu, sender: a.user('mallory'), state_key: a.user('mallory') },
      { ...prepared.pdu, state_key: b.user('other') },
      { ...prepared.pdu, type: 'm.room.message' },
    ];
    for (const edited of cases) {
      const { pdu, eventId } = resign(edited);
      const err = await fail(put(sendJoinPath(eventId), pdu));
      expect(err.status).toBe(400);
      expect(err.errcode).toBe('M_INVALID_PARAM');
    }
    expect(await membershipOn(a, roomId, bob)).toBeUndefined();
  });

  it('refuses a join whose signature does not verify (400)', async () => {
    const prepared = await prepareMembershipEvent(b.hs.services, a.name, 'join', roomId, bob);
    // Content changed after signing: a new event ID, and the signature no longer matches.
    const edited = { ...prepared.pdu, content: { membership: 'join', displayname: 'changed' } };
    const eventId = computeEventId(edited, '11');
    const err = await fail(put(sendJoinPath(eventId), edited));
    expect(err.status).toBe(400);
    expect(err.errcode).toBe('M_INVALID_PARAM');
    expect(await eventOn(a, eventId)).toBeUndefined();
  });

  it('refuses a join for another room than the path\'s (400)', async () => {
    const other = await createTestRoom(a, alice);
    const prepared = await prepareMembershipEvent(b.hs.services, a.name, 'join', roomId, bob);
    const err = await fail(put(sendJoinPath(prepared.event.event_id, 'v2', other), prepared.pdu));
    expect(err.status).toBe(400);
  });

  it('accepts send_join v1 ([200, answer]) and answers a retry again without change', async () => {
    const prepared = await prepareMembershipEvent(b.hs.services, a.name, 'join', roomId, bob);
    const v1 = (await put(sendJoinPath(prepared.event.event_id, 'v1'), prepared.pdu)) as [number, { state: unknown[]; auth_chain: unknown[] }];
    expect(v1[0]).toBe(200);
    expect(v1[1].state.length).toBeGreaterThanOrEqual(5);
    const extremities = await a.hs.services.store.getForwardExtremities(roomId);
    const again = (await put(sendJoinPath(prepared.event.event_id), prepared.pdu)) as { state: unknown[] };
    expect(again.state).toEqual(v1[1].state);
    expect(await a.hs.services.store.getForwardExtremities(roomId)).toEqual(extremities);
    expect(await membershipOn(a, roomId, bob)).toBe('join');
  });

  it('accepts send_leave v1 ([200, {}]) and the leave is bob\'s membership', async () => {
    const prepared = await prepareMembershipEvent(b.hs.services, a.name, 'leave', roomId, bob);
    const answer = await put(`/_matrix/federation/v1/send_leave/${encodeURIComponent(roomId)}/${encodeURIComponent(prepared.event.event_id)}`, prepared.pdu);
    expect(answer).toEqual([200, {}]);
    expect(await membershipOn(a, roomId, bob)).toBe('leave');
  });

  describe('invites received (the invited server\'s checks)', () => {
    const invitePath = (eventId: string, room: string) => `/_matrix/federation/v2/invite/${encodeURIComponent(room)}/${encodeURIComponent(eventId)}`;
    /** An invite event of alice (A) for `target`, signed by A, in the v11 room. */
    const inviteFor = async (target: string, sender = alice) => {
      const rooms = a.hs.services.rooms;
      const event = await rooms.mutex.run(roomId, async () =>
        rooms.buildLocked(await rooms.requireContext(roomId), { type: 'm.room.member', sender, state_key: target, content: { membership: 'invite' } }),
      );
      return { event, pdu: toFederationPdu(event, getRoomVersion('11')) };
    };
    const askB = (path: string, body: unknown) => a.hs.services.federation.request(b.name, 'PUT', path, body);

    it('signs a valid invite and returns it unchanged but for its signature', async () => {
      const carol = b.user('carol');
      await createUsers(b, carol);
      const { event, pdu } = await inviteFor(carol);
      const answer = (await askB(invitePath(event.event_id, roomId), { room_version: '11', event: pdu, invite_room_state: [] })) as { event: JsonObject };
      const { signatures: returnedSigs, ...returnedRest } = answer.event;
      const { signatures: sentSigs, ...sentRest } = pdu;
      expect(returnedRest).toEqual(sentRest);
      expect(Object.keys(returnedSigs as object).sort()).toEqual([a.name, b.name].sort());
      expect((returnedSigs as Record<string, unknown>)[a.name]).toEqual((sentSigs as Record<string, unknown>)[a.name]);
      expect(await membershipOn(b, roomId, carol)).toBe('invite');
    });

    it('refuses an invite for a user of another server, an unknown user, an unsupported room version, or a changed event', async () => {
      const forA = await inviteFor(a.user('someone'));
      const e1 = await fail(askB(invitePath(forA.event.event_id, roomId), { room_version: '11', event: forA.pdu }));
      expect(e1.status).toBe(400);
      expect(e1.errcode).toBe('M_INVALID_PARAM');

      const ghost = b.user('ghost');
      const forGhost = await inviteFor(ghost);
      const e2 = await fail(askB(invitePath(forGhost.event.event_id, roomId), { room_version: '11', event: forGhost.pdu }));
      expect(e2.status).toBe(403);
      expect(await membershipOn(b, roomId, ghost)).toBeUndefined();

      const dave = b.user('dave');
      await createUsers(b, dave);
      const forDave = await inviteFor(dave);
      const e3 = await fail(askB(invitePath(forDave.event.event_id, roomId), { room_version: 'org.example.unknown', event: forDave.pdu }));
      expect(e3.errcode).toBe('M_INCOMPATIBLE_ROOM_VERSION');
      expect((e3.body as { room_version?: string }).room_version).toBe('org.example.unknown');

      const changed = { ...forDave.pdu, content: { membership: 'invite', reason: 'added later' } };
      const e4 = await fail(askB(invitePath(computeEventId(changed, '11'), roomId), { room_version: '11', event: changed }));
      expect(e4.status).toBe(400);
      expect(await membershipOn(b, roomId, dave)).toBeUndefined();
    });
  });
});

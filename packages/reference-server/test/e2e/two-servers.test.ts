/**
 * Two REAL reference server processes, A and B, federating over HTTPS on loopback with a
 * self-signed certificate (`allowSelfSigned: true`), each on SQLite in its own data
 * folder. The test talks to them only over HTTP(S), as clients and (for the security
 * checks) as a federating server would:
 *
 * - a user of B joins rooms of A by room ID (`server_name`) and by alias (resolved with
 *   the federation directory query); messages flow both ways, in /sync and /messages;
 * - invite, kick, ban (no rejoin) and leave across the servers, both servers agreeing on
 *   the membership;
 * - B stopped with SIGTERM while A's users send 30 messages, then restarted on the same
 *   data folder, port and signing key: B catches up and both servers end with the same
 *   room state;
 * - A's federation API refuses unauthenticated, forged, out-of-room, malformed and
 *   oversized requests.
 */
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildXMatrixAuthorization,
  generateSigningKey,
  getRoomVersion,
  parseSigningKeyFile,
  stateKeyOf,
  withEventId,
  type JsonObject,
  type Pdu,
  type RoomEvent,
  type SigningKey,
  type StateKey,
} from '@maxtryx/federation-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, toFederationPdu } from '../../src/rooms/build-event.js';
import { pollUntil, register, request, requestOk, type HttpResponse, type Session } from '../support/client.js';
import { restartServer, startServerPair, type TestServer } from '../support/server-process.js';
import { createTestCertificate, type TestCertificate } from '../support/tls.js';

const PASSWORD = 'two servers, one room';

interface ClientEvent {
  event_id: string;
  type: string;
  sender: string;
  state_key?: string;
  content: Record<string, unknown>;
}

interface SyncBody {
  next_batch: string;
  rooms?: {
    join?: Record<string, { timeline?: { events?: ClientEvent[] } }>;
    invite?: Record<string, { invite_state?: { events?: ClientEvent[] } }>;
    leave?: Record<string, { timeline?: { events?: ClientEvent[] } }>;
  };
}

let cert: TestCertificate;
let a: TestServer;
let b: TestServer;
/** Users: alice on A; bob, carol and dave on B. */
let alice: Session;
let bob: Session;
let carol: Session;
let dave: Session;

/** Room L (public, `#lobby`), joined by B's users by room ID. */
let lobby: string;
/** Room P (public, `#plaza`), joined by bob through its alias. */
let plaza: string;
/** Room Q (invite only). */
let quiet: string;

/** Where a session's server is. */
const serverOf = (session: Session): TestServer => (session.userId.endsWith(`:${a.serverName}`) ? a : b);

function diagnostics(): string {
  return `\n--- A stderr (tail) ---\n${a.stderr().slice(-2500)}\n--- B stderr (tail) ---\n${b.stderr().slice(-2500)}`;
}

/** Bounded wait: at most 200 polls 100 ms apart, with both servers' logs on failure. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, attempts = 200): Promise<T> {
  try {
    return await pollUntil(what, check, { attempts, intervalMs: 100 });
  } catch (err) {
    throw new Error(`${(err as Error).message}${diagnostics()}`);
  }
}

const enc = encodeURIComponent;
let txn = 0;

function call<T = unknown>(who: Session, method: string, path: string, body?: unknown, query?: Record<string, string>): Promise<T> {
  return requestOk<T>(serverOf(who), method, path, body, who.accessToken, query ? { query } : {});
}

function callRaw(who: Session, method: string, path: string, body?: unknown, query?: Record<string, string>): Promise<HttpResponse<{ errcode?: string }>> {
  return request<{ errcode?: string }>(serverOf(who), method, path, body, who.accessToken, query ? { query } : {});
}

async function sendText(who: Session, roomId: string, body: string): Promise<string> {
  const res = await call<{ event_id: string }>(who, 'PUT', `/_matrix/client/v3/rooms/${enc(roomId)}/send/m.room.message/t${++txn}`, {
    msgtype: 'm.text',
    body,
  });
  return res.event_id;
}

/** Every event of the room the user may read, oldest first (paginating /messages backwards, bounded). */
async function allMessages(who: Session, roomId: string): Promise<ClientEvent[]> {
  const out: ClientEvent[] = [];
  let from: string | undefined;
  for (let page = 0; page < 20; page++) {
    const res = await call<{ chunk: ClientEvent[]; end?: string }>(who, 'GET', `/_matrix/client/v3/rooms/${enc(roomId)}/messages`, undefined, {
      dir: 'b',
      limit: '50',
      ...(from !== undefined ? { from } : {}),
    });
    out.push(...res.chunk);
    if (res.end === undefined || res.chunk.length === 0) break;
    from = res.end;
  }
  return out.reverse();
}

/** A /sync of the user (timeline limit 50): initial, or incremental from `since`. */
function sync(who: Session, since?: string): Promise<SyncBody> {
  return call<SyncBody>(who, 'GET', '/_matrix/client/v3/sync', undefined, {
    timeout: '0',
    filter: JSON.stringify({ room: { timeline: { limit: 50 } } }),
    ...(since !== undefined ? { since } : {}),
  });
}

async function seenInSync(who: Session, roomId: string, eventId: string): Promise<boolean> {
  const body = await sync(who);
  return (body.rooms?.join?.[roomId]?.timeline?.events ?? []).some((e) => e.event_id === eventId);
}

/** `(type, state_key) -> event ID` of the state a user reads with GET /rooms/{roomId}/state. */
async function stateIds(who: Session, roomId: string): Promise<Record<string, string>> {
  const events = await call<ClientEvent[]>(who, 'GET', `/_matrix/client/v3/rooms/${enc(roomId)}/state`);
  return Object.fromEntries(events.map((e) => [`${e.type}|${e.state_key ?? ''}`, e.event_id]).sort(([x], [y]) => (x! < y! ? -1 : 1)));
}

/** `user -> membership` as a user reads it with GET /rooms/{roomId}/members. */
async function memberships(who: Session, roomId: string): Promise<Record<string, string>> {
  const res = await call<{ chunk: ClientEvent[] }>(who, 'GET', `/_matrix/client/v3/rooms/${enc(roomId)}/members`);
  return Object.fromEntries(res.chunk.map((e) => [e.state_key!, String(e.content.membership)]).sort(([x], [y]) => (x! < y! ? -1 : 1)));
}

async function membershipOf(who: Session, roomId: string, userId: string): Promise<string | undefined> {
  const res = await callRaw(who, 'GET', `/_matrix/client/v3/rooms/${enc(roomId)}/state/m.room.member/${enc(userId)}`);
  return res.status === 200 ? String((res.body as { membership?: unknown }).membership) : undefined;
}

beforeAll(async () => {
  cert = await createTestCertificate();
  [a, b] = await startServerPair(cert, { storage: 'sqlite' });
  alice = await register(a, 'alice', PASSWORD);
  bob = await register(b, 'bob', PASSWORD);
  carol = await register(b, 'carol', PASSWORD);
  dave = await register(b, 'dave', PASSWORD);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  cert?.remove();
});

describe('two server processes over HTTPS', () => {
  it('run as 127.0.0.1:<port> with their own signing keys on SQLite', async () => {
    expect(a.serverName).toBe(`127.0.0.1:${a.port}`);
    expect(b.serverName).toBe(`127.0.0.1:${b.port}`);
    expect(a.listening.storage).toBe('sqlite');
    expect(b.listening.tls).toBe(true);
    for (const s of [a, b]) {
      expect(parseSigningKeyFile(readFileSync(join(s.dataDir, 'signing.key'), 'utf8'))).toHaveLength(1);
      const keys = await requestOk<{ server_name: string }>(s, 'GET', '/_matrix/key/v2/server');
      expect(keys.server_name).toBe(s.serverName);
    }
  });

  it('a user of B joins a room of A by room ID with server_name', async () => {
    lobby = (await call<{ room_id: string }>(alice, 'POST', '/_matrix/client/v3/createRoom', { preset: 'public_chat', room_alias_name: 'lobby', name: 'Lobby' }))
      .room_id;
    const joined = await call<{ room_id: string }>(bob, 'POST', `/_matrix/client/v3/join/${enc(lobby)}`, {}, { server_name: a.serverName });
    expect(joined.room_id).toBe(lobby);
    // dave joins too, through the same route with `via`: B is already in the room, so this join is local to B.
    await call(dave, 'POST', `/_matrix/client/v3/join/${enc(lobby)}`, {}, { via: a.serverName });
    await waitFor('bob and dave joined, as A sees it', async () => {
      const m = await memberships(alice, lobby);
      return m[bob.userId] === 'join' && m[dave.userId] === 'join';
    });
    expect(await memberships(bob, lobby)).toEqual(await memberships(alice, lobby));
    const joinedRooms = await call<{ joined_rooms: string[] }>(bob, 'GET', '/_matrix/client/v3/joined_rooms');
    expect(joinedRooms.joined_rooms).toContain(lobby);
  });

  it('a user of B joins a room of A by alias, resolved through the federation directory query', async () => {
    plaza = (await call<{ room_id: string }>(alice, 'POST', '/_matrix/client/v3/createRoom', { preset: 'public_chat', room_alias_name: 'plaza' })).room_id;
    const alias = `#plaza:${a.serverName}`;
    // B resolves A's alias with GET /_matrix/federation/v1/query/directory.
    const resolved = await call<{ room_id: string; servers: string[] }>(bob, 'GET', `/_matrix/client/v3/directory/room/${enc(alias)}`);
    expect(resolved.room_id).toBe(plaza);
    expect(resolved.servers).toContain(a.serverName);
    const joined = await call<{ room_id: string }>(bob, 'POST', `/_matrix/client/v3/join/${enc(alias)}`, {});
    expect(joined.room_id).toBe(plaza);
    expect(await membershipOf(bob, plaza, bob.userId)).toBe('join');
    await waitFor('bob joined the plaza, as A sees it', async () => (await membershipOf(alice, plaza, bob.userId)) === 'join');
    // An alias that is not bound: 404 from A, passed on by B.
    const missing = await callRaw(bob, 'GET', `/_matrix/client/v3/directory/room/${enc(`#nowhere:${a.serverName}`)}`);
    expect(missing.status).toBe(404);
    expect(missing.body.errcode).toBe('M_NOT_FOUND');
  });

  it('messages flow both ways, in /sync and /messages', async () => {
    const fromAlice = await sendText(alice, lobby, 'hello from A');
    const fromBob = await sendText(bob, lobby, 'hello from B');
    await waitFor('alice\'s message in bob\'s /sync', async () => seenInSync(bob, lobby, fromAlice));
    await waitFor('bob\'s message in alice\'s /sync', async () => seenInSync(alice, lobby, fromBob));
    const bodiesOnB = (await allMessages(bob, lobby)).filter((e) => e.type === 'm.room.message').map((e) => e.content.body);
    const bodiesOnA = (await allMessages(alice, lobby)).filter((e) => e.type === 'm.room.message').map((e) => e.content.body);
    expect(bodiesOnB).toEqual(expect.arrayContaining(['hello from A', 'hello from B']));
    expect(bodiesOnA).toEqual(expect.arrayContaining(['hello from A', 'hello from B']));
    // The same event, with the same ID and content, on both servers.
    const onA = await call<ClientEvent>(alice, 'GET', `/_matrix/client/v3/rooms/${enc(lobby)}/event/${enc(fromBob)}`);
    const onB = await call<ClientEvent>(bob, 'GET', `/_matrix/client/v3/rooms/${enc(lobby)}/event/${enc(fromBob)}`);
    expect(onA.sender).toBe(bob.userId);
    expect(onA.content).toEqual(onB.content);
    // In the plaza too (joined through the alias).
    const inPlaza = await sendText(bob, plaza, 'hello plaza');
    await waitFor('bob\'s plaza message in alice\'s /sync', async () => seenInSync(alice, plaza, inPlaza));
  });

  it('A invites a user of B, who joins through the invite', async () => {
    quiet = (await call<{ room_id: string }>(alice, 'POST', '/_matrix/client/v3/createRoom', { preset: 'private_chat', name: 'Quiet' })).room_id;
    await call(alice, 'POST', `/_matrix/client/v3/rooms/${enc(quiet)}/invite`, { user_id: bob.userId });
    // The invite reaches bob's /sync with the room's stripped state.
    const invite = await waitFor('the invite in bob\'s /sync', async () => (await sync(bob)).rooms?.invite?.[quiet]);
    expect(invite.invite_state?.events?.some((e) => e.type === 'm.room.member' && e.state_key === bob.userId && e.content.membership === 'invite')).toBe(true);
    // Without the invite, this invite-only room cannot be joined: carol, not invited, is refused.
    const refused = await callRaw(carol, 'POST', `/_matrix/client/v3/join/${enc(quiet)}`, {}, { server_name: a.serverName });
    expect(refused.status).toBe(403);
    expect(refused.body.errcode).toBe('M_FORBIDDEN');
    // bob joins with no server named: B joins through the inviter's server.
    await call(bob, 'POST', `/_matrix/client/v3/rooms/${enc(quiet)}/join`, {});
    await waitFor('bob joined the quiet room, as A sees it', async () => (await membershipOf(alice, quiet, bob.userId)) === 'join');
    // carol is invited too, now that B is in the room: B receives the invite as a resident server.
    await call(alice, 'POST', `/_matrix/client/v3/rooms/${enc(quiet)}/invite`, { user_id: carol.userId });
    await waitFor('carol\'s invite in her /sync', async () => (await sync(carol)).rooms?.invite?.[quiet]);
    await call(carol, 'POST', `/_matrix/client/v3/rooms/${enc(quiet)}/join`, {});
    await waitFor('carol joined, as A sees it', async () => (await membershipOf(alice, quiet, carol.userId)) === 'join');
    const expected = { [alice.userId]: 'join', [bob.userId]: 'join', [carol.userId]: 'join' };
    expect(await memberships(alice, quiet)).toEqual(expected);
    expect(await memberships(bob, quiet)).toEqual(expected);
  });

  it('A kicks a user of B; both servers see it', async () => {
    const before = (await sync(carol)).next_batch;
    await call(alice, 'POST', `/_matrix/client/v3/rooms/${enc(quiet)}/kick`, { user_id: carol.userId, reason: 'out' });
    await waitFor('the kick on B', async () => (await membershipOf(bob, quiet, carol.userId)) === 'leave');
    expect(await membershipOf(alice, quiet, carol.userId)).toBe('leave');
    // carol's next /sync moves the room to `leave`, with the kick in its timeline.
    const left = await waitFor('the room in carol\'s leave section', async () => (await sync(carol, before)).rooms?.leave?.[quiet]);
    const kick = left.timeline?.events?.find((e) => e.type === 'm.room.member' && e.state_key === carol.userId);
    expect(kick?.sender).toBe(alice.userId);
    expect(kick?.content.membership).toBe('leave');
    // Kicked from an invite-only room, she cannot come back by herself.
    const again = await callRaw(carol, 'POST', `/_matrix/client/v3/rooms/${enc(quiet)}/join`, {});
    expect(again.status).toBe(403);
    expect(await memberships(bob, quiet)).toEqual(await memberships(alice, quiet));
  });

  it('A bans a user of B, who cannot rejoin (through B, resident, nor through A)', async () => {
    // dave is in the lobby, where B is resident (bob): B checks the rejoin against its own copy of the ban.
    await call(alice, 'POST', `/_matrix/client/v3/rooms/${enc(lobby)}/ban`, { user_id: dave.userId, reason: 'spam' });
    await waitFor('the ban on B', async () => (await membershipOf(bob, lobby, dave.userId)) === 'ban');
    const rejoin = await callRaw(dave, 'POST', `/_matrix/client/v3/join/${enc(lobby)}`, {}, { server_name: a.serverName });
    expect(rejoin.status).toBe(403);
    expect(rejoin.body.errcode).toBe('M_FORBIDDEN');
    // bob is B's only user in the plaza: after his ban B is no longer in it, and a rejoin goes through A (make_join), which refuses.
    await call(alice, 'POST', `/_matrix/client/v3/rooms/${enc(plaza)}/ban`, { user_id: bob.userId });
    await waitFor('bob\'s ban on B', async () => (await membershipOf(bob, plaza, bob.userId)) === 'ban');
    const viaA = await callRaw(bob, 'POST', `/_matrix/client/v3/join/${enc(`#plaza:${a.serverName}`)}`, {});
    expect(viaA.status).toBe(403);
    expect(viaA.body.errcode).toBe('M_FORBIDDEN');
    expect(await membershipOf(alice, plaza, bob.userId)).toBe('ban');
    expect(await membershipOf(alice, lobby, dave.userId)).toBe('ban');
    expect(await memberships(bob, lobby)).toEqual(await memberships(alice, lobby));
  });

  it('a user of B leaves a room of A; both servers agree', async () => {
    await call(bob, 'POST', `/_matrix/client/v3/rooms/${enc(quiet)}/leave`, {});
    await waitFor('bob\'s leave on A', async () => (await membershipOf(alice, quiet, bob.userId)) === 'leave');
    expect(await memberships(alice, quiet)).toEqual({ [alice.userId]: 'join', [bob.userId]: 'leave', [carol.userId]: 'leave' });
    // bob, a former member, reads the membership as of his leaving: the same.
    expect(await memberships(bob, quiet)).toEqual(await memberships(alice, quiet));
    const joinedRooms = await call<{ joined_rooms: string[] }>(bob, 'GET', '/_matrix/client/v3/joined_rooms');
    expect(joinedRooms.joined_rooms).toContain(lobby);
    expect(joinedRooms.joined_rooms).not.toContain(quiet);
  });

  it('B, stopped while A sends 30 messages, restarts on its data folder and catches up', async () => {
    const keyBefore = readFileSync(join(b.dataDir, 'signing.key'), 'utf8');
    const exit = await b.stop({ keepDataDir: true });
    expect(exit.forced).toBe(false);
    const sent: string[] = [];
    for (let i = 0; i < 30; i++) sent.push(await sendText(alice, lobby, `while B is down ${i}`));
    // A tried to deliver them and failed (B is down): its sender backs off.
    await waitFor('a failed delivery to B in A\'s log', async () =>
      a.logs().some((l) => l.msg === 'transaction failed; backing off' && l.destination === b.serverName),
    );
    b = await restartServer(b, { tls: cert, storage: 'sqlite' });
    expect(readFileSync(join(b.dataDir, 'signing.key'), 'utf8')).toBe(keyBefore);
    // bob's access token survived the restart (the SQLite store).
    const me = await call<{ user_id: string }>(bob, 'GET', '/_matrix/client/v3/account/whoami');
    expect(me.user_id).toBe(bob.userId);
    // bob speaks: A hears from B, so its sender retries at once.
    const back = await sendText(bob, lobby, 'B is back');
    await waitFor('bob\'s message on A', async () => seenInSync(alice, lobby, back));
    const wanted = new Set(sent);
    await waitFor(
      'the 30 messages in bob\'s /messages',
      async () => {
        const ids = new Set((await allMessages(bob, lobby)).map((e) => e.event_id));
        return [...wanted].every((id) => ids.has(id));
      },
      300,
    );
    const bodies = (await allMessages(bob, lobby)).filter((e) => e.type === 'm.room.message').map((e) => e.content.body);
    for (let i = 0; i < 30; i++) expect(bodies).toContain(`while B is down ${i}`);
    // A merges the branches; both servers end with the same state, event for event.
    const merge = await sendText(alice, lobby, 'merge');
    await waitFor('the merge on B', async () => seenInSync(bob, lobby, merge));
    await waitFor('the same state on A and B', async () => {
      const [onA, onB] = await Promise.all([stateIds(alice, lobby), stateIds(bob, lobby)]);
      return JSON.stringify(onA) === JSON.stringify(onB) ? onA : undefined;
    });
    const [stateA, stateB] = await Promise.all([stateIds(alice, lobby), stateIds(bob, lobby)]);
    expect(stateB).toEqual(stateA);
    expect(stateA[`m.room.member|${dave.userId}`]).toBeDefined();
    expect(await memberships(bob, lobby)).toEqual(await memberships(alice, lobby));
  });
});

describe('A\'s federation API, as a real process, refuses', () => {
  /** B's real signing key, read from its data folder. */
  let bKey: SigningKey;
  let txnCounter = 0;

  beforeAll(() => {
    bKey = parseSigningKeyFile(readFileSync(join(b.dataDir, 'signing.key'), 'utf8'))[0]!;
  });

  /** A request to A's federation API as B: signed with `key` (default B's key) unless `unsigned`; `text` overrides the body sent. */
  function federationRequest(
    method: string,
    path: string,
    body: JsonObject | undefined,
    options: { key?: SigningKey; unsigned?: boolean; text?: string } = {},
  ): Promise<{ status: number; body: { errcode?: string; pdus?: Record<string, { error?: string }> } & JsonObject }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const payload = options.text ?? (body === undefined ? undefined : JSON.stringify(body));
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (!options.unsigned) {
      headers.authorization = buildXMatrixAuthorization({
        method,
        uri: path,
        origin: b.serverName,
        destination: a.serverName,
        ...(body !== undefined ? { content: body } : {}),
        key: options.key ?? bKey,
      });
    }
    return new Promise((resolve, reject) => {
      const req = httpsRequest({ host: '127.0.0.1', port: a.port, method, path, headers, ca: a.ca, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = {};
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = { text };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as never });
        });
      });
      const timer = setTimeout(() => req.destroy(new Error(`${method} ${path}: no answer within 15 s`)), 15_000);
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      req.end(payload);
    });
  }

  const transaction = (pdus: JsonObject[]): JsonObject => ({ origin: b.serverName, origin_server_ts: Date.now(), pdus, edus: [] });

  /** The room's PDUs as A serves them to B: the state before `eventId`, and the event itself. */
  async function fetchContext(roomId: string, eventId: string) {
    const version = await call<{ room_version: string }>(alice, 'GET', `/_matrix/client/v3/rooms/${enc(roomId)}/state/m.room.create`);
    const rv = getRoomVersion(version.room_version ?? '1');
    const stateRes = await federationRequest('GET', `/_matrix/federation/v1/state/${enc(roomId)}?event_id=${enc(eventId)}`, undefined);
    expect(stateRes.status).toBe(200);
    const eventRes = await federationRequest('GET', `/_matrix/federation/v1/event/${enc(eventId)}`, undefined);
    expect(eventRes.status).toBe(200);
    const state = new Map<StateKey, RoomEvent>();
    for (const pdu of stateRes.body.pdus as unknown as Pdu[]) {
      const event = withEventId(pdu, rv);
      state.set(stateKeyOf(event.type, event.state_key!), event);
    }
    const prev = withEventId((eventRes.body.pdus as unknown as Pdu[])[0]!, rv);
    return { rv, state, prev };
  }

  /** A message of bob in the lobby, signed with B's real key, built on A's latest event (as B's server would). */
  async function bobMessages(bodies: string[]): Promise<{ eventId: string; pdu: JsonObject }[]> {
    const anchor = await sendText(alice, lobby, `anchor ${++txnCounter}`);
    const { rv, state, prev } = await fetchContext(lobby, anchor);
    return bodies.map((body, i) => {
      const event = buildEvent({
        roomVersion: rv,
        roomId: lobby,
        template: { type: 'm.room.message', sender: bob.userId, content: { msgtype: 'm.text', body } },
        prevEvents: [prev],
        state,
        createEvent: state.get(stateKeyOf('m.room.create', '')),
        serverName: b.serverName,
        key: bKey,
        now: Date.now() + i,
      });
      return { eventId: event.event_id, pdu: toFederationPdu(event, rv) };
    });
  }

  it('an unauthenticated request (no Authorization): 401 M_UNAUTHORIZED', async () => {
    const [msg] = await bobMessages(['unauthenticated']);
    const res = await federationRequest('PUT', `/_matrix/federation/v1/send/unauth${++txnCounter}`, transaction([msg!.pdu]), { unsigned: true });
    expect(res.status).toBe(401);
    expect(res.body.errcode).toBe('M_UNAUTHORIZED');
    const state = await federationRequest('GET', `/_matrix/federation/v1/state_ids/${enc(lobby)}?event_id=${enc(msg!.eventId)}`, undefined, { unsigned: true });
    expect(state.status).toBe(401);
    expect(state.body.errcode).toBe('M_UNAUTHORIZED');
    const onA = await callRaw(alice, 'GET', `/_matrix/client/v3/rooms/${enc(lobby)}/event/${enc(msg!.eventId)}`);
    expect(onA.status).toBe(404);
  });

  it('a forged X-Matrix header (signed with a key that is not B\'s): 401', async () => {
    const [msg] = await bobMessages(['forged']);
    // Another key under B's key ID, and a key ID B does not have.
    const sameId = generateSigningKey(bKey.keyId.slice('ed25519:'.length));
    for (const key of [sameId, generateSigningKey('forged')]) {
      const res = await federationRequest('PUT', `/_matrix/federation/v1/send/forged${++txnCounter}`, transaction([msg!.pdu]), { key });
      expect(res.status).toBe(401);
      expect(res.body.errcode).toBe('M_UNAUTHORIZED');
    }
    const onA = await callRaw(alice, 'GET', `/_matrix/client/v3/rooms/${enc(lobby)}/event/${enc(msg!.eventId)}`);
    expect(onA.status).toBe(404);
  });

  it('a request about a room B is not in: 403 M_FORBIDDEN', async () => {
    const secret = (await call<{ room_id: string }>(alice, 'POST', '/_matrix/client/v3/createRoom', { preset: 'private_chat', name: 'A only' })).room_id;
    const created = await call<ClientEvent>(alice, 'GET', `/_matrix/client/v3/rooms/${enc(secret)}/state/m.room.create`, undefined, { format: 'event' });
    for (const path of [
      `/_matrix/federation/v1/state_ids/${enc(secret)}?event_id=${enc(created.event_id)}`,
      `/_matrix/federation/v1/state/${enc(secret)}?event_id=${enc(created.event_id)}`,
      `/_matrix/federation/v1/event/${enc(created.event_id)}`,
      `/_matrix/federation/v1/backfill/${enc(secret)}?v=${enc(created.event_id)}&limit=10`,
    ]) {
      const res = await federationRequest('GET', path, undefined);
      expect(res.status, path).toBe(403);
      expect(res.body.errcode, path).toBe('M_FORBIDDEN');
    }
    // The quiet room, which B left: no more access either.
    const quietCreate = await call<ClientEvent>(alice, 'GET', `/_matrix/client/v3/rooms/${enc(quiet)}/state/m.room.create`, undefined, { format: 'event' });
    const left = await federationRequest('GET', `/_matrix/federation/v1/state_ids/${enc(quiet)}?event_id=${enc(quietCreate.event_id)}`, undefined);
    expect(left.status).toBe(403);
    expect(left.body.errcode).toBe('M_FORBIDDEN');
  });

  it('malformed JSON: 400 M_NOT_JSON', async () => {
    const res = await federationRequest('PUT', `/_matrix/federation/v1/send/notjson${++txnCounter}`, {}, { text: '{"origin": ' });
    expect(res.status).toBe(400);
    expect(res.body.errcode).toBe('M_NOT_JSON');
  });

  it('a transaction of 51 PDUs: 400, and none of them is processed', async () => {
    const msgs = await bobMessages(Array.from({ length: 51 }, (_, i) => `bulk ${i}`));
    const res = await federationRequest('PUT', `/_matrix/federation/v1/send/bulk${++txnCounter}`, transaction(msgs.map((m) => m.pdu)));
    expect(res.status).toBe(400);
    for (const m of [msgs[0]!, msgs[50]!]) {
      const onA = await callRaw(alice, 'GET', `/_matrix/client/v3/rooms/${enc(lobby)}/event/${enc(m.eventId)}`);
      expect(onA.status).toBe(404);
    }
    // The same PDUs, 50 of them, are a valid transaction.
    const ok = await federationRequest('PUT', `/_matrix/federation/v1/send/bulk${++txnCounter}`, transaction(msgs.slice(0, 50).map((m) => m.pdu)));
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.body.pdus ?? {})).toHaveLength(50);
    expect(Object.values(ok.body.pdus ?? {}).every((r) => r.error === undefined)).toBe(true);
  });

  it('a PDU over 64 KiB: refused, while the rest of the transaction is processed', async () => {
    const [big, small] = await bobMessages(['x'.repeat(70_000), 'small neighbour']);
    const res = await federationRequest('PUT', `/_matrix/federation/v1/send/big${++txnCounter}`, transaction([big!.pdu, small!.pdu]));
    expect(res.status).toBe(200);
    expect(res.body.pdus?.[big!.eventId]?.error).toMatch(/65536|bytes/);
    expect(res.body.pdus?.[small!.eventId]).toEqual({});
    const bigOnA = await callRaw(alice, 'GET', `/_matrix/client/v3/rooms/${enc(lobby)}/event/${enc(big!.eventId)}`);
    expect(bigOnA.status).toBe(404);
    const smallOnA = await call<ClientEvent>(alice, 'GET', `/_matrix/client/v3/rooms/${enc(lobby)}/event/${enc(small!.eventId)}`);
    expect(smallOnA.content.body).toBe('small neighbour');
  });
});

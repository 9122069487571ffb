/**
 * matrix-js-sdk, the reference Matrix client library, against a real reference
 * server process over HTTP on loopback: registration through user-interactive auth,
 * password login, room creation, messages, the sync loop (initial and incremental),
 * a second user joining, and logout. No crypto (rust crypto is never initialised).
 */
import {
  ClientEvent,
  createClient,
  KnownMembership,
  MatrixError,
  MsgType,
  Preset,
  SyncState,
  type MatrixClient,
  type MatrixEvent,
} from 'matrix-js-sdk';
import { logger as sdkLogger, type Logger } from 'matrix-js-sdk/lib/logger.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../support/client.js';
import { startServer, type TestServer } from '../support/server-process.js';

const ROOM_NAME = 'js-sdk e2e';
const PASSWORD_A = 'correct horse battery staple';
const PASSWORD_B = 'tr0ub4dor&3';

let server: TestServer;
const clients: MatrixClient[] = [];
/** Every request the SDK made, `METHOD /path -> status`, for failure messages. */
const wire: string[] = [];

const recordingFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const method = init?.method ?? 'GET';
  try {
    const res = await fetch(input, init);
    wire.push(`${method} ${url.pathname} -> ${res.status}`);
    return res;
  } catch (err) {
    wire.push(`${method} ${url.pathname} -> ${(err as Error).name}`);
    throw err;
  }
};

/** The SDK logs at debug level by default; keep its warnings and errors only. */
const quietLogger: Logger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (...msg: unknown[]) => console.warn('[matrix-js-sdk]', ...msg),
  error: (...msg: unknown[]) => console.error('[matrix-js-sdk]', ...msg),
  getChild: () => quietLogger,
};

function newClient(auth?: { userId: string; accessToken: string; deviceId: string }): MatrixClient {
  const client = createClient({ baseUrl: server.baseUrl, fetchFn: recordingFetch, logger: quietLogger, ...(auth ?? {}) });
  clients.push(client);
  return client;
}

function diagnostics(): string {
  return `\n--- SDK requests ---\n${wire.slice(-40).join('\n')}\n--- server stderr (tail) ---\n${server.stderr().slice(-3000)}`;
}

/** Bounded wait (at most 200 polls, 100 ms apart) for a value, with diagnostics on failure. */
async function waitFor<T>(what: string, check: () => T | undefined | false): Promise<T> {
  try {
    return await pollUntil(what, check, { attempts: 200, intervalMs: 100 });
  } catch (err) {
    throw new Error(`${(err as Error).message}${diagnostics()}`);
  }
}

/** Waits until the client's sync loop has completed its first /sync (PREPARED, then SYNCING). */
async function waitForFirstSync(client: MatrixClient): Promise<void> {
  await waitFor(`first sync of ${client.getUserId()} (state ${client.getSyncState()}, ${String(client.getSyncStateData()?.error ?? '')})`, () => {
    const state = client.getSyncState();
    return state === SyncState.Prepared || state === SyncState.Syncing;
  });
}

/** A value an earlier step produces; a clear failure instead of a TypeError when that step failed. */
function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`an earlier step failed: no ${what}`);
  return value;
}

function timelineEvent(client: MatrixClient, roomId: string, eventId: string): MatrixEvent | undefined {
  return client
    .getRoom(roomId)
    ?.getLiveTimeline()
    .getEvents()
    .find((e) => e.getId() === eventId);
}

async function registerWithDummyAuth(username: string, password: string) {
  const anon = newClient();
  // Stage 0: no `auth`; the server answers 401 with the flows and a session.
  const challenge = await anon.registerRequest({ username, password }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(challenge).toBeInstanceOf(MatrixError);
  const uia = challenge as MatrixError;
  expect(uia.httpStatus).toBe(401);
  const flows = uia.data.flows as Array<{ stages: string[] }> | undefined;
  expect(flows).toContainEqual(expect.objectContaining({ stages: ['m.login.dummy'] }));
  const session = uia.data.session;
  expect(typeof session).toBe('string');
  // Stage 1: the SDK's own register(), completing m.login.dummy in that session.
  return anon.register(username, password, session as string, { type: 'm.login.dummy' });
}

async function passwordLogin(username: string, password: string) {
  const anon = newClient();
  const res = await anon.loginRequest({
    type: 'm.login.password',
    identifier: { type: 'm.id.user', user: username },
    password,
    initial_device_display_name: 'js-sdk e2e',
  });
  return { userId: res.user_id, accessToken: res.access_token, deviceId: res.device_id };
}

beforeAll(async () => {
  // The module-level logger (used by the sync loop) is a loglevel logger at runtime; its type hides setLevel.
  (sdkLogger as unknown as { setLevel?: (level: string, persist?: boolean) => void }).setLevel?.('warn', false);
  server = await startServer();
});

afterAll(async () => {
  for (const client of clients) client.stopClient();
  await server?.stop();
});

describe('matrix-js-sdk against the reference server', () => {
  let aliceClient: MatrixClient | undefined;
  let bobClient: MatrixClient | undefined;
  let aliceToken: string | undefined;
  let createdRoomId: string | undefined;
  let firstSentId: string | undefined;
  const aliceId = () => `@alice:${server.serverName}`;
  const bobId = () => `@bob:${server.serverName}`;

  it('registers through user-interactive auth with m.login.dummy', async () => {
    const res = await registerWithDummyAuth('alice', PASSWORD_A);
    expect(res.user_id).toBe(aliceId());
    expect(typeof res.access_token).toBe('string');
    expect(typeof res.device_id).toBe('string');
  });

  it('refuses a wrong password and logs in with the right one', async () => {
    const wrong = await passwordLogin('alice', 'not the password').then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(wrong).toBeInstanceOf(MatrixError);
    expect((wrong as MatrixError).errcode).toBe('M_FORBIDDEN');

    const session = await passwordLogin('alice', PASSWORD_A);
    expect(session.userId).toBe(aliceId());
    aliceToken = session.accessToken;
    const alice = newClient(session);
    aliceClient = alice;
    const who = await alice.whoami();
    expect(who.user_id).toBe(aliceId());
    expect(who.device_id).toBe(session.deviceId);
  });

  it('creates a room and sends a message', async () => {
    const alice = need(aliceClient, 'logged-in client for alice');
    const created = await alice.createRoom({ preset: Preset.PublicChat, name: ROOM_NAME });
    expect(created.room_id).toMatch(/^!/);
    createdRoomId = created.room_id;
    const sent = await alice.sendMessage(created.room_id, { msgtype: MsgType.Text, body: 'hello from alice' });
    expect(sent.event_id).toMatch(/^\$/);
    firstSentId = sent.event_id;
  });

  it('receives the room and the message through sync', async () => {
    const alice = need(aliceClient, 'logged-in client for alice');
    const roomId = need(createdRoomId, 'room');
    const firstEventId = need(firstSentId, 'first message');
    await alice.startClient({ initialSyncLimit: 10 });
    await waitForFirstSync(alice);
    const event = await waitFor(`${firstEventId} in alice's timeline`, () => timelineEvent(alice, roomId, firstEventId));
    expect(event.getType()).toBe('m.room.message');
    expect(event.getSender()).toBe(aliceId());
    expect(event.getContent()).toEqual({ msgtype: 'm.text', body: 'hello from alice' });
    const room = alice.getRoom(roomId);
    expect(room?.getMyMembership()).toBe(KnownMembership.Join);
    expect(room?.name).toBe(ROOM_NAME);
  });

  it('lets a second user join and see the message', async () => {
    const alice = need(aliceClient, 'logged-in client for alice');
    const roomId = need(createdRoomId, 'room');
    const firstEventId = need(firstSentId, 'first message');
    const res = await registerWithDummyAuth('bob', PASSWORD_B);
    expect(res.user_id).toBe(bobId());
    const bob = newClient(await passwordLogin('bob', PASSWORD_B));
    bobClient = bob;
    await bob.joinRoom(roomId);
    await bob.startClient({ initialSyncLimit: 10 });
    await waitForFirstSync(bob);
    const seen = await waitFor(`${firstEventId} in bob's timeline`, () => timelineEvent(bob, roomId, firstEventId));
    expect(seen.getSender()).toBe(aliceId());
    expect(seen.getContent().body).toBe('hello from alice');
    expect(bob.getRoom(roomId)?.getMyMembership()).toBe(KnownMembership.Join);
    // Alice's running sync delivers bob's join.
    await waitFor(`bob's join in alice's room state`, () => alice.getRoom(roomId)?.getMember(bobId())?.membership === KnownMembership.Join);
  });

  it('delivers a new message to the other user through incremental sync', async () => {
    const alice = need(aliceClient, 'logged-in client for alice');
    const bob = need(bobClient, 'logged-in client for bob');
    const roomId = need(createdRoomId, 'room');
    const sent = await alice.sendMessage(roomId, { msgtype: MsgType.Text, body: 'second message' });
    const atBob = await waitFor(`${sent.event_id} in bob's timeline`, () => timelineEvent(bob, roomId, sent.event_id));
    expect(atBob.getSender()).toBe(aliceId());
    expect(atBob.getContent().body).toBe('second message');
    // Alice's local echo is confirmed by the server's copy coming down her own sync (status back to null).
    await waitFor(`remote echo of ${sent.event_id} for alice`, () => {
      const echo = timelineEvent(alice, roomId, sent.event_id);
      return echo !== undefined && echo.status === null;
    });
  });

  it('logs out, after which the access token is refused', async () => {
    const alice = need(aliceClient, 'logged-in client for alice');
    const token = need(aliceToken, 'access token for alice');
    await alice.logout(true);
    await bobClient?.logout(true);
    const stale = newClient({ userId: aliceId(), accessToken: token, deviceId: 'unused' });
    const err = await stale.whoami().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MatrixError);
    expect((err as MatrixError).httpStatus).toBe(401);
    expect((err as MatrixError).errcode).toBe('M_UNKNOWN_TOKEN');
  });
});

/**
 * Test fixtures for the federation tests: real homeservers on loopback with their own
 * data folders and real SQLite, rooms built with the real room core, and bounded polling.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultRoomVersionId, getRoomVersion, type JsonObject, type RoomEvent } from '@maxtryx/federation-core';
import { loadConfig, type ServerConfig } from '../../src/config.js';
import { startHomeserver, type Homeserver } from '../../src/homeserver.js';
import { createLogger } from '../../src/logger.js';
import { buildEvent } from '../../src/rooms/build-event.js';

/** A free TCP port on loopback (bound, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A running test server and its folder. */
export interface TestServer {
  readonly hs: Homeserver;
  readonly name: string;
  readonly dataDir: string;
  /** `@local:<name>`. */
  user(local: string): string;
  stop(): Promise<void>;
}

/** Starts a homeserver named `127.0.0.1:<port>` with SQLite in a fresh temp folder, federating over plain HTTP. */
export async function startTestServer(overrides: Partial<ServerConfig> = {}, existing?: { port: number; dataDir: string }): Promise<TestServer> {
  const port = existing?.port ?? (await freePort());
  const dataDir = existing?.dataDir ?? mkdtempSync(join(tmpdir(), 'maxtryx-fed-'));
  const name = `127.0.0.1:${port}`;
  const config = loadConfig(
    {},
    {
      serverName: name,
      bindAddress: '127.0.0.1',
      port,
      dataDir,
      storage: 'sqlite',
      logLevel: 'error',
      ...overrides,
      federation: { scheme: 'http', allowSelfSigned: false, requestTimeoutMs: 10_000, hostOverrides: {}, ...(overrides.federation ?? {}) },
    },
  );
  const hs = await startHomeserver(config, createLogger('error'));
  return {
    hs,
    name,
    dataDir,
    user: (local) => `@${local}:${name}`,
    stop: () => hs.stop(),
  };
}

/** Stops the servers and removes their folders. */
export async function stopAll(servers: readonly (TestServer | undefined)[]): Promise<void> {
  for (const s of servers) {
    if (!s) continue;
    await s.stop();
    rmSync(s.dataDir, { recursive: true, force: true });
  }
}

/** Creates local users in a server's store. */
export async function createUsers(server: TestServer, ...userIds: string[]): Promise<void> {
  for (const userId of userIds) await server.hs.services.store.createUser({ userId, createdTs: Date.now() });
}

/** Options of {@link createTestRoom}. */
export interface TestRoomOptions {
  readonly roomVersion?: string;
  readonly joinRule?: string;
  readonly historyVisibility?: string;
  /** Extra users and levels in the power levels. */
  readonly users?: Record<string, number>;
  /** Extra join-rules content (e.g. `allow`). */
  readonly joinRulesContent?: JsonObject;
}

/**
 * Creates a room on `server` with the room core: create, the creator's join, power
 * levels, join rules, history visibility. Returns the room ID.
 */
export async function createTestRoom(server: TestServer, creator: string, options: TestRoomOptions = {}): Promise<string> {
  const { services } = server.hs;
  const rv = getRoomVersion(options.roomVersion ?? defaultRoomVersionId);
  const roomId = rv.roomIdIsCreateEventHash ? undefined : `!${randomBytes(9).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}:${server.name}`;
  const createContent: JsonObject = { room_version: rv.id };
  if (!rv.creatorIsCreateEventSender) createContent.creator = creator;
  const create = buildEvent({
    roomVersion: rv,
    roomId,
    template: { type: 'm.room.create', sender: creator, state_key: '', content: createContent },
    prevEvents: [],
    state: new Map(),
    createEvent: undefined,
    serverName: server.name,
    key: services.keyRing.signingKey,
    now: services.now(),
  });
  const id = roomId ?? `!${create.event_id.slice(1)}`;
  await services.rooms.mutex.run(id, () => services.rooms.persistLocked(id, rv, create, 'accepted', new Map()));
  const send = (type: string, content: JsonObject, stateKey = '') =>
    services.rooms.sendLocal(id, { type, sender: creator, state_key: stateKey, content });
  await send('m.room.member', { membership: 'join' }, creator);
  const users: Record<string, number> = rv.privilegedCreators ? { ...(options.users ?? {}) } : { [creator]: 100, ...(options.users ?? {}) };
  await send('m.room.power_levels', { users, users_default: 0, events_default: 0, state_default: 50, ban: 50, kick: 50, redact: 50, invite: 0 });
  await send('m.room.join_rules', { join_rule: options.joinRule ?? 'public', ...(options.joinRulesContent ?? {}) });
  await send('m.room.history_visibility', { history_visibility: options.historyVisibility ?? 'shared' });
  return id;
}

/** Sends a text message as a local user. */
export function sendMessage(server: TestServer, roomId: string, sender: string, body: string): Promise<RoomEvent> {
  return server.hs.services.rooms.sendLocal(roomId, { type: 'm.room.message', sender, content: { msgtype: 'm.text', body } });
}

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The membership of a user in a room as a server's store has it. */
export async function membershipOn(server: TestServer, roomId: string, userId: string): Promise<string | undefined> {
  return (await server.hs.services.store.getMembership(roomId, userId))?.membership;
}

/** The event with this ID on a server, with its status, or undefined. */
export async function eventOn(server: TestServer, eventId: string) {
  return server.hs.services.store.getEvent(eventId);
}

/** Sends an unauthenticated (or hand-authenticated) HTTP request to a server. */
export async function rawRequest(
  server: TestServer,
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://${server.name}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
    ...(options.body !== undefined ? { body: options.body } : {}),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/**
 * Fixtures of the client API tests: a real homeserver in-process on loopback (port 0)
 * with SQLite in a fresh temporary folder, and a small client speaking real HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ServerConfig } from '../../src/config.js';
import { startHomeserver, type Homeserver } from '../../src/homeserver.js';
import { createLogger } from '../../src/logger.js';

/** The server name of the test servers. */
export const SERVER_NAME = 'hs.test';

/** A running test server. */
export interface TestServer {
  readonly hs: Homeserver;
  readonly base: string;
  /** `@local:hs.test`. */
  user(local: string): string;
  stop(): Promise<void>;
}

/** Starts a homeserver (SQLite in a temp folder) listening on 127.0.0.1 on a free port. */
export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'maxtryx-client-'));
  const config = loadConfig({}, { serverName: SERVER_NAME, bindAddress: '127.0.0.1', port: 0, dataDir, storage: 'sqlite', logLevel: 'error', ...overrides });
  const hs = await startHomeserver(config, createLogger('error'));
  return {
    hs,
    base: `http://127.0.0.1:${hs.port}`,
    user: (local) => `@${local}:${SERVER_NAME}`,
    async stop() {
      await hs.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A free TCP port on loopback (bound, then released). */
async function freePort(): Promise<number> {
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

/**
 * Starts a homeserver named `127.0.0.1:<port>` that federates over plain HTTP on
 * loopback, so that two of them can talk to each other.
 */
export async function startFederatingServer(): Promise<TestServer & { readonly name: string }> {
  const port = await freePort();
  const name = `127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'maxtryx-client-fed-'));
  const config = loadConfig({}, {
    serverName: name,
    bindAddress: '127.0.0.1',
    port,
    dataDir,
    storage: 'sqlite',
    logLevel: 'error',
    federation: { scheme: 'http', allowSelfSigned: false, requestTimeoutMs: 10_000, hostOverrides: {} },
  });
  const hs = await startHomeserver(config, createLogger('error'));
  return {
    hs,
    name,
    base: `http://127.0.0.1:${hs.port}`,
    user: (local) => `@${local}:${name}`,
    async stop() {
      await hs.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A response: the status and the parsed JSON body. */
export interface Reply {
  readonly status: number;
  // Tests read arbitrary JSON.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** Options of {@link request}. */
export interface RequestOptions {
  readonly token?: string | undefined;
  /** Sent as is instead of `JSON.stringify(body)`. */
  readonly raw?: string;
  /** Aborts the request. */
  readonly signal?: AbortSignal;
}

/** Makes one HTTP request to the server. */
export async function request(server: TestServer, method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.base}${path}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** A logged-in user. */
export interface TestUser {
  readonly userId: string;
  readonly token: string;
  readonly deviceId: string;
  /** Requests as this user. */
  call(method: string, path: string, body?: unknown, options?: Omit<RequestOptions, 'token'>): Promise<Reply>;
}

/** Registers a user through the two-step user-interactive flow and returns it logged in. */
export async function register(server: TestServer, username: string, password = 'correct horse battery staple'): Promise<TestUser> {
  const first = await request(server, 'POST', '/_matrix/client/v3/register', { username, password });
  if (first.status !== 401) throw new Error(`register ${username}: expected 401, got ${first.status} ${JSON.stringify(first.body)}`);
  const done = await request(server, 'POST', '/_matrix/client/v3/register', { username, password, auth: { type: 'm.login.dummy', session: first.body.session } });
  if (done.status !== 200) throw new Error(`register ${username}: ${done.status} ${JSON.stringify(done.body)}`);
  return asUser(server, done.body.user_id, done.body.access_token, done.body.device_id);
}

/** A {@link TestUser} for a token. */
export function asUser(server: TestServer, userId: string, token: string, deviceId: string): TestUser {
  return { userId, token, deviceId, call: (method, path, body, options = {}) => request(server, method, path, body, { ...options, token }) };
}

/** URL-encodes a path segment. */
export const enc = encodeURIComponent;

/** Creates a room and returns its ID (throws on failure). */
export async function createRoom(user: TestUser, body: Record<string, unknown> = {}): Promise<string> {
  const r = await user.call('POST', '/_matrix/client/v3/createRoom', body);
  if (r.status !== 200) throw new Error(`createRoom: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.room_id as string;
}

/** Sends a text message and returns its event ID. */
let txn = 0;
export async function sendText(user: TestUser, roomId: string, text: string): Promise<string> {
  const r = await user.call('PUT', `/_matrix/client/v3/rooms/${enc(roomId)}/send/m.room.message/t${++txn}`, { msgtype: 'm.text', body: text });
  if (r.status !== 200) throw new Error(`send: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.event_id as string;
}

/** The current state of a room as `type|state_key -> event`. */
export async function roomState(user: TestUser, roomId: string): Promise<Map<string, Record<string, unknown> & { content: Record<string, unknown> }>> {
  const r = await user.call('GET', `/_matrix/client/v3/rooms/${enc(roomId)}/state`);
  if (r.status !== 200) throw new Error(`state: ${r.status} ${JSON.stringify(r.body)}`);
  return new Map((r.body as Array<{ type: string; state_key: string; content: Record<string, unknown> }>).map((e) => [`${e.type}|${e.state_key}`, e]));
}

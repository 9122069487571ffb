/**
 * A tiny typed HTTP client for end-to-end tests of the reference server: JSON
 * requests with an optional bearer token, over HTTP or HTTPS (trusting the test
 * server's self-signed certificate, not disabling verification), each bounded in
 * time, plus registration (`m.login.dummy` through user-interactive auth) and
 * password login.
 *
 * It uses node:http / node:https rather than `fetch` because Node's built-in fetch
 * cannot be given a CA without the `undici` package, which is not a dependency.
 * Every request opens its own connection (`agent: false`), so no idle keep-alive
 * socket delays a server's shutdown.
 *
 * @module
 */
import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Where to send requests: a `TestServer` from `server-process.ts` fits. */
export interface ServerTarget {
  /** `http://127.0.0.1:<port>` or `https://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** PEM certificate to trust for HTTPS. */
  readonly ca?: string | undefined;
}

/** An HTTP answer with its JSON body parsed (or the raw text when it is not JSON). */
export interface HttpResponse<T = unknown> {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: T;
  /** The body as received. */
  readonly text: string;
}

/** Options of {@link request}. */
export interface RequestOptionsExtra {
  /** Query parameters appended to the path. */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Timeout of the whole request, in ms; default 15 000. */
  readonly timeoutMs?: number;
  /** Extra request headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A non-2xx answer, with the Matrix `errcode` when the body has one. */
export class MatrixHttpError extends Error {
  override readonly name = 'MatrixHttpError';
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path} -> ${status}: ${JSON.stringify(body)?.slice(0, 500)}`);
  }

  /** The Matrix error code (`M_FORBIDDEN`, ...), if the body carries one. */
  get errcode(): string | undefined {
    const b = this.body as { errcode?: unknown } | null | undefined;
    return typeof b?.errcode === 'string' ? b.errcode : undefined;
  }
}

/**
 * Sends one request and returns the answer whatever its status.
 * `path` starts with `/` (e.g. `/_matrix/client/v3/account/whoami`).
 *
 * @example
 * const res = await request(server, 'GET', '/_matrix/client/versions');
 * expect(res.status).toBe(200);
 */
export async function request<T = unknown>(
  server: ServerTarget,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  options: RequestOptionsExtra = {},
): Promise<HttpResponse<T>> {
  const url = new URL(path, server.baseUrl);
  for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.append(k, String(v));
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const https = url.protocol === 'https:';
  const reqOptions: RequestOptions & { ca?: string } = {
    method,
    host: url.hostname,
    port: url.port,
    path: url.pathname + url.search,
    headers,
    agent: false,
    ...(https && server.ca !== undefined ? { ca: server.ca } : {}),
  };
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise<HttpResponse<T>>((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(reqOptions, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        if (text.length > 0) {
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON: keep the text; tests decide whether that is a failure.
          }
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed as T, text });
      });
    });
    const timer = setTimeout(() => req.destroy(new Error(`${method} ${url.pathname}: no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(payload);
  });
}

/**
 * Like {@link request}, but returns only the body and throws {@link MatrixHttpError}
 * unless the status is 2xx.
 */
export async function requestOk<T = unknown>(
  server: ServerTarget,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  options: RequestOptionsExtra = {},
): Promise<T> {
  const res = await request<T>(server, method, path, body, token, options);
  if (res.status < 200 || res.status > 299) throw new MatrixHttpError(method, path, res.status, res.body);
  return res.body;
}

/** A logged-in session. */
export interface Session {
  readonly userId: string;
  readonly accessToken: string;
  readonly deviceId: string;
}

interface LoginLikeBody {
  user_id?: unknown;
  access_token?: unknown;
  device_id?: unknown;
}

function toSession(what: string, body: unknown): Session {
  const b = (body ?? {}) as LoginLikeBody;
  if (typeof b.user_id !== 'string' || typeof b.access_token !== 'string' || typeof b.device_id !== 'string') {
    throw new Error(`${what}: expected user_id, access_token and device_id strings, got ${JSON.stringify(body)}`);
  }
  return { userId: b.user_id, accessToken: b.access_token, deviceId: b.device_id };
}

interface UiaBody {
  session?: unknown;
  flows?: unknown;
}

/**
 * Registers `username` through user-interactive auth: a first request without
 * `auth` must be answered 401 with a session and a flow offering `m.login.dummy`;
 * the second completes that stage.
 *
 * @throws {MatrixHttpError} when the server answers anything else.
 */
export async function register(
  server: ServerTarget,
  username: string,
  password: string,
  extra: { deviceId?: string; initialDeviceDisplayName?: string } = {},
): Promise<Session> {
  const path = '/_matrix/client/v3/register';
  const base: Record<string, unknown> = { username, password };
  if (extra.deviceId !== undefined) base.device_id = extra.deviceId;
  if (extra.initialDeviceDisplayName !== undefined) base.initial_device_display_name = extra.initialDeviceDisplayName;
  const first = await request<UiaBody>(server, 'POST', path, base);
  if (first.status !== 401) throw new MatrixHttpError('POST', path, first.status, first.body);
  const { session, flows } = first.body ?? {};
  const dummyOffered =
    Array.isArray(flows) &&
    flows.some((f: unknown) => {
      const stages = (f as { stages?: unknown } | null)?.stages;
      return Array.isArray(stages) && stages.length === 1 && stages[0] === 'm.login.dummy';
    });
  if (typeof session !== 'string' || !dummyOffered) {
    throw new Error(`register: expected a UIA session with an m.login.dummy flow, got ${first.text}`);
  }
  const body = await requestOk(server, 'POST', path, { ...base, auth: { type: 'm.login.dummy', session } });
  return toSession('register', body);
}

/** Logs in with a password (`m.login.password`, `m.id.user` identifier). */
export async function login(
  server: ServerTarget,
  username: string,
  password: string,
  extra: { deviceId?: string } = {},
): Promise<Session> {
  const body = await requestOk(server, 'POST', '/_matrix/client/v3/login', {
    type: 'm.login.password',
    identifier: { type: 'm.id.user', user: username },
    password,
    ...(extra.deviceId !== undefined ? { device_id: extra.deviceId } : {}),
  });
  return toSession('login', body);
}

/**
 * Polls `check` until it returns a value other than `undefined`/`false`, at most
 * `attempts` times `intervalMs` apart (bounded in count and in time), then throws
 * with `what` in the message.
 */
export async function pollUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { attempts = 100, intervalMs = 100 }: { attempts?: number; intervalMs?: number } = {},
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`gave up waiting for ${what} after ${attempts} attempts`);
}

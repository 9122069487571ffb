/**
 * Accounts: registration with user-interactive authentication (`m.login.dummy`), login
 * with a password, logout, and whoami (client-server API "Account registration",
 * "Login", "Current account information").
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import {
  isValidHistoricalUserId,
  loginRequestSchema,
  MatrixError,
  registerRequestSchema,
  userIdProblem,
} from '@maxtryx/entity';
import { AlreadyExistsError } from '@maxtryx/storage-adapters';
import type { Router } from '../http/router.js';
import { authenticate, issueAccessToken } from './access-token.js';
import { parseBody } from './body.js';
import type { ClientServices } from './client-services.js';
import { hashPassword, verifyPassword } from './password.js';

/** The only flow of registration: one dummy stage (client-server API "Dummy Auth"). */
const REGISTER_FLOWS = [{ stages: ['m.login.dummy'] }];
/** A password longer than this is refused (scrypt's input is bounded too). */
const MAX_PASSWORD_LENGTH = 1024;
const MAX_DISPLAY_NAME_LENGTH = 256;

/** A new device ID: ten upper-case letters, as other servers make them. */
export function newDeviceId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return [...randomBytes(10)].map((b) => alphabet[b % 26]).join('');
}

/**
 * The user ID a registration asks for: the `username` localpart, which must follow the
 * strict user ID grammar (`[a-z0-9._=-/+]`, 255 bytes in all), or a generated one.
 */
function requestedUserId(username: string | undefined, serverName: string): string {
  const localpart = username ?? `user_${randomBytes(8).toString('hex')}`;
  const userId = `@${localpart}:${serverName}`;
  const problem = username === '' ? 'empty' : userIdProblem(userId);
  if (problem !== undefined) throw new MatrixError('M_INVALID_USERNAME', `invalid username: ${problem}`, { httpStatus: 400 });
  return userId;
}

async function checkAvailable(cs: ClientServices, userId: string): Promise<void> {
  if (await cs.services.store.getUser(userId)) throw new MatrixError('M_USER_IN_USE', 'User ID already taken', { httpStatus: 400 });
}

/** The 401 answer of user-interactive auth, optionally with the error of a failed attempt. */
function uiaChallenge(session: string, completed: readonly string[], error?: { errcode: string; error: string }) {
  return { status: 401, body: { ...(error ?? {}), flows: REGISTER_FLOWS, params: {}, session, completed } };
}

/** Creates a device with a fresh access token (invalidating the device's previous tokens). */
async function loginDevice(cs: ClientServices, userId: string, deviceId: string | undefined, displayName: string | undefined) {
  const { store } = cs.services;
  const id = deviceId ?? newDeviceId();
  const existing = await store.getDevice(userId, id);
  // Login: "the server will invalidate any access token previously associated with this device".
  if (existing) await store.deleteDevice(userId, id);
  const name = displayName ?? existing?.displayName;
  await store.putDevice({ userId, deviceId: id, ...(name !== undefined ? { displayName: name.slice(0, MAX_DISPLAY_NAME_LENGTH) } : {}), lastSeenTs: cs.services.now() });
  const accessToken = await issueAccessToken(cs.services, userId, id);
  return { deviceId: id, accessToken };
}

/** Registers the account routes. */
export function registerAccountRoutes(router: Router, cs: ClientServices): void {
  const { services } = cs;
  const serverName = services.config.serverName;

  // POST /_matrix/client/v3/register: user-interactive auth with one m.login.dummy stage.
  router.on('POST', '/_matrix/client/v3/register', async (ctx) => {
    const kind = ctx.query.get('kind') ?? 'user';
    if (kind !== 'user' && kind !== 'guest') throw new MatrixError('M_INVALID_PARAM', 'kind must be user or guest', { httpStatus: 400 });
    // 403 "The homeserver does not permit registering the account" (disabled, or guests).
    if (!services.config.enableRegistration) throw new MatrixError('M_FORBIDDEN', 'Registration is disabled', { httpStatus: 403 });
    if (kind === 'guest') throw new MatrixError('M_FORBIDDEN', 'Guest access is disabled', { httpStatus: 403 });
    const body = await parseBody(ctx, registerRequestSchema);
    if (body.password !== undefined && body.password.length > MAX_PASSWORD_LENGTH) {
      throw new MatrixError('M_INVALID_PARAM', `password longer than ${MAX_PASSWORD_LENGTH} characters`, { httpStatus: 400 });
    }
    // The username is checked before authentication, so a client learns of a taken name at once.
    const userId = requestedUserId(body.username, serverName);
    await checkAvailable(cs, userId);

    // User-interactive authentication: a request without `auth` never succeeds.
    const auth = body.auth;
    if (auth === undefined) return uiaChallenge(cs.uia.create(), []);
    let session = auth.session;
    if (session !== undefined && cs.uia.completed(session) === undefined) {
      return uiaChallenge(cs.uia.create(), [], { errcode: 'M_UNKNOWN', error: 'Unknown or expired session' });
    }
    if (auth.type === 'm.login.dummy') {
      // Dummy auth always succeeds.
      session ??= cs.uia.create();
      cs.uia.complete(session, 'm.login.dummy');
    } else if (auth.type !== undefined) {
      const s = session ?? cs.uia.create();
      return uiaChallenge(s, [...(cs.uia.completed(s) ?? [])], { errcode: 'M_FORBIDDEN', error: `Unsupported auth type ${auth.type}` });
    }
    const completed = session === undefined ? undefined : cs.uia.completed(session);
    if (!completed || !REGISTER_FLOWS.some((f) => f.stages.every((s) => completed.has(s)))) {
      const s = session ?? cs.uia.create();
      return uiaChallenge(s, [...(completed ?? [])]);
    }

    const passwordHash = body.password === undefined || body.password === '' ? undefined : await hashPassword(body.password);
    try {
      await services.store.createUser({ userId, createdTs: services.now(), ...(passwordHash ? { passwordHash } : {}) });
    } catch (err) {
      if (err instanceof AlreadyExistsError) throw new MatrixError('M_USER_IN_USE', 'User ID already taken', { httpStatus: 400 });
      throw err;
    }
    cs.uia.delete(session!);
    if (body.inhibit_login) return { status: 200, body: { user_id: userId } };
    const { deviceId, accessToken } = await loginDevice(cs, userId, body.device_id, body.initial_device_display_name);
    return { status: 200, body: { user_id: userId, access_token: accessToken, device_id: deviceId, home_server: serverName } };
  });

  // GET /_matrix/client/v3/register/available: 200 available, 400 M_USER_IN_USE / M_INVALID_USERNAME.
  router.on('GET', '/_matrix/client/v3/register/available', async (ctx) => {
    if (!services.config.enableRegistration) throw new MatrixError('M_FORBIDDEN', 'Registration is disabled', { httpStatus: 403 });
    const username = ctx.query.get('username');
    if (username === null) throw new MatrixError('M_MISSING_PARAM', 'username is required', { httpStatus: 400 });
    await checkAvailable(cs, requestedUserId(username, serverName));
    return { status: 200, body: { available: true } };
  });

  // GET /_matrix/client/v3/login: the login types this server supports.
  router.on('GET', '/_matrix/client/v3/login', () => ({ status: 200, body: { flows: [{ type: 'm.login.password' }] } }));

  // POST /_matrix/client/v3/login: m.login.password with identifier m.id.user (or the legacy `user`).
  router.on('POST', '/_matrix/client/v3/login', async (ctx) => {
    const body = await parseBody(ctx, loginRequestSchema);
    // 400 "the login type may not be recognised".
    if (body.type !== 'm.login.password') throw new MatrixError('M_UNKNOWN', `Unknown login type ${body.type}`, { httpStatus: 400 });
    const forbidden = () => new MatrixError('M_FORBIDDEN', 'Invalid username or password', { httpStatus: 403 });
    let user: string | undefined;
    if (body.identifier?.type === 'm.id.user') user = body.identifier.user;
    else if (body.identifier === undefined) user = body.user;
    // Third-party identifiers: this server keeps none, so none matches.
    if (user === undefined) throw forbidden();
    // "either a fully qualified Matrix user ID, or just the localpart of the user ID"
    const userId = user.startsWith('@') ? user : `@${user.toLowerCase()}:${serverName}`;
    if (!isValidHistoricalUserId(userId) || !userId.endsWith(`:${serverName}`)) throw forbidden();
    const record = await services.store.getUser(userId);
    if (!record?.passwordHash || body.password === undefined || body.password.length > MAX_PASSWORD_LENGTH) throw forbidden();
    if (!(await verifyPassword(body.password, record.passwordHash))) throw forbidden();
    if (record.deactivated) throw new MatrixError('M_USER_DEACTIVATED', 'This account has been deactivated', { httpStatus: 403 });
    const { deviceId, accessToken } = await loginDevice(cs, userId, body.device_id, body.initial_device_display_name);
    return { status: 200, body: { user_id: userId, access_token: accessToken, device_id: deviceId, home_server: serverName } };
  });

  // POST /_matrix/client/v3/logout: invalidates the token and deletes its device.
  router.on('POST', '/_matrix/client/v3/logout', async (ctx) => {
    const me = await authenticate(ctx, services);
    await services.store.deleteDevice(me.userId, me.deviceId);
    await services.store.deleteAccessToken(me.tokenHash);
    return { status: 200, body: {} };
  });

  // POST /_matrix/client/v3/logout/all: invalidates every token of the user, deleting every device.
  router.on('POST', '/_matrix/client/v3/logout/all', async (ctx) => {
    const me = await authenticate(ctx, services);
    for (const device of await services.store.listDevices(me.userId)) await services.store.deleteDevice(me.userId, device.deviceId);
    await services.store.deleteAccessToken(me.tokenHash);
    return { status: 200, body: {} };
  });

  // GET /_matrix/client/v3/account/whoami.
  router.on('GET', '/_matrix/client/v3/account/whoami', async (ctx) => {
    const me = await authenticate(ctx, services);
    return { status: 200, body: { user_id: me.userId, device_id: me.deviceId, is_guest: false } };
  });
}

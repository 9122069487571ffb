/**
 * Accounts over real HTTP: registration with user-interactive auth, username rules,
 * login, logout, whoami, and access-token errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, register, request, startServer, type TestServer } from './support.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('GET /_matrix/client/versions', () => {
  it('lists the spec versions without authentication', async () => {
    const r = await request(server, 'GET', '/_matrix/client/versions');
    expect(r.status).toBe(200);
    expect(r.body.versions).toContain('v1.12');
  });
});

describe('POST /register', () => {
  it('asks for user-interactive auth first, then registers with m.login.dummy', async () => {
    const first = await request(server, 'POST', '/_matrix/client/v3/register', { username: 'alice', password: 'secret-pw' });
    expect(first.status).toBe(401);
    expect(first.body.flows).toEqual([{ stages: ['m.login.dummy'] }]);
    expect(typeof first.body.session).toBe('string');
    expect(first.body.params).toEqual({});
    // Nothing was created by the first call.
    expect(await server.hs.services.store.getUser('@alice:hs.test')).toBeUndefined();

    const done = await request(server, 'POST', '/_matrix/client/v3/register', {
      username: 'alice',
      password: 'secret-pw',
      initial_device_display_name: 'laptop',
      auth: { type: 'm.login.dummy', session: first.body.session },
    });
    expect(done.status).toBe(200);
    expect(done.body.user_id).toBe('@alice:hs.test');
    expect(typeof done.body.access_token).toBe('string');
    expect(typeof done.body.device_id).toBe('string');

    const record = await server.hs.services.store.getUser('@alice:hs.test');
    expect(record?.passwordHash).toMatch(/^scrypt\$/);
    expect(record?.passwordHash).not.toContain('secret-pw');
    // The token is stored hashed, not as given.
    expect(await server.hs.services.store.getAccessToken(done.body.access_token)).toBeUndefined();
    const device = await server.hs.services.store.getDevice('@alice:hs.test', done.body.device_id);
    expect(device?.displayName).toBe('laptop');

    const whoami = await request(server, 'GET', '/_matrix/client/v3/account/whoami', undefined, { token: done.body.access_token });
    expect(whoami.status).toBe(200);
    expect(whoami.body).toEqual({ user_id: '@alice:hs.test', device_id: done.body.device_id, is_guest: false });
  });

  it('rejects a taken username with M_USER_IN_USE and a bad one with M_INVALID_USERNAME', async () => {
    await register(server, 'taken');
    const taken = await request(server, 'POST', '/_matrix/client/v3/register', { username: 'taken', password: 'x' });
    expect(taken.status).toBe(400);
    expect(taken.body.errcode).toBe('M_USER_IN_USE');
    for (const username of ['Upper', 'sp ace', 'colon:x', '', 'a'.repeat(260)]) {
      const bad = await request(server, 'POST', '/_matrix/client/v3/register', { username, password: 'x' });
      expect(bad.status, username).toBe(400);
      expect(bad.body.errcode, username).toBe('M_INVALID_USERNAME');
    }
  });

  it('answers GET /register/available', async () => {
    await register(server, 'occupied');
    const free = await request(server, 'GET', '/_matrix/client/v3/register/available?username=free_name');
    expect(free).toEqual({ status: 200, body: { available: true } });
    const used = await request(server, 'GET', '/_matrix/client/v3/register/available?username=occupied');
    expect(used.status).toBe(400);
    expect(used.body.errcode).toBe('M_USER_IN_USE');
    const bad = await request(server, 'GET', '/_matrix/client/v3/register/available?username=BAD!');
    expect(bad.status).toBe(400);
    expect(bad.body.errcode).toBe('M_INVALID_USERNAME');
  });

  it('honours inhibit_login and generates a user ID when no username is given', async () => {
    const first = await request(server, 'POST', '/_matrix/client/v3/register', { username: 'quiet', inhibit_login: true });
    const done = await request(server, 'POST', '/_matrix/client/v3/register', {
      username: 'quiet',
      inhibit_login: true,
      auth: { type: 'm.login.dummy', session: first.body.session },
    });
    expect(done).toEqual({ status: 200, body: { user_id: '@quiet:hs.test' } });

    const anon = await request(server, 'POST', '/_matrix/client/v3/register', { auth: { type: 'm.login.dummy' } });
    expect(anon.status).toBe(200);
    expect(anon.body.user_id).toMatch(/^@[a-z0-9._=\-/+]+:hs\.test$/);
  });

  it('answers an unknown session or auth type with 401 and the flows', async () => {
    const unknown = await request(server, 'POST', '/_matrix/client/v3/register', { username: 'sess', auth: { type: 'm.login.dummy', session: 'nope' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.flows).toEqual([{ stages: ['m.login.dummy'] }]);
    expect(typeof unknown.body.errcode).toBe('string');
    const type = await request(server, 'POST', '/_matrix/client/v3/register', { username: 'sess', auth: { type: 'm.login.recaptcha' } });
    expect(type.status).toBe(401);
    expect(type.body.errcode).toBe('M_FORBIDDEN');
    expect(await server.hs.services.store.getUser('@sess:hs.test')).toBeUndefined();
  });

  it('refuses registration with M_FORBIDDEN when it is disabled', async () => {
    const closed = await startServer({ enableRegistration: false });
    try {
      const r = await request(closed, 'POST', '/_matrix/client/v3/register', { username: 'nobody', auth: { type: 'm.login.dummy' } });
      expect(r.status).toBe(403);
      expect(r.body.errcode).toBe('M_FORBIDDEN');
    } finally {
      await closed.stop();
    }
  });
});

describe('login, logout, whoami', () => {
  it('offers m.login.password', async () => {
    const r = await request(server, 'GET', '/_matrix/client/v3/login');
    expect(r.status).toBe(200);
    expect(r.body.flows).toContainEqual({ type: 'm.login.password' });
  });

  it('logs in with m.id.user or the legacy user field; a wrong password is 403 M_FORBIDDEN', async () => {
    await register(server, 'bob', 'bobs-password');
    const byIdentifier = await request(server, 'POST', '/_matrix/client/v3/login', {
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: 'bob' },
      password: 'bobs-password',
    });
    expect(byIdentifier.status).toBe(200);
    expect(byIdentifier.body.user_id).toBe('@bob:hs.test');
    const legacy = await request(server, 'POST', '/_matrix/client/v3/login', { type: 'm.login.password', user: '@bob:hs.test', password: 'bobs-password' });
    expect(legacy.status).toBe(200);
    expect(legacy.body.access_token).not.toBe(byIdentifier.body.access_token);

    const wrong = await request(server, 'POST', '/_matrix/client/v3/login', {
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: 'bob' },
      password: 'nope',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.errcode).toBe('M_FORBIDDEN');
    const nobody = await request(server, 'POST', '/_matrix/client/v3/login', { type: 'm.login.password', user: 'ghost', password: 'x' });
    expect(nobody.status).toBe(403);
    expect(nobody.body.errcode).toBe('M_FORBIDDEN');
    const badType = await request(server, 'POST', '/_matrix/client/v3/login', { type: 'm.login.token', token: 'abc' });
    expect(badType.status).toBe(400);
    expect(badType.body.errcode).toBe('M_UNKNOWN');
    const noPassword = await request(server, 'POST', '/_matrix/client/v3/login', { type: 'm.login.password', user: 'bob' });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.errcode).toBe('M_BAD_JSON');
  });

  it('logging in with an existing device_id invalidates that device’s old token', async () => {
    const carol = await register(server, 'carol');
    const again = await request(server, 'POST', '/_matrix/client/v3/login', {
      type: 'm.login.password',
      user: 'carol',
      password: 'correct horse battery staple',
      device_id: carol.deviceId,
    });
    expect(again.status).toBe(200);
    expect(again.body.device_id).toBe(carol.deviceId);
    expect((await carol.call('GET', '/_matrix/client/v3/account/whoami')).body.errcode).toBe('M_UNKNOWN_TOKEN');
  });

  it('rejects a missing token with M_MISSING_TOKEN and an unknown one with M_UNKNOWN_TOKEN', async () => {
    const missing = await request(server, 'GET', '/_matrix/client/v3/account/whoami');
    expect(missing.status).toBe(401);
    expect(missing.body.errcode).toBe('M_MISSING_TOKEN');
    const unknown = await request(server, 'GET', '/_matrix/client/v3/account/whoami', undefined, { token: 'mxt_not-a-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.errcode).toBe('M_UNKNOWN_TOKEN');
  });

  it('accepts the deprecated access_token query parameter', async () => {
    const dan = await register(server, 'dan');
    const r = await request(server, 'GET', `/_matrix/client/v3/account/whoami?access_token=${encodeURIComponent(dan.token)}`);
    expect(r.status).toBe(200);
    expect(r.body.user_id).toBe('@dan:hs.test');
  });

  it('logout invalidates only its token; logout/all invalidates every token', async () => {
    const erin = await register(server, 'erin', 'erins-password');
    const login = async () => {
      const r = await request(server, 'POST', '/_matrix/client/v3/login', { type: 'm.login.password', user: 'erin', password: 'erins-password' });
      return asUser(server, r.body.user_id, r.body.access_token, r.body.device_id);
    };
    const second = await login();
    expect((await erin.call('POST', '/_matrix/client/v3/logout')).status).toBe(200);
    expect((await erin.call('GET', '/_matrix/client/v3/account/whoami')).body.errcode).toBe('M_UNKNOWN_TOKEN');
    expect((await second.call('GET', '/_matrix/client/v3/account/whoami')).status).toBe(200);
    expect(await server.hs.services.store.getDevice(erin.userId, erin.deviceId)).toBeUndefined();

    const third = await login();
    expect((await third.call('POST', '/_matrix/client/v3/logout/all')).status).toBe(200);
    for (const u of [second, third]) expect((await u.call('GET', '/_matrix/client/v3/account/whoami')).body.errcode).toBe('M_UNKNOWN_TOKEN');
    expect(await server.hs.services.store.listDevices(erin.userId)).toEqual([]);
  });
});

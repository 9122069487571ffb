import {
  accountDataContentSchema,
  capabilitiesResponseSchema,
  discoveryInformationSchema,
  joinedRoomsResponseSchema,
  emailRequestTokenRequestSchema,
  loginFlowsResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  msisdnRequestTokenRequestSchema,
  registerAvailableResponseSchema,
  registerRequestSchema,
  registerResponseSchema,
  requestTokenResponseSchema,
  typingRequestSchema,
  versionsResponseSchema,
  whoamiResponseSchema,
} from '@maxtryx/entity';
import { describe, expect, it } from 'vitest';
import { expectLossless, expectRejectedAt } from './helpers.js';

describe('GET /versions', () => {
  it('accepts vX.Y and historical rX.Y.Z versions and unstable features', () => {
    expectLossless(versionsResponseSchema, { versions: ['r0.6.1', 'v1.1', 'v1.16'], unstable_features: { 'org.example.x': false } });
  });
  it('rejects versions outside the grammar, a missing list and non-boolean features', () => {
    expectRejectedAt(versionsResponseSchema, { versions: ['1.1'] }, 'versions.0');
    expectRejectedAt(versionsResponseSchema, { versions: ['v1.1', 'v1'] }, 'versions.1');
    expectRejectedAt(versionsResponseSchema, { versions: ['r0.6'] }, 'versions.0');
    expectRejectedAt(versionsResponseSchema, {}, 'versions');
    expectRejectedAt(versionsResponseSchema, { versions: [], unstable_features: { 'org.example.x': 'yes' } }, 'unstable_features.org.example.x');
  });
});

describe('POST /register', () => {
  it('accepts a registration with auth, and an empty body (guest)', () => {
    expectLossless(registerRequestSchema, {
      auth: { type: 'm.login.dummy', session: 'abc' },
      username: 'cheeky_monkey',
      password: 'ilovebananas',
      device_id: 'GHTYAJCE',
      initial_device_display_name: 'Jungle Phone',
      inhibit_login: false,
      refresh_token: true,
    });
    expectLossless(registerRequestSchema, {});
  });
  it('rejects wrong types and a bad auth dict', () => {
    expectRejectedAt(registerRequestSchema, { inhibit_login: 'no' }, 'inhibit_login');
    expectRejectedAt(registerRequestSchema, { username: 5 }, 'username');
    expectRejectedAt(registerRequestSchema, { device_id: '' }, 'device_id');
    expectRejectedAt(registerRequestSchema, { device_id: 'D'.repeat(256) }, 'device_id');
    expectRejectedAt(registerRequestSchema, { auth: {} }, 'auth.type');
  });
  it('response: requires a user ID of the strict grammar', () => {
    expectLossless(registerResponseSchema, { user_id: '@cheeky_monkey:matrix.org', expires_in_ms: 60000, home_server: 'matrix.org' });
    expectRejectedAt(registerResponseSchema, {}, 'user_id');
    expectRejectedAt(registerResponseSchema, { user_id: '@Cheeky:matrix.org' }, 'user_id');
    expectRejectedAt(registerResponseSchema, { user_id: `@${'a'.repeat(250)}:matrix.org` }, 'user_id');
    expectRejectedAt(registerResponseSchema, { user_id: '@a:matrix.org', expires_in_ms: -1 }, 'expires_in_ms');
    expectRejectedAt(registerResponseSchema, { user_id: '@a:matrix.org', home_server: 'bad_host' }, 'home_server');
  });
  it('available: a boolean', () => {
    expectLossless(registerAvailableResponseSchema, { available: true });
    expectRejectedAt(registerAvailableResponseSchema, { available: 'true' }, 'available');
  });
});

describe('POST /register/{email,msisdn}/requestToken', () => {
  const email = { client_secret: 'monkeys_are_GREAT', email: 'alice@example.org', send_attempt: 1 };
  it('accepts the identity service shapes', () => {
    expectLossless(emailRequestTokenRequestSchema, { ...email, next_link: 'https://example.org/congratulations.html' });
    expectLossless(msisdnRequestTokenRequestSchema, {
      client_secret: 'monkeys_are_GREAT',
      country: 'GB',
      phone_number: '07700900001',
      send_attempt: 1,
    });
    expectLossless(requestTokenResponseSchema, { sid: '123abc', submit_url: 'https://example.org/path/to/submitToken' });
  });
  it('rejects a client secret outside [0-9a-zA-Z.=_-] or over 255 characters', () => {
    expectRejectedAt(emailRequestTokenRequestSchema, { ...email, client_secret: 'no spaces' }, 'client_secret');
    expectRejectedAt(emailRequestTokenRequestSchema, { ...email, client_secret: 'a'.repeat(256) }, 'client_secret');
    expectRejectedAt(emailRequestTokenRequestSchema, { ...email, client_secret: '' }, 'client_secret');
    expectRejectedAt(requestTokenResponseSchema, { sid: 'a/b' }, 'sid');
  });
  it('rejects missing fields, a non-integer send_attempt, a bad next_link, id_server without token', () => {
    expectRejectedAt(emailRequestTokenRequestSchema, { client_secret: 'x', send_attempt: 1 }, 'email');
    expectRejectedAt(emailRequestTokenRequestSchema, { ...email, send_attempt: 1.5 }, 'send_attempt');
    expectRejectedAt(emailRequestTokenRequestSchema, { ...email, next_link: 'not a url' }, 'next_link');
    expectRejectedAt(emailRequestTokenRequestSchema, { ...email, id_server: 'id.example.com' }, 'id_access_token');
    expectRejectedAt(
      msisdnRequestTokenRequestSchema,
      { client_secret: 'x', country: 'United Kingdom', phone_number: '1', send_attempt: 1 },
      'country',
    );
  });
});

describe('GET and POST /login', () => {
  it('flows: accepts password, token and SSO flows', () => {
    expectLossless(loginFlowsResponseSchema, {
      flows: [
        { type: 'm.login.password' },
        { type: 'm.login.token', get_login_token: true },
        { type: 'm.login.sso', identity_providers: [{ id: 'com.example.idp.github', name: 'GitHub', brand: 'github' }] },
      ],
    });
  });
  it('flows: rejects a flow without type and a malformed IdP', () => {
    expectRejectedAt(loginFlowsResponseSchema, { flows: [{}] }, 'flows.0.type');
    expectRejectedAt(loginFlowsResponseSchema, { flows: [{ type: 'm.login.token', get_login_token: 'yes' }] }, 'flows.0.get_login_token');
    expectRejectedAt(
      loginFlowsResponseSchema,
      { flows: [{ type: 'm.login.sso', identity_providers: [{ id: 'x', name: 'X', icon: 'https://x/y.png' }] }] },
      'flows.0.identity_providers.0.icon',
    );
  });

  it('request: accepts password logins by identifier or the deprecated fields, and token logins', () => {
    expectLossless(loginRequestSchema, {
      type: 'm.login.password',
      identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'a@example.org' },
      password: 'p',
    });
    expectLossless(loginRequestSchema, { type: 'm.login.password', user: 'cheeky_monkey', password: 'p' });
    expectLossless(loginRequestSchema, { type: 'm.login.password', medium: 'email', address: 'a@example.org', password: 'p' });
    expectLossless(loginRequestSchema, { type: 'm.login.token', token: 'abc', device_id: 'ABC', refresh_token: true });
    expectLossless(loginRequestSchema, { type: 'org.example.custom', secret: 1 });
  });
  it('request: rejects what the login types require but lack', () => {
    expectRejectedAt(loginRequestSchema, { identifier: { type: 'm.id.user', user: 'a' }, password: 'p' }, 'type');
    expectRejectedAt(loginRequestSchema, { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'a' } }, 'password');
    expectRejectedAt(loginRequestSchema, { type: 'm.login.password', password: 'p' }, 'identifier');
    expectRejectedAt(loginRequestSchema, { type: 'm.login.password', address: 'a@example.org', password: 'p' }, 'identifier');
    expectRejectedAt(loginRequestSchema, { type: 'm.login.token' }, 'token');
    expectRejectedAt(loginRequestSchema, { type: 'm.login.password', medium: 'msisdn', address: '1', password: 'p' }, 'medium');
    expectRejectedAt(
      loginRequestSchema,
      { type: 'm.login.password', identifier: { type: 'm.id.nope' }, password: 'p' },
      'identifier.type',
    );
  });

  it('response: requires user_id, access_token and device_id; checks well_known', () => {
    const ok = { user_id: '@cheeky_monkey:matrix.org', access_token: 'abc123', device_id: 'GHTYAJCE' };
    expectLossless(loginResponseSchema, ok);
    for (const key of ['user_id', 'access_token', 'device_id'] as const) {
      const { [key]: _dropped, ...rest } = ok;
      expectRejectedAt(loginResponseSchema, rest, key);
    }
    expectRejectedAt(loginResponseSchema, { ...ok, user_id: 'cheeky_monkey' }, 'user_id');
    expectRejectedAt(loginResponseSchema, { ...ok, well_known: {} }, 'well_known.m.homeserver');
    expectRejectedAt(
      loginResponseSchema,
      { ...ok, well_known: { 'm.homeserver': { base_url: 'example.org' } } },
      'well_known.m.homeserver.base_url',
    );
  });
  it('discovery information: keeps custom keys, checks the identity server', () => {
    expectLossless(discoveryInformationSchema, {
      'm.homeserver': { base_url: 'https://matrix.example.com' },
      'org.example.custom.property': { app_url: 'https://custom.app.example.org' },
    });
    expectRejectedAt(
      discoveryInformationSchema,
      { 'm.homeserver': { base_url: 'https://matrix.example.com' }, 'm.identity_server': {} },
      'm.identity_server.base_url',
    );
  });
});

describe('GET /account/whoami', () => {
  it('accepts a user with or without device', () => {
    expectLossless(whoamiResponseSchema, { user_id: '@joe:example.org', device_id: 'ABC1234', is_guest: false });
    expectLossless(whoamiResponseSchema, { user_id: '@appservice:example.org' });
  });
  it('rejects a missing or malformed user_id and a non-boolean is_guest', () => {
    expectRejectedAt(whoamiResponseSchema, { device_id: 'ABC' }, 'user_id');
    expectRejectedAt(whoamiResponseSchema, { user_id: '@joe' }, 'user_id');
    expectRejectedAt(whoamiResponseSchema, { user_id: '@joe:example.org', is_guest: 'no' }, 'is_guest');
  });
});

describe('GET /joined_rooms, typing, account data', () => {
  it('joined_rooms: room IDs', () => {
    expectLossless(joinedRoomsResponseSchema, { joined_rooms: ['!foo:example.com'] });
    expectRejectedAt(joinedRoomsResponseSchema, {}, 'joined_rooms');
    expectRejectedAt(joinedRoomsResponseSchema, { joined_rooms: ['foo'] }, 'joined_rooms.0');
  });
  it('typing: a boolean, and a timeout when typing', () => {
    expectLossless(typingRequestSchema, { typing: true, timeout: 30000 });
    expectLossless(typingRequestSchema, { typing: false });
    expectRejectedAt(typingRequestSchema, { typing: true }, 'timeout');
    expectRejectedAt(typingRequestSchema, { timeout: 1 }, 'typing');
    expectRejectedAt(typingRequestSchema, { typing: true, timeout: -5 }, 'timeout');
    expectRejectedAt(typingRequestSchema, { typing: true, timeout: 0.5 }, 'timeout');
  });
  it('account data: a JSON object', () => {
    expectLossless(accountDataContentSchema, { custom_account_data_key: 'custom_config_value' });
    expect(accountDataContentSchema.safeParse(['x']).success).toBe(false);
    expect(accountDataContentSchema.safeParse('x').success).toBe(false);
  });
});

describe('GET /capabilities', () => {
  const caps = {
    'm.change_password': { enabled: false },
    'm.room_versions': { default: '11', available: { '11': 'stable', 'org.example.v13': 'unstable' } },
    'm.profile_fields': { enabled: true, disallowed: ['displayname'] },
    'm.account_moderation': { suspend: true, lock: false },
    'com.example.custom.ratelimit': { max_requests_per_hour: 600 },
  };
  it('accepts the defined capabilities and keeps custom ones', () => {
    expectLossless(capabilitiesResponseSchema, { capabilities: caps });
    expectLossless(capabilitiesResponseSchema, { capabilities: {} });
  });
  it('rejects malformed capabilities', () => {
    expectRejectedAt(capabilitiesResponseSchema, {}, 'capabilities');
    expectRejectedAt(capabilitiesResponseSchema, { capabilities: { 'm.change_password': {} } }, 'capabilities.m.change_password.enabled');
    expectRejectedAt(
      capabilitiesResponseSchema,
      { capabilities: { 'm.room_versions': { default: '11', available: { '11': 'beta' } } } },
      'capabilities.m.room_versions.available.11',
    );
    expectRejectedAt(
      capabilitiesResponseSchema,
      { capabilities: { 'm.room_versions': { default: 'V11', available: {} } } },
      'capabilities.m.room_versions.default',
    );
    expectRejectedAt(
      capabilitiesResponseSchema,
      { capabilities: { 'm.room_versions': { default: '1', available: { ['x'.repeat(33)]: 'stable' } } } },
      `capabilities.m.room_versions.available.${'x'.repeat(33)}`,
    );
    expectRejectedAt(capabilitiesResponseSchema, { capabilities: { 'm.account_moderation': { lock: 'no' } } }, 'capabilities.m.account_moderation.lock');
  });
});

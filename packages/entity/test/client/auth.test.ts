import {
  authDataSchema,
  authFlowsResponseSchema,
  dummyAuthDataSchema,
  passwordAuthDataSchema,
  registrationTokenAuthDataSchema,
  userIdentifierSchema,
} from '@maxtryx/entity';
import { describe, expect, it } from 'vitest';
import { expectLossless, expectRejectedAt } from './helpers.js';

describe('user-interactive authentication', () => {
  describe('authDataSchema', () => {
    it('accepts any auth type, and a session alone (stage completed out of band)', () => {
      expectLossless(authDataSchema, { type: 'm.login.dummy', session: 'xxxxx' });
      expectLossless(authDataSchema, { session: 'xxxxx' });
      expectLossless(authDataSchema, { type: 'example.type.foo', example_credential: 'verypoorsharedsecret' });
    });
    it('requires type or session', () => {
      expectRejectedAt(authDataSchema, {}, 'type');
      expectRejectedAt(authDataSchema, { example_credential: 'x' }, 'type');
    });
    it('rejects wrong types', () => {
      expectRejectedAt(authDataSchema, { type: 1, session: 'x' }, 'type');
      expectRejectedAt(authDataSchema, { type: 'm.login.dummy', session: 2 }, 'session');
      expectRejectedAt(authDataSchema, { type: '' }, 'type');
    });
  });

  describe('dummyAuthDataSchema and passwordAuthDataSchema', () => {
    it('accept the spec shapes', () => {
      expectLossless(dummyAuthDataSchema, { type: 'm.login.dummy', session: '<session ID>' });
      expectLossless(dummyAuthDataSchema, { type: 'm.login.dummy' });
      expectLossless(passwordAuthDataSchema, {
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: 'cheeky_monkey' },
        password: 'ilovebananas',
        session: 'abc',
      });
    });
    it('reject another type, a missing identifier or password', () => {
      expectRejectedAt(dummyAuthDataSchema, { type: 'm.login.password' }, 'type');
      expectRejectedAt(passwordAuthDataSchema, { type: 'm.login.password', password: 'x' }, 'identifier');
      expectRejectedAt(
        passwordAuthDataSchema,
        { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'a' } },
        'password',
      );
      expectRejectedAt(
        passwordAuthDataSchema,
        { type: 'm.login.password', identifier: { type: 'm.id.user' }, password: 'x' },
        'identifier.user',
      );
    });
  });

  describe('registrationTokenAuthDataSchema', () => {
    it('accepts an opaque token of up to 64 characters', () => {
      expectLossless(registrationTokenAuthDataSchema, { type: 'm.login.registration_token', token: 'fBVFdqVE', session: 's' });
      expectLossless(registrationTokenAuthDataSchema, { type: 'm.login.registration_token', token: 'a'.repeat(64) });
    });
    it('rejects an oversize token or one outside the opaque identifier grammar', () => {
      expectRejectedAt(registrationTokenAuthDataSchema, { type: 'm.login.registration_token', token: 'a'.repeat(65) }, 'token');
      expectRejectedAt(registrationTokenAuthDataSchema, { type: 'm.login.registration_token', token: 'a b' }, 'token');
      expectRejectedAt(registrationTokenAuthDataSchema, { type: 'm.login.registration_token', token: '' }, 'token');
    });
  });

  describe('userIdentifierSchema', () => {
    it('accepts the three identifier types', () => {
      expectLossless(userIdentifierSchema, { type: 'm.id.user', user: '@alice:example.org' });
      expectLossless(userIdentifierSchema, { type: 'm.id.thirdparty', medium: 'email', address: 'alice@example.org' });
      expectLossless(userIdentifierSchema, { type: 'm.id.phone', country: 'GB', phone: '07700900001' });
    });
    it('rejects an unknown type and missing or malformed fields', () => {
      expectRejectedAt(userIdentifierSchema, { type: 'm.id.email', address: 'a@b.c' }, 'type');
      expectRejectedAt(userIdentifierSchema, { type: 'm.id.thirdparty', medium: 'email' }, 'address');
      expectRejectedAt(userIdentifierSchema, { type: 'm.id.phone', country: 'gb', phone: '1' }, 'country');
      expectRejectedAt(userIdentifierSchema, { type: 'm.id.phone', country: 'GBR', phone: '1' }, 'country');
      expectRejectedAt(userIdentifierSchema, { type: 'm.id.user', user: 42 }, 'user');
    });
  });

  describe('authFlowsResponseSchema (the 401 body)', () => {
    const flows = {
      flows: [{ stages: ['example.type.foo', 'example.type.bar'] }, { stages: ['example.type.foo', 'example.type.baz'] }],
      params: { 'example.type.baz': { example_key: 'foobar' } },
      session: 'xxxxxx',
    };
    it('accepts the bodies of the spec prose, with completed stages and an error', () => {
      expectLossless(authFlowsResponseSchema, flows);
      expectLossless(authFlowsResponseSchema, { ...flows, completed: ['example.type.foo'] });
      expectLossless(authFlowsResponseSchema, {
        ...flows,
        errcode: 'M_FORBIDDEN',
        error: 'Invalid password',
        completed: ['example.type.foo'],
      });
      expectLossless(authFlowsResponseSchema, { flows: [{ stages: ['m.login.dummy'] }] });
    });
    it('rejects missing flows, flows without stages and non-object params', () => {
      expectRejectedAt(authFlowsResponseSchema, { session: 'x' }, 'flows');
      expectRejectedAt(authFlowsResponseSchema, { flows: [{}] }, 'flows.0.stages');
      expectRejectedAt(authFlowsResponseSchema, { flows: [{ stages: [''] }] }, 'flows.0.stages.0');
      expectRejectedAt(authFlowsResponseSchema, { flows: [], params: { 'm.login.terms': 'x' } }, 'params.m.login.terms');
      expectRejectedAt(authFlowsResponseSchema, { flows: [], completed: 'm.login.dummy' }, 'completed');
    });
    it('is told apart from a plain error body by its flows', () => {
      expect(authFlowsResponseSchema.safeParse({ errcode: 'M_FORBIDDEN', error: 'x' }).success).toBe(false);
    });
  });
});

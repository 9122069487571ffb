import { matrixErrorBodySchema } from '@maxtryx/entity';
import { describe, expect, it } from 'vitest';
import { expectLossless, expectRejectedAt } from '../client/helpers.js';
import { apiExamples, apiFamilyFiles } from '../spec-examples/spec-data.js';

describe('matrixErrorBodySchema (standard error response)', () => {
  it('parses every error example of the spec data losslessly', () => {
    let seen = 0;
    for (const family of ['client-server', 'server-server', 'application-service', 'identity']) {
      for (const file of apiFamilyFiles(family)) {
        for (const example of apiExamples(file)) {
          const body = example.value as { errcode?: unknown } | null;
          if (body === null || typeof body !== 'object' || typeof body.errcode !== 'string') continue;
          expectLossless(matrixErrorBodySchema, body);
          seen++;
        }
      }
    }
    expect(seen).toBeGreaterThan(100);
  });

  it('keeps the keys of specific codes and unknown keys', () => {
    expectLossless(matrixErrorBodySchema, { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: 2000 });
    expectLossless(matrixErrorBodySchema, { errcode: 'M_USER_LOCKED', error: 'This account has been locked', soft_logout: true });
    expectLossless(matrixErrorBodySchema, {
      errcode: 'M_USER_LIMIT_EXCEEDED',
      error: 'You have exceeded your storage quota of 10GB',
      info_uri: 'https://example.com/homeserver/about?limit_type=quota',
      can_upgrade: true,
    });
    expectLossless(matrixErrorBodySchema, { errcode: 'COM.EXAMPLE_THING', error: 'x', 'com.example.detail': [1, { a: null }] });
    // error.yaml requires only errcode (POST /login 403 example).
    expectLossless(matrixErrorBodySchema, { errcode: 'M_FORBIDDEN' });
  });

  it('rejects a missing, empty or non-string errcode', () => {
    expectRejectedAt(matrixErrorBodySchema, { error: 'no code' }, 'errcode');
    expectRejectedAt(matrixErrorBodySchema, { errcode: '', error: 'empty' }, 'errcode');
    expectRejectedAt(matrixErrorBodySchema, { errcode: 403, error: 'number' }, 'errcode');
  });

  it('rejects a non-string error', () => {
    expectRejectedAt(matrixErrorBodySchema, { errcode: 'M_UNKNOWN', error: { text: 'x' } }, 'error');
  });

  it('rejects a non-object body', () => {
    for (const bad of [null, 'M_FORBIDDEN', ['M_FORBIDDEN'], 42]) {
      expect(matrixErrorBodySchema.safeParse(bad).success).toBe(false);
    }
  });

  it('rejects retry_after_ms that is not a non-negative safe integer', () => {
    for (const bad of [-1, 1.5, '2000', 2 ** 53]) {
      expectRejectedAt(matrixErrorBodySchema, { errcode: 'M_LIMIT_EXCEEDED', error: 'slow', retry_after_ms: bad }, 'retry_after_ms');
    }
  });

  it('rejects a non-boolean soft_logout and can_upgrade', () => {
    expectRejectedAt(matrixErrorBodySchema, { errcode: 'M_UNKNOWN_TOKEN', error: 'x', soft_logout: 'true' }, 'soft_logout');
    expectRejectedAt(
      matrixErrorBodySchema,
      { errcode: 'M_USER_LIMIT_EXCEEDED', error: 'x', info_uri: 'https://example.org', can_upgrade: 1 },
      'can_upgrade',
    );
  });

  it('requires the keys some codes MUST carry', () => {
    expectRejectedAt(matrixErrorBodySchema, { errcode: 'M_RESOURCE_LIMIT_EXCEEDED', error: 'full' }, 'admin_contact');
    expectLossless(matrixErrorBodySchema, {
      errcode: 'M_RESOURCE_LIMIT_EXCEEDED',
      error: 'full',
      admin_contact: 'mailto:admin@example.org',
    });
    expectRejectedAt(matrixErrorBodySchema, { errcode: 'M_USER_LIMIT_EXCEEDED', error: 'quota' }, 'info_uri');
    expectRejectedAt(matrixErrorBodySchema, { errcode: 'M_INCOMPATIBLE_ROOM_VERSION', error: 'v' }, 'room_version');
    expectRejectedAt(matrixErrorBodySchema, { errcode: 'M_WRONG_ROOM_KEYS_VERSION', error: 'v' }, 'current_version');
  });

  it('checks status and body of M_BAD_STATUS only', () => {
    expectRejectedAt(matrixErrorBodySchema, { errcode: 'M_BAD_STATUS', error: 'x', status: '401' }, 'status');
    expectRejectedAt(matrixErrorBodySchema, { errcode: 'M_BAD_STATUS', error: 'x', body: { a: 1 } }, 'body');
    expectLossless(matrixErrorBodySchema, { errcode: 'COM.EXAMPLE_PROXY', error: 'x', status: 'teapot', body: { a: 1 } });
  });
});

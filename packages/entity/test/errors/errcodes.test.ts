import {
  commonErrcodes,
  endpointErrcodes,
  errcodeHttpStatus,
  identityServiceErrcodes,
  isMatrixErrcode,
  isNamespacedErrcode,
  matrixErrcodes,
  otherErrcodes,
  serverServerErrcodes,
  usualHttpStatus,
} from '@maxtryx/entity';
import { describe, expect, it } from 'vitest';
import { apiExamples, apiFamilyFiles } from '../spec-examples/spec-data.js';

/** Every error example (a body with a string `errcode`) in the vendored API data. */
function errorExamples(): Array<{ id: string; status: number; body: Record<string, unknown> & { errcode: string } }> {
  const out = [];
  for (const family of ['client-server', 'server-server', 'application-service', 'identity', 'push-gateway']) {
    for (const file of apiFamilyFiles(family)) {
      for (const example of apiExamples(file)) {
        const body = example.value as Record<string, unknown> | null;
        if (body !== null && typeof body === 'object' && typeof body.errcode === 'string') {
          const status = Number(example.id.split(' ').at(-2));
          out.push({ id: example.id, status, body: body as Record<string, unknown> & { errcode: string } });
        }
      }
    }
  }
  return out;
}

describe('errcodes', () => {
  it('lists each code once, and the groups make up the whole list', () => {
    expect(new Set(matrixErrcodes).size).toBe(matrixErrcodes.length);
    expect(matrixErrcodes.length).toBe(
      commonErrcodes.length +
        otherErrcodes.length +
        endpointErrcodes.length +
        serverServerErrcodes.length +
        identityServiceErrcodes.length,
    );
  });

  it('has the common and other codes of the client-server "Standard error response"', () => {
    for (const code of ['M_FORBIDDEN', 'M_UNKNOWN_TOKEN', 'M_USER_LIMIT_EXCEEDED', 'M_UNKNOWN_DEVICE']) {
      expect(commonErrcodes).toContain(code);
    }
    for (const code of ['M_ROOM_IN_USE', 'M_USER_IN_USE', 'M_INCOMPATIBLE_ROOM_VERSION', 'M_BAD_STATE']) {
      expect(otherErrcodes).toContain(code);
    }
    expect(serverServerErrcodes).toEqual(['M_UNABLE_TO_AUTHORISE_JOIN', 'M_UNABLE_TO_GRANT_JOIN']);
  });

  const examples = errorExamples();

  it('knows every M_ code used by an error example of the spec data', () => {
    expect(examples.length).toBeGreaterThan(100);
    const unknown = examples.filter((e) => e.body.errcode.startsWith('M_') && !isMatrixErrcode(e.body.errcode));
    expect(unknown.map((e) => `${e.id}: ${e.body.errcode}`)).toEqual([]);
  });

  it('pairs each code with the status its spec examples use, except where an endpoint differs', () => {
    // Endpoints that use another status than the usual one, per their own descriptions.
    const exceptions = new Set([
      'M_BAD_JSON 405', // account-data.yaml: 405 when the type is managed by the server
      'M_TOO_LARGE 502', // media download and thumbnail: the remote file is too large
      'M_FORBIDDEN 400', // server-server room_policy.yaml POST /sign
    ]);
    const mismatches = examples.filter((e) => {
      const usual = usualHttpStatus(e.body.errcode);
      return usual !== undefined && usual !== e.status && !exceptions.has(`${e.body.errcode} ${e.status}`);
    });
    expect(mismatches.map((e) => `${e.id}: ${e.body.errcode}`)).toEqual([]);
  });

  it('names the statuses the prose gives', () => {
    expect(usualHttpStatus('M_LIMIT_EXCEEDED')).toBe(429);
    expect(usualHttpStatus('M_UNKNOWN_TOKEN')).toBe(401);
    expect(usualHttpStatus('M_MISSING_TOKEN')).toBe(401);
    expect(usualHttpStatus('M_USER_LOCKED')).toBe(401);
    expect(usualHttpStatus('M_USER_SUSPENDED')).toBe(403);
    expect(usualHttpStatus('M_UNRECOGNIZED')).toBe(404);
    expect(usualHttpStatus('M_UNKNOWN')).toBeUndefined();
    expect(usualHttpStatus('COM.EXAMPLE_FOO')).toBeUndefined();
    expect(Object.isFrozen(errcodeHttpStatus)).toBe(true);
    for (const [code, status] of Object.entries(errcodeHttpStatus)) {
      expect(isMatrixErrcode(code), code).toBe(true);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });

  it('tells spec codes from custom ones', () => {
    expect(isMatrixErrcode('M_FORBIDDEN')).toBe(true);
    expect(isMatrixErrcode('M_NOT_A_CODE')).toBe(false);
    expect(isMatrixErrcode('COM.MYDOMAIN.HERE_FORBIDDEN')).toBe(false);
    expect(isMatrixErrcode(42)).toBe(false);
  });

  it('checks the recommended namespace shape of codes', () => {
    for (const ok of ['M_FORBIDDEN', 'M_USER_IN_USE', 'COM.MYDOMAIN.HERE_FORBIDDEN', 'COM.EXAMPLE.MYAPPSERVICE_NOT_FOUND']) {
      expect(isNamespacedErrcode(ok), ok).toBe(true);
    }
    for (const bad of ['forbidden', 'M_', '_FORBIDDEN', 'M__', 'm_forbidden', 'COM..X_Y', 'M FORBIDDEN', '', 7]) {
      expect(isNamespacedErrcode(bad), String(bad)).toBe(false);
    }
    for (const code of matrixErrcodes) expect(isNamespacedErrcode(code), code).toBe(true);
  });
});

/**
 * `/_matrix/key/v2/server` and the notary endpoints `/_matrix/key/v2/query`.
 *
 * @module
 */
import { MatrixError, isValidServerName } from '@maxtryx/entity';
import { isJsonObject } from '@maxtryx/federation-core';
import type { Router } from '../http/router.js';
import type { Services } from '../services.js';

/** The most servers one notary query may ask about. */
const MAX_NOTARY_SERVERS = 100;

/** Registers the key endpoints (no authentication: they are how keys are learnt). */
export function registerKeyRoutes(router: Router, services: Services): void {
  router.on('GET', '/_matrix/key/v2/server', () => ({ status: 200, body: services.keyRing.ownKeyDocument(services.now()) }));
  router.on('GET', '/_matrix/key/v2/server/:keyId', () => ({ status: 200, body: services.keyRing.ownKeyDocument(services.now()) }));

  const answer = async (serverNames: string[]) => {
    const serverKeys = [];
    for (const name of serverNames) {
      for (const doc of await services.keyRing.documentsFor(name)) serverKeys.push(services.keyRing.notarise(doc));
    }
    return { status: 200, body: { server_keys: serverKeys } };
  };
  router.on('GET', '/_matrix/key/v2/query/:serverName', async (ctx) => {
    if (!isValidServerName(ctx.params.serverName)) throw new MatrixError('M_INVALID_PARAM', 'not a server name', { httpStatus: 400 });
    return answer([ctx.params.serverName!]);
  });
  router.on('POST', '/_matrix/key/v2/query', async (ctx) => {
    const body = await ctx.json();
    if (!isJsonObject(body) || !isJsonObject(body.server_keys)) {
      throw new MatrixError('M_BAD_JSON', 'server_keys must be an object', { httpStatus: 400 });
    }
    const names = Object.keys(body.server_keys);
    if (names.length > MAX_NOTARY_SERVERS) throw new MatrixError('M_INVALID_PARAM', `at most ${MAX_NOTARY_SERVERS} servers`, { httpStatus: 400 });
    if (!names.every((n) => isValidServerName(n))) throw new MatrixError('M_INVALID_PARAM', 'invalid server name', { httpStatus: 400 });
    return answer(names);
  });
}

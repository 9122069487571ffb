/**
 * `GET /_matrix/client/v3/sync` (client-server API "Syncing"): `since`, `filter`,
 * `full_state`, `set_presence`, `timeout` (bounded to {@link MAX_SYNC_TIMEOUT_MS}).
 *
 * @module
 */
import { MatrixError } from '@maxtryx/entity';
import type { Router } from '../http/router.js';
import { authenticate } from './access-token.js';
import type { ClientServices } from './client-services.js';
import { intQuery } from './params.js';
import { resolveFilter } from './sync-filter.js';
import { MAX_SYNC_TIMEOUT_MS, runSync } from './sync.js';
import { parseSyncToken } from './tokens.js';

/** Registers `/sync`. */
export function registerSyncRoutes(router: Router, cs: ClientServices): void {
  const { services } = cs;
  router.on('GET', '/_matrix/client/v3/sync', async (ctx) => {
    const me = await authenticate(ctx, services);
    const sinceRaw = ctx.query.get('since');
    const since = sinceRaw ? parseSyncToken(sinceRaw) : undefined;
    const fullStateRaw = ctx.query.get('full_state');
    if (fullStateRaw !== null && fullStateRaw !== 'true' && fullStateRaw !== 'false') {
      throw new MatrixError('M_INVALID_PARAM', 'full_state must be true or false', { httpStatus: 400 });
    }
    const setPresence = ctx.query.get('set_presence');
    if (setPresence !== null && !['online', 'offline', 'unavailable'].includes(setPresence)) {
      throw new MatrixError('M_INVALID_PARAM', 'set_presence must be online, offline or unavailable', { httpStatus: 400 });
    }
    const filter = resolveFilter(cs, me.userId, ctx.query.get('filter'));
    const timeoutMs = intQuery(ctx, 'timeout', 0, MAX_SYNC_TIMEOUT_MS);
    // Stop waiting when the client goes away.
    const abort = new AbortController();
    const onClose = () => abort.abort();
    ctx.req.socket.once('close', onClose);
    try {
      const body = await runSync(cs, { viewer: me, since, fullState: fullStateRaw === 'true', filter, timeoutMs }, abort.signal);
      return { status: 200, body };
    } finally {
      ctx.req.socket.off('close', onClose);
    }
  });
}

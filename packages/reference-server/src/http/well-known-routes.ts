/**
 * Serving `/.well-known/matrix/server` (server-server API, "Resolving server names": the
 * delegated server name) and `/.well-known/matrix/client` (client-server API, "Server
 * Discovery": the homeserver base URL), when configured (`wellKnown` in the config).
 *
 * @module
 */
import { MatrixError } from '@maxtryx/entity';
import type { ServerConfig } from '../config.js';
import type { Router } from './router.js';

/** How long others may cache the documents (the spec recommends caching them; 24 hours without a header). */
const CACHE_CONTROL = 'max-age=3600';

/** Registers the two well-known documents; an unconfigured one is `404 M_NOT_FOUND`. */
export function registerWellKnownRoutes(router: Router, config: Pick<ServerConfig, 'wellKnown'>): void {
  const notConfigured = (what: string): never => {
    throw new MatrixError('M_NOT_FOUND', `no ${what} delegation is configured`, { httpStatus: 404 });
  };
  router.on('GET', '/.well-known/matrix/server', () => {
    const server = config.wellKnown?.server ?? notConfigured('server');
    return { status: 200, body: { 'm.server': server }, headers: { 'cache-control': CACHE_CONTROL } };
  });
  router.on('GET', '/.well-known/matrix/client', () => {
    const baseUrl = config.wellKnown?.client ?? notConfigured('client');
    return { status: 200, body: { 'm.homeserver': { base_url: baseUrl } }, headers: { 'cache-control': CACHE_CONTROL } };
  });
}

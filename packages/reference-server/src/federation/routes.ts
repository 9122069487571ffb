/**
 * Every federation route.
 *
 * @module
 */
import type { Router } from '../http/router.js';
import type { Services } from '../services.js';
import { registerKeyRoutes } from './key-routes.js';

/** Registers the server-server API. */
export function registerFederationRoutes(router: Router, services: Services): void {
  registerKeyRoutes(router, services);
  router.on('GET', '/_matrix/federation/v1/version', () => ({
    status: 200,
    body: { server: { name: 'maxtryx', version: '0.1.0' } },
  }));
}

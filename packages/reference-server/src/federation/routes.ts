/**
 * Every federation route.
 *
 * @module
 */
import type { Router } from '../http/router.js';
import type { Services } from '../services.js';
import { registerEventRoutes } from './event-routes.js';
import { registerHistoryRoutes } from './history-routes.js';
import { registerInviteRoutes } from './invite-routes.js';
import { registerKeyRoutes } from './key-routes.js';
import { registerMembershipRoutes } from './membership-routes.js';
import { registerQueryRoutes } from './query-routes.js';
import { registerTransactionRoutes } from './transaction-routes.js';

/** Registers the server-server API. */
export function registerFederationRoutes(router: Router, services: Services): void {
  registerKeyRoutes(router, services);
  router.on('GET', '/_matrix/federation/v1/version', () => ({
    status: 200,
    body: { server: { name: 'maxtryx', version: '0.1.0' } },
  }));
  registerTransactionRoutes(router, services);
  registerEventRoutes(router, services);
  registerHistoryRoutes(router, services);
  registerMembershipRoutes(router, services);
  registerInviteRoutes(router, services);
  registerQueryRoutes(router, services);
}

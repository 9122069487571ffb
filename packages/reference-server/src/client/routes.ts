/**
 * Every client-server route.
 *
 * @module
 */
import type { Router } from '../http/router.js';
import type { Services } from '../services.js';
import { registerAccountRoutes } from './account-routes.js';
import { createClientServices, type ClientServices } from './client-services.js';
import { registerDirectoryRoutes } from './directory-routes.js';
import { registerEventRoutes } from './event-routes.js';
import { registerMiscRoutes } from './misc-routes.js';
import { registerProfileRoutes } from './profile-routes.js';
import { registerRoomRoutes } from './room-routes.js';
import { registerSyncRoutes } from './sync-routes.js';

/** The spec versions this server speaks. */
export const SUPPORTED_VERSIONS = ['v1.1', 'v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6', 'v1.7', 'v1.8', 'v1.9', 'v1.10', 'v1.11', 'v1.12'];

/** Registers the client-server API; returns its parts (for tests and the server's own use). */
export function registerClientRoutes(router: Router, services: Services): ClientServices {
  const cs = createClientServices(services);
  // GET /_matrix/client/versions (no authentication).
  router.on('GET', '/_matrix/client/versions', () => ({ status: 200, body: { versions: SUPPORTED_VERSIONS, unstable_features: {} } }));
  registerAccountRoutes(router, cs);
  registerRoomRoutes(router, cs);
  registerEventRoutes(router, cs);
  registerDirectoryRoutes(router, cs);
  registerProfileRoutes(router, cs);
  registerMiscRoutes(router, cs);
  registerSyncRoutes(router, cs);
  return cs;
}

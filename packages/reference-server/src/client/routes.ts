/**
 * Every client-server route.
 *
 * @module
 */
import type { Router } from '../http/router.js';
import type { Services } from '../services.js';

/** The spec versions this server speaks. */
export const SUPPORTED_VERSIONS = ['v1.1', 'v1.2', 'v1.3', 'v1.4', 'v1.5', 'v1.6', 'v1.7', 'v1.8', 'v1.9', 'v1.10', 'v1.11', 'v1.12'];

/** Registers the client-server API. */
export function registerClientRoutes(router: Router, _services: Services): void {
  router.on('GET', '/_matrix/client/versions', () => ({ status: 200, body: { versions: SUPPORTED_VERSIONS, unstable_features: {} } }));
}

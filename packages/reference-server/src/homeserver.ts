/**
 * The homeserver: opens storage, loads (or creates) the signing key, wires the room
 * core, federation and the HTTP routes, and listens.
 *
 * @module
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { registerClientRoutes } from './client/routes.js';
import type { ServerConfig } from './config.js';
import { EphemeralState } from './ephemeral.js';
import { FederationClient } from './federation/client.js';
import { createWellKnownFetcher } from './federation/well-known.js';
import { registerWellKnownRoutes } from './http/well-known-routes.js';
import { KeyRing } from './federation/key-ring.js';
import { registerFederationRoutes } from './federation/routes.js';
import { TransactionSender } from './federation/sender.js';
import { Router } from './http/router.js';
import { createRequestListener } from './http/serve.js';
import { createLogger, type Logger } from './logger.js';
import { openStore } from './open-store.js';
import { ProfileDirectory } from './profiles.js';
import { RoomService } from './rooms/room-service.js';
import type { Services } from './services.js';
import { loadOrCreateSigningKeys } from './signing-key-file.js';

/** A running homeserver. */
export interface Homeserver {
  readonly services: Services;
  /** The port it listens on. */
  readonly port: number;
  /** Stops listening, the sender, and closes the store. */
  stop(): Promise<void>;
}

/** Starts a homeserver with `config`. */
export async function startHomeserver(config: ServerConfig, logger: Logger = createLogger(config.logLevel)): Promise<Homeserver> {
  const store = await openStore(config);
  const keys = loadOrCreateSigningKeys(join(config.dataDir, 'signing.key'));
  const federation = new FederationClient({
    serverName: config.serverName,
    key: keys[0]!,
    scheme: config.federation.scheme,
    allowSelfSigned: config.federation.allowSelfSigned,
    requestTimeoutMs: config.federation.requestTimeoutMs,
    discovery: {
      overrides: config.federation.hostOverrides,
      fetchWellKnown: createWellKnownFetcher({ allowSelfSigned: config.federation.allowSelfSigned, timeoutMs: config.federation.requestTimeoutMs }),
    },
  });
  const keyRing = new KeyRing(config.serverName, keys, federation, logger);
  const sender = new TransactionSender(federation, logger);
  const now = () => Date.now();
  const rooms = new RoomService({ store, serverName: config.serverName, signingKey: () => keyRing.signingKey, sender, logger, now });
  const services: Services = {
    config,
    store,
    keyRing,
    rooms,
    federation,
    sender,
    logger,
    now,
    ephemeral: new EphemeralState(now),
    profiles: new ProfileDirectory(),
  };

  const router = new Router();
  registerFederationRoutes(router, services);
  registerClientRoutes(router, services);
  registerWellKnownRoutes(router, config);
  const listener = createRequestListener(router, logger, config.limits.maxRequestBytes);
  const server: Server = config.tls
    ? createHttpsServer({ cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }, listener)
    : createHttpServer(listener);
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.bindAddress, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  logger.info('listening', { serverName: config.serverName, address: config.bindAddress, port, tls: Boolean(config.tls), storage: config.storage });

  let stopped = false;
  return {
    services,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      sender.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}

#!/usr/bin/env node
/**
 * `pnpm start`: the reference homeserver on embedded SQLite, configured from the
 * environment (see config.ts). Stops cleanly on SIGINT and SIGTERM.
 */
import { loadConfig } from './config.js';
import { startHomeserver } from './homeserver.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const server = await startHomeserver(config, logger);
  const stop = (signal: string) => {
    logger.info('stopping', { signal });
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('error while stopping', { err: err as Error });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`maxtryx: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

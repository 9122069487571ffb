/**
 * Opens the configured store. The native drivers are loaded only for the storage that needs them.
 *
 * @module
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStore, type Store } from '@maxtryx/storage-adapters';
import type { ServerConfig } from './config.js';

/** Opens the store named by `config.storage`, creating the data folder when needed. */
export async function openStore(config: ServerConfig): Promise<Store> {
  switch (config.storage) {
    case 'memory':
      return new MemoryStore();
    case 'sqlite-memory': {
      const { SqliteStore } = await import('@maxtryx/storage-adapters/sqlite');
      return SqliteStore.open(':memory:');
    }
    case 'sqlite': {
      mkdirSync(config.dataDir, { recursive: true });
      const { SqliteStore } = await import('@maxtryx/storage-adapters/sqlite');
      return SqliteStore.open(join(config.dataDir, 'homeserver.sqlite'));
    }
    case 'surrealkv': {
      mkdirSync(config.dataDir, { recursive: true });
      const { SurrealStore } = await import('@maxtryx/storage-adapters/surrealdb');
      return SurrealStore.open(`surrealkv://${join(config.dataDir, 'surrealkv')}`);
    }
  }
}

/**
 * What every route handler can reach: configuration, storage, keys, the room core,
 * outbound federation, logs.
 *
 * @module
 */
import type { Store } from '@maxtryx/storage-adapters';
import type { ServerConfig } from './config.js';
import type { EphemeralState } from './ephemeral.js';
import type { FederationClient } from './federation/client.js';
import type { KeyRing } from './federation/key-ring.js';
import type { TransactionSender } from './federation/sender.js';
import type { Logger } from './logger.js';
import type { ProfileDirectory } from './profiles.js';
import type { RoomService } from './rooms/room-service.js';

/** The server's parts, handed to every route module. */
export interface Services {
  readonly config: ServerConfig;
  readonly store: Store;
  readonly keyRing: KeyRing;
  readonly rooms: RoomService;
  readonly federation: FederationClient;
  readonly sender: TransactionSender;
  readonly logger: Logger;
  /** Typing, receipts and presence (in memory), and the wake-up signal of `/sync`. */
  readonly ephemeral: EphemeralState;
  /** Local users' global profiles. */
  readonly profiles: ProfileDirectory;
  /** The current time in ms (overridable in tests). */
  readonly now: () => number;
}

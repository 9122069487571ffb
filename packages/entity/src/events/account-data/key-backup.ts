/**
 * `m.key_backup` (client-server "Server-side key backups", account data).
 *
 * @module
 */
import { z } from 'zod';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.key_backup`. */
export const keyBackupContentSchema = z.looseObject({
  enabled: z.boolean(),
});

/** Content of `m.key_backup`. */
export type KeyBackupContent = z.infer<typeof keyBackupContentSchema>;

/** A client-format `m.key_backup` event. */
export const keyBackupEventSchema = defineBasicEvent('m.key_backup', keyBackupContentSchema);

/** A client-format `m.key_backup` event. */
export type KeyBackupEvent = z.infer<typeof keyBackupEventSchema>;

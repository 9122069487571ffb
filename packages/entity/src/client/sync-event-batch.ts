/**
 * A batch of basic events in `GET /_matrix/client/v3/sync` (definitions/event_batch.yaml):
 * `presence`, `account_data` and a room's `ephemeral` and `account_data`.
 *
 * @module
 */
import { z } from 'zod';
import { basicEventSchema } from '../events/client-event.js';

/** Events of any type, each with `type` and `content` (other keys such as `sender` are kept). */
export const syncEventBatchSchema = z.looseObject({
  events: z.array(basicEventSchema).optional(),
});

/** A batch of basic events in `/sync`. */
export type SyncEventBatch = z.infer<typeof syncEventBatchSchema>;

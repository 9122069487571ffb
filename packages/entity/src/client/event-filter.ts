/**
 * `EventFilter` of a sync filter (client-server "Filtering", definitions/event_filter.yaml).
 *
 * @module
 */
import { z } from 'zod';
import { userIdSchema } from './internal-fields.js';

/** The fields of an event filter, shared with the room event filter. */
export const eventFilterShape = {
  /** The maximum number of events to return, "an integer greater than 0". */
  limit: z.int().min(1).optional(),
  not_senders: z.array(userIdSchema).optional(),
  not_types: z.array(z.string()).optional(),
  senders: z.array(userIdSchema).optional(),
  types: z.array(z.string()).optional(),
};

/**
 * An event filter: `limit`, `types` / `not_types` (a `*` matches any sequence of
 * characters) and `senders` / `not_senders`.
 */
export const eventFilterSchema = z.looseObject(eventFilterShape);

/** An event filter. */
export type EventFilter = z.infer<typeof eventFilterSchema>;

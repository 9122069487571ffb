/**
 * A sync filter (client-server "Filtering", definitions/sync_filter.yaml): the body of
 * `POST /_matrix/client/v3/user/{userId}/filter` and of the 200 response of
 * `GET /_matrix/client/v3/user/{userId}/filter/{filterId}`.
 *
 * @module
 */
import { z } from 'zod';
import { eventFilterSchema } from './event-filter.js';
import { roomFilterSchema } from './room-filter.js';

/**
 * A filter: `event_fields` (dot-separated paths to include), `event_format` (`client` or
 * `federation`), and filters for `presence`, `account_data` and `room`.
 */
export const filterSchema = z.looseObject({
  event_fields: z.array(z.string().min(1)).optional(),
  event_format: z.enum(['client', 'federation']).optional(),
  presence: eventFilterSchema.optional(),
  account_data: eventFilterSchema.optional(),
  room: roomFilterSchema.optional(),
});

/** A sync filter. */
export type Filter = z.infer<typeof filterSchema>;

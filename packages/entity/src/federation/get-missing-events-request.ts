import { z } from 'zod';
import { eventIdSchema } from '../identifiers/index.js';

/**
 * Request body of `POST /_matrix/federation/v1/get_missing_events/{roomId}`: walk the
 * `prev_events` of `latest_events`, skipping `earliest_events`, up to `limit` events
 * (default 10) no deeper than `min_depth` (default 0).
 */
// server-server API: POST /get_missing_events/{roomId} request
export const getMissingEventsRequestSchema = z.looseObject({
  limit: z.int().min(0).optional(),
  min_depth: z.int().optional(),
  earliest_events: z.array(eventIdSchema),
  latest_events: z.array(eventIdSchema),
});

/** Request body of `POST /get_missing_events`. */
export type GetMissingEventsRequest = z.infer<typeof getMissingEventsRequestSchema>;

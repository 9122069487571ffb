import { z } from 'zod';
import { eventIdSchema } from '../identifiers/index.js';

/** Response of `GET /_matrix/federation/v1/timestamp_to_event/{roomId}`: the closest event and its timestamp. */
// server-server API: GET /timestamp_to_event/{roomId} response
export const timestampToEventResponseSchema = z.looseObject({
  event_id: eventIdSchema,
  origin_server_ts: z.int(),
});

/** Response of `GET /timestamp_to_event`. */
export type TimestampToEventResponse = z.infer<typeof timestampToEventResponseSchema>;

import { z } from 'zod';
import { rawPduSchema } from '../pdu/index.js';

/** Response of `POST /_matrix/federation/v1/get_missing_events/{roomId}`: the missing events (PDUs). */
// server-server API: POST /get_missing_events/{roomId} response
export const getMissingEventsResponseSchema = z.looseObject({
  events: z.array(rawPduSchema),
});

/** Response of `POST /get_missing_events`. */
export type GetMissingEventsResponse = z.infer<typeof getMissingEventsResponseSchema>;

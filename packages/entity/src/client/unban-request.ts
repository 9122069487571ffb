/**
 * `POST /_matrix/client/v3/rooms/{roomId}/unban` request body (client-server "Room membership", banning.yaml). The 200 response is
 * {@link emptyResponseSchema}.
 *
 * @module
 */
import { z } from 'zod';
import { userIdSchema } from './internal-fields.js';

/** Unban request: `user_id` (the user to unban) and an optional `reason`. */
export const unbanRequestSchema = z.looseObject({
  user_id: userIdSchema,
  reason: z.string().optional(),
});

/** Unban request body. */
export type UnbanRequest = z.infer<typeof unbanRequestSchema>;

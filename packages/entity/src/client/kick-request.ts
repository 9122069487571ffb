/**
 * `POST /_matrix/client/v3/rooms/{roomId}/kick` request body (client-server "Room membership", kicking.yaml). The 200 response is
 * {@link emptyResponseSchema}.
 *
 * @module
 */
import { z } from 'zod';
import { userIdSchema } from './internal-fields.js';

/** Kick request: `user_id` (the user to kick) and an optional `reason`. */
export const kickRequestSchema = z.looseObject({
  user_id: userIdSchema,
  reason: z.string().optional(),
});

/** Kick request body. */
export type KickRequest = z.infer<typeof kickRequestSchema>;

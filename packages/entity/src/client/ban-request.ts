/**
 * `POST /_matrix/client/v3/rooms/{roomId}/ban` request body (client-server "Room membership", banning.yaml). The 200 response is
 * {@link emptyResponseSchema}.
 *
 * @module
 */
import { z } from 'zod';
import { userIdSchema } from './internal-fields.js';

/** Ban request: `user_id` (the user to ban) and an optional `reason`. */
export const banRequestSchema = z.looseObject({
  user_id: userIdSchema,
  reason: z.string().optional(),
});

/** Ban request body. */
export type BanRequest = z.infer<typeof banRequestSchema>;

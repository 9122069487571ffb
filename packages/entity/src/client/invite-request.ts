/**
 * `POST /_matrix/client/v3/rooms/{roomId}/invite` request body (client-server "Room membership", inviting.yaml). The 200 response is
 * {@link emptyResponseSchema}.
 *
 * @module
 */
import { z } from 'zod';
import { userIdSchema } from './internal-fields.js';

/** Invite request: `user_id` (the user to invite) and an optional `reason`. */
export const inviteRequestSchema = z.looseObject({
  user_id: userIdSchema,
  reason: z.string().optional(),
});

/** Invite request body. */
export type InviteRequest = z.infer<typeof inviteRequestSchema>;

/**
 * `POST /_matrix/client/v3/rooms/{roomId}/leave` request body (client-server "Leaving
 * rooms"). The 200 response is {@link emptyResponseSchema}.
 *
 * @module
 */
import { z } from 'zod';

/** Leave request: optional `reason` (v1.1). */
export const leaveRoomRequestSchema = z.looseObject({
  reason: z.string().optional(),
});

/** Leave request body. */
export type LeaveRoomRequest = z.infer<typeof leaveRoomRequestSchema>;

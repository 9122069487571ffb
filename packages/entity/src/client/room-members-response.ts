/**
 * `GET /_matrix/client/v3/rooms/{roomId}/members` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { clientEventSchema } from './client-event.js';

/** The `m.room.member` events of a room: `chunk`, in client format. */
export const roomMembersResponseSchema = z.looseObject({
  chunk: z
    .array(
      clientEventSchema.refine((event) => event.type === 'm.room.member' && event.state_key !== undefined, {
        message: 'chunk holds m.room.member state events',
        path: ['type'],
      }),
    )
    .optional(),
});

/** The member events of a room. */
export type RoomMembersResponse = z.infer<typeof roomMembersResponseSchema>;

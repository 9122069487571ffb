import { z } from 'zod';
import { publishedRoomShape } from './published-room-chunk.js';

/** One published room of a `/publicRooms` response (client-server `PublishedRoomsChunk`). */
// server-server API: GET/POST /publicRooms response `chunk` items (public_rooms_chunk.yaml)
export const federationPublishedRoomSchema = z.looseObject(publishedRoomShape);

/** One published room. */
export type FederationPublishedRoom = z.infer<typeof federationPublishedRoomSchema>;

/**
 * Response of `GET` and `POST /_matrix/federation/v1/publicRooms`: a page of the server's
 * published room directory (client-server definitions/public_rooms_response.yaml).
 */
// server-server API: GET /publicRooms and POST /publicRooms response
export const federationPublicRoomsResponseSchema = z.looseObject({
  chunk: z.array(federationPublishedRoomSchema),
  next_batch: z.string().optional(),
  prev_batch: z.string().optional(),
  total_room_count_estimate: z.int().min(0).optional(),
});

/** Response of `/publicRooms` over federation. */
export type FederationPublicRoomsResponse = z.infer<typeof federationPublicRoomsResponseSchema>;

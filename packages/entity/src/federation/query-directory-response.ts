import { z } from 'zod';
import { roomIdSchema, serverNameSchema } from '../identifiers/index.js';

/** Response of `GET /_matrix/federation/v1/query/directory`: the room an alias maps to and servers likely in it. */
// server-server API: GET /query/directory response
export const queryDirectoryResponseSchema = z.looseObject({
  room_id: roomIdSchema,
  servers: z.array(serverNameSchema),
});

/** Response of `GET /query/directory`. */
export type QueryDirectoryResponse = z.infer<typeof queryDirectoryResponseSchema>;

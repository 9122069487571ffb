/**
 * `POST /_matrix/client/v3/knock/{roomIdOrAlias}` request body (client-server "Knocking
 * on rooms", v1.1).
 *
 * @module
 */
import { z } from 'zod';

/** Knock request: optional `reason`. */
export const knockRoomRequestSchema = z.looseObject({
  reason: z.string().optional(),
});

/** Knock request body. */
export type KnockRoomRequest = z.infer<typeof knockRoomRequestSchema>;

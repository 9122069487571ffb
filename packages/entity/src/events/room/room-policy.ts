/**
 * `m.room.policy` (client-server "m.room.policy" (policy servers, v1.16)).
 *
 * @module
 */
import { z } from 'zod';
import { serverNameSchema } from '../../identifiers/schemas.js';
import { defineStateEvent } from '../client-event.js';

/** Content of `m.room.policy`. */
export const roomPolicyContentSchema = z.looseObject({
  via: serverNameSchema,
  public_keys: z.looseObject({ ed25519: z.string() }).catchall(z.string()),
});

/** Content of `m.room.policy`. */
export type RoomPolicyContent = z.infer<typeof roomPolicyContentSchema>;

/** A client-format `m.room.policy` event. */
export const roomPolicyEventSchema = defineStateEvent('m.room.policy', roomPolicyContentSchema, z.string());

/** A client-format `m.room.policy` event. */
export type RoomPolicyEvent = z.infer<typeof roomPolicyEventSchema>;

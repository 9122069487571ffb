/**
 * `m.forwarded_room_key` (client-server "m.forwarded_room_key").
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.forwarded_room_key`. */
export const forwardedRoomKeyContentSchema = z.looseObject({
  algorithm: z.string(),
  room_id: roomIdSchema,
  sender_key: z.string(),
  session_id: z.string(),
  session_key: z.string(),
  sender_claimed_ed25519_key: z.string(),
  forwarding_curve25519_key_chain: z.array(z.string()),
  withheld: z.looseObject({}).optional(),
});

/** Content of `m.forwarded_room_key`. */
export type ForwardedRoomKeyContent = z.infer<typeof forwardedRoomKeyContentSchema>;

/** A client-format `m.forwarded_room_key` event. */
export const forwardedRoomKeyEventSchema = defineBasicEvent('m.forwarded_room_key', forwardedRoomKeyContentSchema);

/** A client-format `m.forwarded_room_key` event. */
export type ForwardedRoomKeyEvent = z.infer<typeof forwardedRoomKeyEventSchema>;

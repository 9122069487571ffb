/**
 * `m.room_key` (client-server "m.room_key").
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.room_key`. */
export const roomKeyContentSchema = z.looseObject({
  algorithm: z.literal('m.megolm.v1.aes-sha2'),
  room_id: roomIdSchema,
  session_id: z.string(),
  session_key: z.string(),
  shared_history: z.boolean().optional(),
});

/** Content of `m.room_key`. */
export type RoomKeyContent = z.infer<typeof roomKeyContentSchema>;

/** A client-format `m.room_key` event. */
export const roomKeyEventSchema = defineBasicEvent('m.room_key', roomKeyContentSchema);

/** A client-format `m.room_key` event. */
export type RoomKeyEvent = z.infer<typeof roomKeyEventSchema>;

/**
 * `m.room_key.withheld` (client-server "m.room_key.withheld" (components/room_key_withheld_content)).
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.room_key.withheld`. */
export const roomKeyWithheldContentSchema = z.looseObject({
  algorithm: z.literal('m.megolm.v1.aes-sha2'),
  room_id: roomIdSchema.optional(),
  session_id: z.string().optional(),
  sender_key: z.string(),
  code: z.enum(['m.blacklisted', 'm.unverified', 'm.unauthorised', 'm.unavailable', 'm.no_olm', 'm.history_not_shared']),
  reason: z.string().optional(),
});

/** Content of `m.room_key.withheld`. */
export type RoomKeyWithheldContent = z.infer<typeof roomKeyWithheldContentSchema>;

/** A client-format `m.room_key.withheld` event. */
export const roomKeyWithheldEventSchema = defineBasicEvent('m.room_key.withheld', roomKeyWithheldContentSchema);

/** A client-format `m.room_key.withheld` event. */
export type RoomKeyWithheldEvent = z.infer<typeof roomKeyWithheldEventSchema>;

/**
 * `m.room.redaction` (client-server "m.room.redaction"). From room version 11 the
 * redacted event is `content.redacts`; before, it is the top-level `redacts` of the event.
 *
 * @module
 */
import { z } from 'zod';
import { eventIdSchema } from '../../identifiers/schemas.js';
import { defineRoomEvent } from '../client-event.js';

/** Content of `m.room.redaction`. */
export const roomRedactionContentSchema = z.looseObject({
  redacts: eventIdSchema.optional(),
  reason: z.string().optional(),
});

/** Content of `m.room.redaction`. */
export type RoomRedactionContent = z.infer<typeof roomRedactionContentSchema>;

/** A client-format `m.room.redaction` event, with the pre-v11 top-level `redacts`. */
export const roomRedactionEventSchema = defineRoomEvent('m.room.redaction', roomRedactionContentSchema).extend({
  redacts: eventIdSchema.optional(),
});

/** A client-format `m.room.redaction` event. */
export type RoomRedactionEvent = z.infer<typeof roomRedactionEventSchema>;

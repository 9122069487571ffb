/**
 * `m.room.encryption` (client-server "m.room.encryption").
 *
 * @module
 */
import { z } from 'zod';
import { nonNegativeIntegerSchema } from '../common/primitives.js';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';

/** Content of `m.room.encryption`. */
export const roomEncryptionContentSchema = z.looseObject({
  algorithm: z.literal('m.megolm.v1.aes-sha2'),
  rotation_period_ms: nonNegativeIntegerSchema.optional(),
  rotation_period_msgs: nonNegativeIntegerSchema.optional(),
});

/** Content of `m.room.encryption`. */
export type RoomEncryptionContent = z.infer<typeof roomEncryptionContentSchema>;

/** A client-format `m.room.encryption` event. */
export const roomEncryptionEventSchema = defineStateEvent('m.room.encryption', roomEncryptionContentSchema, emptyStateKeySchema);

/** A client-format `m.room.encryption` event. */
export type RoomEncryptionEvent = z.infer<typeof roomEncryptionEventSchema>;

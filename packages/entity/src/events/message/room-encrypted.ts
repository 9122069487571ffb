/**
 * `m.room.encrypted` (client-server "m.room.encrypted", "Messaging algorithms"): a
 * union on `algorithm`. Megolm (`m.megolm.v1.aes-sha2`) carries a string `ciphertext`
 * and its `session_id` (required with Megolm); `sender_key` and `device_id` are
 * deprecated there. Olm (`m.olm.v1.curve25519-aes-sha2`) carries a map from the
 * recipient's Curve25519 identity key to `{ type, body }` and the sender's `sender_key`.
 *
 * @module
 */
import { z } from 'zod';
import { deviceIdSchema } from '../../identifiers/schemas.js';
import { defineRoomEvent } from '../client-event.js';
import { integerSchema } from '../common/primitives.js';

/** Content of a Megolm-encrypted event. */
export const megolmEncryptedContentSchema = z.looseObject({
  algorithm: z.literal('m.megolm.v1.aes-sha2'),
  ciphertext: z.string(),
  session_id: z.string(),
  sender_key: z.string().optional(),
  device_id: deviceIdSchema.optional(),
});

/** Content of a Megolm-encrypted event. */
export type MegolmEncryptedContent = z.infer<typeof megolmEncryptedContentSchema>;

/** One Olm ciphertext: message `type` (0 pre-key, 1 normal) and `body`. */
export const olmCiphertextSchema = z.looseObject({
  type: integerSchema,
  body: z.string(),
});

/** One Olm ciphertext. */
export type OlmCiphertext = z.infer<typeof olmCiphertextSchema>;

/** Content of an Olm-encrypted event. */
export const olmEncryptedContentSchema = z.looseObject({
  algorithm: z.literal('m.olm.v1.curve25519-aes-sha2'),
  ciphertext: z.record(z.string(), olmCiphertextSchema),
  sender_key: z.string(),
});

/** Content of an Olm-encrypted event. */
export type OlmEncryptedContent = z.infer<typeof olmEncryptedContentSchema>;

/** Content of `m.room.encrypted`. */
export const roomEncryptedContentSchema = z.discriminatedUnion('algorithm', [
  megolmEncryptedContentSchema,
  olmEncryptedContentSchema,
]);

/** Content of `m.room.encrypted`. */
export type RoomEncryptedContent = z.infer<typeof roomEncryptedContentSchema>;

/** A client-format `m.room.encrypted` event. */
export const roomEncryptedEventSchema = defineRoomEvent('m.room.encrypted', roomEncryptedContentSchema);

/** A client-format `m.room.encrypted` event. */
export type RoomEncryptedEvent = z.infer<typeof roomEncryptedEventSchema>;

/**
 * `m.room_key_bundle` (client-server "m.room_key_bundle" (sharing history on invite)).
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema } from '../../identifiers/schemas.js';
import { encryptedFileSchema } from '../common/encrypted-file.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.room_key_bundle`. */
export const roomKeyBundleContentSchema = z.looseObject({
  room_id: roomIdSchema,
  file: encryptedFileSchema,
});

/** Content of `m.room_key_bundle`. */
export type RoomKeyBundleContent = z.infer<typeof roomKeyBundleContentSchema>;

/** A client-format `m.room_key_bundle` event. */
export const roomKeyBundleEventSchema = defineBasicEvent('m.room_key_bundle', roomKeyBundleContentSchema);

/** A client-format `m.room_key_bundle` event. */
export type RoomKeyBundleEvent = z.infer<typeof roomKeyBundleEventSchema>;

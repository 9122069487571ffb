/**
 * `m.room.topic` (client-server "m.room.topic", with the `m.topic` text content block (v1.15)).
 *
 * @module
 */
import { z } from 'zod';
import { textContentBlockSchema } from '../common/text-content-block.js';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';

/** Content of `m.room.topic`. */
export const roomTopicContentSchema = z.looseObject({
  topic: z.string(),
  'm.topic': z.looseObject({ 'm.text': textContentBlockSchema.optional() }).optional(),
});

/** Content of `m.room.topic`. */
export type RoomTopicContent = z.infer<typeof roomTopicContentSchema>;

/** A client-format `m.room.topic` event. */
export const roomTopicEventSchema = defineStateEvent('m.room.topic', roomTopicContentSchema, emptyStateKeySchema);

/** A client-format `m.room.topic` event. */
export type RoomTopicEvent = z.infer<typeof roomTopicEventSchema>;

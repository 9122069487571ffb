/**
 * `m.tag` (client-server "Room Tagging"; `order` is a number in [0, 1]).
 *
 * @module
 */
import { z } from 'zod';
import { defineBasicEvent } from '../client-event.js';

/** Information about a tag (client-server definitions/tag): its `order`, in [0, 1]. */
export const tagInfoSchema = z.looseObject({
  order: z.number().min(0).max(1).optional(),
});

/** Information about a tag. */
export type TagInfo = z.infer<typeof tagInfoSchema>;

/** Content of `m.tag`. */
export const tagContentSchema = z.looseObject({
  tags: z.record(z.string(), tagInfoSchema).optional(),
});

/** Content of `m.tag`. */
export type TagContent = z.infer<typeof tagContentSchema>;

/** A client-format `m.tag` event. */
export const tagEventSchema = defineBasicEvent('m.tag', tagContentSchema);

/** A client-format `m.tag` event. */
export type TagEvent = z.infer<typeof tagEventSchema>;

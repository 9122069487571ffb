/**
 * `m.reaction` (client-server "Event annotations and reactions").
 *
 * @module
 */
import { z } from 'zod';
import { eventIdSchema } from '../../identifiers/schemas.js';
import { defineRoomEvent } from '../client-event.js';

/** An annotation relation (`rel_type` `m.annotation`) with the reaction `key`. */
export const annotationSchema = z.looseObject({
  rel_type: z.literal('m.annotation'),
  event_id: eventIdSchema,
  key: z.string(),
});

/** An annotation relation. */
export type Annotation = z.infer<typeof annotationSchema>;

/** Content of `m.reaction`. */
export const reactionContentSchema = z.looseObject({
  'm.relates_to': annotationSchema.optional(),
});

/** Content of `m.reaction`. */
export type ReactionContent = z.infer<typeof reactionContentSchema>;

/** A client-format `m.reaction` event. */
export const reactionEventSchema = defineRoomEvent('m.reaction', reactionContentSchema);

/** A client-format `m.reaction` event. */
export type ReactionEvent = z.infer<typeof reactionEventSchema>;

/**
 * `m.typing` (client-server "Typing Notifications").
 *
 * @module
 */
import { z } from 'zod';
import { userIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.typing`. */
export const typingContentSchema = z.looseObject({
  user_ids: z.array(userIdSchema),
});

/** Content of `m.typing`. */
export type TypingContent = z.infer<typeof typingContentSchema>;

/** A client-format `m.typing` event. */
export const typingEventSchema = defineBasicEvent('m.typing', typingContentSchema);

/** A client-format `m.typing` event. */
export type TypingEvent = z.infer<typeof typingEventSchema>;

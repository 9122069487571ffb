/**
 * `m.marked_unread` (client-server "Unread markers").
 *
 * @module
 */
import { z } from 'zod';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.marked_unread`. */
export const markedUnreadContentSchema = z.looseObject({
  unread: z.boolean(),
});

/** Content of `m.marked_unread`. */
export type MarkedUnreadContent = z.infer<typeof markedUnreadContentSchema>;

/** A client-format `m.marked_unread` event. */
export const markedUnreadEventSchema = defineBasicEvent('m.marked_unread', markedUnreadContentSchema);

/** A client-format `m.marked_unread` event. */
export type MarkedUnreadEvent = z.infer<typeof markedUnreadEventSchema>;

/**
 * `m.recent_emoji` (client-server "Recently used emoji").
 *
 * @module
 */
import { z } from 'zod';
import { defineBasicEvent } from '../client-event.js';

/** One recently used emoji and how often (client-server definitions/recent_emoji). */
export const recentEmojiEntrySchema = z.looseObject({
  emoji: z.string(),
  total: z.number().nonnegative(),
});

/** One recently used emoji. */
export type RecentEmojiEntry = z.infer<typeof recentEmojiEntrySchema>;

/** Content of `m.recent_emoji`. */
export const recentEmojiContentSchema = z.looseObject({
  recent_emoji: z.array(recentEmojiEntrySchema),
});

/** Content of `m.recent_emoji`. */
export type RecentEmojiContent = z.infer<typeof recentEmojiContentSchema>;

/** A client-format `m.recent_emoji` event. */
export const recentEmojiEventSchema = defineBasicEvent('m.recent_emoji', recentEmojiContentSchema);

/** A client-format `m.recent_emoji` event. */
export type RecentEmojiEvent = z.infer<typeof recentEmojiEventSchema>;

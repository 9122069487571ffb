/**
 * The textual msgtypes of `m.room.message` (client-server "m.text", "m.emote",
 * "m.notice"): `body`, and an optional `format` (e.g. `org.matrix.custom.html`) with its
 * `formatted_body`.
 *
 * @module
 */
import { z } from 'zod';

const textual = {
  body: z.string(),
  format: z.string().optional(),
  formatted_body: z.string().optional(),
};

/** Content of an `m.text` message. */
export const textMessageContentSchema = z.looseObject({ msgtype: z.literal('m.text'), ...textual });

/** Content of an `m.text` message. */
export type TextMessageContent = z.infer<typeof textMessageContentSchema>;

/** Content of an `m.emote` message. */
export const emoteMessageContentSchema = z.looseObject({ msgtype: z.literal('m.emote'), ...textual });

/** Content of an `m.emote` message. */
export type EmoteMessageContent = z.infer<typeof emoteMessageContentSchema>;

/** Content of an `m.notice` message. */
export const noticeMessageContentSchema = z.looseObject({ msgtype: z.literal('m.notice'), ...textual });

/** Content of an `m.notice` message. */
export type NoticeMessageContent = z.infer<typeof noticeMessageContentSchema>;

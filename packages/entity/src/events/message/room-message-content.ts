/**
 * `m.room.message` (client-server "m.room.message" and "m.room.message msgtypes"): the
 * union over `msgtype`. A known msgtype is checked by its own schema (issues keep their
 * paths); an unknown msgtype must still have a string `body` (the generic
 * `m.room.message` schema requires `msgtype` and `body`) and is kept as it is.
 *
 * @module
 */
import { z } from 'zod';
import { defineRoomEvent } from '../client-event.js';
import {
  audioMessageContentSchema,
  fileMessageContentSchema,
  imageMessageContentSchema,
  videoMessageContentSchema,
} from './media-message-content.js';
import {
  keyVerificationRequestMessageContentSchema,
  locationMessageContentSchema,
  serverNoticeMessageContentSchema,
} from './other-message-content.js';
import { emoteMessageContentSchema, noticeMessageContentSchema, textMessageContentSchema } from './text-message-content.js';

/** The schemas of the msgtypes the spec defines, by msgtype. */
export const messageContentSchemasByMsgtype = {
  'm.text': textMessageContentSchema,
  'm.emote': emoteMessageContentSchema,
  'm.notice': noticeMessageContentSchema,
  'm.image': imageMessageContentSchema,
  'm.file': fileMessageContentSchema,
  'm.audio': audioMessageContentSchema,
  'm.video': videoMessageContentSchema,
  'm.location': locationMessageContentSchema,
  'm.server_notice': serverNoticeMessageContentSchema,
  'm.key.verification.request': keyVerificationRequestMessageContentSchema,
} as const;

/** A msgtype the spec defines. */
export type KnownMsgtype = keyof typeof messageContentSchemasByMsgtype;

/** Content of an `m.room.message` of a msgtype the spec does not define. */
export const unknownMessageContentSchema = z.looseObject({
  msgtype: z.string(),
  body: z.string(),
});

/** Content of an `m.room.message` of a msgtype the spec does not define. */
export type UnknownMessageContent = z.infer<typeof unknownMessageContentSchema>;

/** Content of an `m.room.message`: one of the known msgtypes or an unknown one. */
export type RoomMessageContent =
  | { [K in KnownMsgtype]: z.infer<(typeof messageContentSchemasByMsgtype)[K]> }[KnownMsgtype]
  | UnknownMessageContent;

function isKnownMsgtype(msgtype: string): msgtype is KnownMsgtype {
  return Object.prototype.hasOwnProperty.call(messageContentSchemasByMsgtype, msgtype);
}

/** Content of `m.room.message`, dispatched on `msgtype`. */
export const roomMessageContentSchema = z.looseObject({ msgtype: z.string() }).superRefine((content, ctx) => {
  const schema: z.ZodType = isKnownMsgtype(content.msgtype)
    ? messageContentSchemasByMsgtype[content.msgtype]
    : unknownMessageContentSchema;
  const result = schema.safeParse(content);
  if (result.success) return;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue, input: undefined } as Parameters<typeof ctx.addIssue>[0] & object);
}) as unknown as z.ZodType<RoomMessageContent, unknown>;

/** A client-format `m.room.message` event. */
export const roomMessageEventSchema = defineRoomEvent('m.room.message', roomMessageContentSchema);

/** A client-format `m.room.message` event. */
export type RoomMessageEvent = z.infer<typeof roomMessageEventSchema>;

/**
 * The media msgtypes of `m.room.message` (client-server "m.image", "m.file", "m.audio",
 * "m.video"): `body`, an optional caption `format`/`formatted_body` and `filename`, and
 * the media as `url` (unencrypted) or `file` (encrypted attachment).
 *
 * @module
 */
import { z } from 'zod';
import { encryptedFileSchema } from '../common/encrypted-file.js';
import { imageInfoSchema } from '../common/image-info.js';
import { mxcUriSchema } from '../common/mxc-uri.js';
import { nonNegativeIntegerSchema } from '../common/primitives.js';
import { thumbnailInfoSchema } from '../common/thumbnail-info.js';

const media = {
  body: z.string(),
  format: z.string().optional(),
  formatted_body: z.string().optional(),
  filename: z.string().optional(),
  url: mxcUriSchema.optional(),
  file: encryptedFileSchema.optional(),
};

const thumbnail = {
  thumbnail_url: mxcUriSchema.optional(),
  thumbnail_file: encryptedFileSchema.optional(),
  thumbnail_info: thumbnailInfoSchema.optional(),
};

/** Metadata of an `m.file` message. */
export const fileInfoSchema = z.looseObject({
  mimetype: z.string().optional(),
  size: nonNegativeIntegerSchema.optional(),
  ...thumbnail,
});

/** Metadata of an `m.file` message. */
export type FileInfo = z.infer<typeof fileInfoSchema>;

/** Metadata of an `m.audio` message. */
export const audioInfoSchema = z.looseObject({
  duration: nonNegativeIntegerSchema.optional(),
  mimetype: z.string().optional(),
  size: nonNegativeIntegerSchema.optional(),
});

/** Metadata of an `m.audio` message. */
export type AudioInfo = z.infer<typeof audioInfoSchema>;

/** Metadata of an `m.video` message. */
export const videoInfoSchema = z.looseObject({
  duration: nonNegativeIntegerSchema.optional(),
  h: nonNegativeIntegerSchema.optional(),
  w: nonNegativeIntegerSchema.optional(),
  mimetype: z.string().optional(),
  size: nonNegativeIntegerSchema.optional(),
  ...thumbnail,
});

/** Metadata of an `m.video` message. */
export type VideoInfo = z.infer<typeof videoInfoSchema>;

/** Content of an `m.image` message. */
export const imageMessageContentSchema = z.looseObject({
  msgtype: z.literal('m.image'),
  ...media,
  info: imageInfoSchema.optional(),
});

/** Content of an `m.image` message. */
export type ImageMessageContent = z.infer<typeof imageMessageContentSchema>;

/** Content of an `m.file` message. */
export const fileMessageContentSchema = z.looseObject({
  msgtype: z.literal('m.file'),
  ...media,
  info: fileInfoSchema.optional(),
});

/** Content of an `m.file` message. */
export type FileMessageContent = z.infer<typeof fileMessageContentSchema>;

/** Content of an `m.audio` message. */
export const audioMessageContentSchema = z.looseObject({
  msgtype: z.literal('m.audio'),
  ...media,
  info: audioInfoSchema.optional(),
});

/** Content of an `m.audio` message. */
export type AudioMessageContent = z.infer<typeof audioMessageContentSchema>;

/** Content of an `m.video` message. */
export const videoMessageContentSchema = z.looseObject({
  msgtype: z.literal('m.video'),
  ...media,
  info: videoInfoSchema.optional(),
});

/** Content of an `m.video` message. */
export type VideoMessageContent = z.infer<typeof videoMessageContentSchema>;

/**
 * `ImageInfo` and `AvatarInfo` (event schemas, core-event-schema/msgtype_infos).
 *
 * @module
 */
import { z } from 'zod';
import { encryptedFileSchema } from './encrypted-file.js';
import { mxcUriSchema } from './mxc-uri.js';
import { nonNegativeIntegerSchema } from './primitives.js';
import { thumbnailInfoSchema } from './thumbnail-info.js';

/** Metadata about an image (msgtype_infos/image_info). */
export const imageInfoSchema = z.looseObject({
  h: nonNegativeIntegerSchema.optional(),
  w: nonNegativeIntegerSchema.optional(),
  mimetype: z.string().optional(),
  size: nonNegativeIntegerSchema.optional(),
  thumbnail_url: mxcUriSchema.optional(),
  thumbnail_file: encryptedFileSchema.optional(),
  thumbnail_info: thumbnailInfoSchema.optional(),
  is_animated: z.boolean().optional(),
});

/** Metadata about an image. */
export type ImageInfo = z.infer<typeof imageInfoSchema>;

/** Metadata about a room avatar (msgtype_infos/avatar_info). */
export const avatarInfoSchema = z.looseObject({
  h: nonNegativeIntegerSchema.optional(),
  w: nonNegativeIntegerSchema.optional(),
  mimetype: z.string().optional(),
  size: nonNegativeIntegerSchema.optional(),
  thumbnail_url: mxcUriSchema.optional(),
  thumbnail_info: thumbnailInfoSchema.optional(),
});

/** Metadata about a room avatar. */
export type AvatarInfo = z.infer<typeof avatarInfoSchema>;

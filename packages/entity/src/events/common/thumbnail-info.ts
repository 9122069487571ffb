/**
 * `ThumbnailInfo` (event schemas, core-event-schema/msgtype_infos/thumbnail_info).
 *
 * @module
 */
import { z } from 'zod';
import { nonNegativeIntegerSchema } from './primitives.js';

/** Metadata about a thumbnail image. */
export const thumbnailInfoSchema = z.looseObject({
  h: nonNegativeIntegerSchema.optional(),
  w: nonNegativeIntegerSchema.optional(),
  mimetype: z.string().optional(),
  size: nonNegativeIntegerSchema.optional(),
});

/** Metadata about a thumbnail image. */
export type ThumbnailInfo = z.infer<typeof thumbnailInfoSchema>;

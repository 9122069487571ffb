/**
 * The other msgtypes of `m.room.message`: `m.location` (client-server "m.location"),
 * `m.server_notice` (client-server "Server Notices") and `m.key.verification.request`
 * (client-server "Key verification framework", in-room requests).
 *
 * @module
 */
import { z } from 'zod';
import { deviceIdSchema, userIdSchema } from '../../identifiers/schemas.js';
import { encryptedFileSchema } from '../common/encrypted-file.js';
import { mxcUriSchema } from '../common/mxc-uri.js';
import { thumbnailInfoSchema } from '../common/thumbnail-info.js';

/** Metadata of an `m.location` message. */
export const locationInfoSchema = z.looseObject({
  thumbnail_url: mxcUriSchema.optional(),
  thumbnail_file: encryptedFileSchema.optional(),
  thumbnail_info: thumbnailInfoSchema.optional(),
});

/** Metadata of an `m.location` message. */
export type LocationInfo = z.infer<typeof locationInfoSchema>;

/** Content of an `m.location` message; `geo_uri` is a `geo:` URI (RFC 5870). */
export const locationMessageContentSchema = z.looseObject({
  msgtype: z.literal('m.location'),
  body: z.string(),
  geo_uri: z.string().regex(/^geo:/, 'must be a geo: URI'),
  info: locationInfoSchema.optional(),
});

/** Content of an `m.location` message. */
export type LocationMessageContent = z.infer<typeof locationMessageContentSchema>;

/** Content of an `m.server_notice` message. */
export const serverNoticeMessageContentSchema = z.looseObject({
  msgtype: z.literal('m.server_notice'),
  body: z.string(),
  server_notice_type: z.string(),
  admin_contact: z.string().optional(),
  limit_type: z.string().optional(),
});

/** Content of an `m.server_notice` message. */
export type ServerNoticeMessageContent = z.infer<typeof serverNoticeMessageContentSchema>;

/** Content of an in-room `m.key.verification.request` message (`body` is a fallback text). */
export const keyVerificationRequestMessageContentSchema = z.looseObject({
  msgtype: z.literal('m.key.verification.request'),
  body: z.string().optional(),
  format: z.string().optional(),
  formatted_body: z.string().optional(),
  from_device: deviceIdSchema,
  methods: z.array(z.string()),
  to: userIdSchema,
});

/** Content of an in-room `m.key.verification.request` message. */
export type KeyVerificationRequestMessageContent = z.infer<typeof keyVerificationRequestMessageContentSchema>;

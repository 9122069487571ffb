/**
 * `GET /_matrix/client/v3/profile/{userId}` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { mxcUriSchema } from './internal-fields.js';

/**
 * A user's whole profile: `avatar_url`, `displayname` and `m.tz` (v1.16) when set, and
 * any other profile fields (v1.16), kept as they are.
 */
export const profileResponseSchema = z.looseObject({
  avatar_url: mxcUriSchema.optional(),
  displayname: z.string().optional(),
  'm.tz': z.string().optional(),
});

/** A user's whole profile. */
export type ProfileResponse = z.infer<typeof profileResponseSchema>;

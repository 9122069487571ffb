import { z } from 'zod';
import { mxcUriField } from './mxc-uri.js';

/**
 * Response of `GET /_matrix/federation/v1/query/profile`: the user's public profile
 * fields. An unset `displayname` or `avatar_url` is omitted or `null` ("MUST either be
 * omitted or set to `null`"); other profile keys are kept.
 */
// server-server API: GET /query/profile response
export const queryProfileResponseSchema = z.looseObject({
  displayname: z.string().nullable().optional(),
  avatar_url: mxcUriField.nullable().optional(),
  'm.tz': z.string().optional(),
});

/** Response of `GET /query/profile`. */
export type QueryProfileResponse = z.infer<typeof queryProfileResponseSchema>;

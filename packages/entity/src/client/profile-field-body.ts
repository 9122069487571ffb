/**
 * The body of `PUT /_matrix/client/v3/profile/{userId}/{keyName}` and the 200 response
 * of `GET /_matrix/client/v3/profile/{userId}/{keyName}` (v1.16).
 *
 * @module
 */
import { z } from 'zod';
import { mxcUriSchema } from './internal-fields.js';
import { profileFieldNameProblem } from './profile-field-name.js';

/**
 * One profile field: an object with exactly one property, whose key is the `keyName` of
 * the URL. `avatar_url` MUST be an mxc URI, `displayname` and `m.tz` strings; custom
 * fields take any JSON value. (That the key matches the URL is for the endpoint to check.)
 */
export const profileFieldBodySchema = z.record(z.string(), z.unknown()).superRefine((body, ctx) => {
  const keys = Object.keys(body);
  if (keys.length !== 1) {
    ctx.addIssue({ code: 'custom', message: `must have exactly one property, not ${keys.length}`, input: body });
    return;
  }
  const key = keys[0] as string;
  const value = body[key];
  const nameProblem = profileFieldNameProblem(key);
  if (nameProblem !== undefined) {
    ctx.addIssue({ code: 'custom', path: [key], message: `invalid profile field name: ${nameProblem}`, input: value });
    return;
  }
  const typed =
    key === 'avatar_url' ? mxcUriSchema : key === 'displayname' || key === 'm.tz' ? z.string() : undefined;
  for (const issue of typed?.safeParse(value).error?.issues ?? []) {
    ctx.addIssue({ code: 'custom', path: [key, ...issue.path], message: issue.message, input: value });
  }
});

/** One profile field. */
export type ProfileFieldBody = z.infer<typeof profileFieldBodySchema>;

/**
 * Profile field names, the `{keyName}` of `/_matrix/client/v3/profile/{userId}/{keyName}`
 * (v1.16): `avatar_url`, `displayname`, `m.tz`, or a custom field of the Common Namespaced
 * Identifier Grammar, at most 255 bytes (`M_KEY_TOO_LARGE`).
 *
 * @module
 */
import { z } from 'zod';
import { utf8ByteLength } from '../identifiers/unicode.js';

// The keyName parameter's pattern in profile.yaml.
const PROFILE_FIELD_NAME = /^(avatar_url|displayname|m\.tz|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+)$/;

/** The maximum length of a profile key, in bytes ("M_KEY_TOO_LARGE"). */
export const MAX_PROFILE_FIELD_NAME_BYTES = 255;

/**
 * Returns why `value` is not a profile field name, or undefined.
 *
 * @example
 * profileFieldNameProblem('displayname'); // undefined
 * profileFieldNameProblem('Nickname'); // 'must be avatar_url, displayname, m.tz or a namespaced name like com.example.field'
 */
export function profileFieldNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  if (utf8ByteLength(value) > MAX_PROFILE_FIELD_NAME_BYTES) return `longer than ${MAX_PROFILE_FIELD_NAME_BYTES} bytes`;
  if (!PROFILE_FIELD_NAME.test(value)) {
    return 'must be avatar_url, displayname, m.tz or a namespaced name like com.example.field';
  }
  return undefined;
}

/**
 * Whether `value` is a profile field name.
 *
 * @example
 * isValidProfileFieldName('m.tz'); // true
 * isValidProfileFieldName('tz'); // false
 */
export function isValidProfileFieldName(value: unknown): value is string {
  return profileFieldNameProblem(value) === undefined;
}

/** A profile field name. */
export const profileFieldNameSchema = z.string().superRefine((value, ctx) => {
  const problem = profileFieldNameProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `invalid profile field name: ${problem}`, input: value });
});

/**
 * User-interactive authentication type `m.login.registration_token` (client-server
 * "Token-authenticated registration"; only valid on `/register`).
 *
 * @module
 */
import { z } from 'zod';

// "an opaque string using the Opaque Identifier Grammar, with maximum length of 64 characters"
const REGISTRATION_TOKEN = /^[0-9A-Za-z._~-]{1,64}$/;

/** Registration-token authentication: `type`, the pre-shared `token` and the `session`. */
export const registrationTokenAuthDataSchema = z.looseObject({
  type: z.literal('m.login.registration_token'),
  token: z.string().regex(REGISTRATION_TOKEN, 'token must be 1 to 64 of [0-9A-Za-z._~-]'),
  session: z.string().optional(),
});

/** Registration-token authentication data. */
export type RegistrationTokenAuthData = z.infer<typeof registrationTokenAuthDataSchema>;

/**
 * User-interactive authentication type `m.login.password` (client-server "Authentication
 * types" / "Password-based").
 *
 * @module
 */
import { z } from 'zod';
import { userIdentifierSchema } from './user-identifier.js';

/** Password authentication: a user `identifier` and the plain-text `password`. */
export const passwordAuthDataSchema = z.looseObject({
  type: z.literal('m.login.password'),
  identifier: userIdentifierSchema,
  password: z.string(),
  session: z.string().optional(),
});

/** Password authentication data. */
export type PasswordAuthData = z.infer<typeof passwordAuthDataSchema>;

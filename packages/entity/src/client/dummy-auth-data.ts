/**
 * User-interactive authentication type `m.login.dummy` (client-server "Authentication
 * types" / "Dummy Auth"): always succeeds, carries only the type and the session.
 *
 * @module
 */
import { z } from 'zod';

/** Dummy authentication: `type` and, if the server gave one, `session`. */
export const dummyAuthDataSchema = z.looseObject({
  type: z.literal('m.login.dummy'),
  session: z.string().optional(),
});

/** Dummy authentication data. */
export type DummyAuthData = z.infer<typeof dummyAuthDataSchema>;

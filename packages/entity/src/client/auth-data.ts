/**
 * User-interactive authentication: the `auth` dict a client submits
 * (client-server "User-interactive API in the REST API", definitions/auth_data.yaml).
 *
 * @module
 */
import { z } from 'zod';

/**
 * Authentication data of any auth type: `type` (which may be omitted when `session` is
 * given and the stage was completed out of band, e.g. by the fallback), `session`, and
 * the keys of that auth type. At least one of `type` and `session` must be present.
 */
export const authDataSchema = z
  .looseObject({
    type: z.string().min(1).optional(),
    session: z.string().optional(),
  })
  .superRefine((auth, ctx) => {
    if (auth.type === undefined && auth.session === undefined) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'type is required unless session is given', input: auth });
    }
  });

/** Authentication data of any auth type. */
export type AuthData = z.infer<typeof authDataSchema>;

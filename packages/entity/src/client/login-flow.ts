/**
 * One login flow of `GET /_matrix/client/v3/login` (client-server "Login", `LoginFlow`,
 * and definitions/sso_login_flow.yaml for `m.login.sso`).
 *
 * @module
 */
import { z } from 'zod';
import { mxcUriSchema } from './internal-fields.js';

/** An identity provider offered by an `m.login.sso` flow. */
const identityProviderSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  icon: mxcUriSchema.optional(),
  brand: z.string().optional(),
});

/**
 * A login type the server supports: `type` (e.g. `m.login.password`, `m.login.token`,
 * `m.login.sso`), `get_login_token` (v1.7, for `m.login.token`), and for `m.login.sso`
 * the `identity_providers` and `oauth_aware_preferred` (v1.18).
 */
export const loginFlowSchema = z.looseObject({
  type: z.string().min(1),
  get_login_token: z.boolean().optional(),
  identity_providers: z.array(identityProviderSchema).optional(),
  oauth_aware_preferred: z.boolean().optional(),
});

/** A login type the server supports. */
export type LoginFlow = z.infer<typeof loginFlowSchema>;

/**
 * `GET /_matrix/client/v3/login` 200 response body.
 *
 * @module
 */
import { z } from 'zod';
import { loginFlowSchema } from './login-flow.js';

/** The login types the server supports. */
export const loginFlowsResponseSchema = z.looseObject({
  flows: z.array(loginFlowSchema).optional(),
});

/** The login types the server supports. */
export type LoginFlowsResponse = z.infer<typeof loginFlowsResponseSchema>;

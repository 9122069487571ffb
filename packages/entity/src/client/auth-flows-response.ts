/**
 * User-interactive authentication: the HTTP 401 body a server returns to ask for (more)
 * authentication (client-server "User-interactive API in the REST API",
 * definitions/auth_response.yaml).
 *
 * @module
 */
import { z } from 'zod';

/** One flow: the auth types (stages) to complete in order. */
const authFlowSchema = z.looseObject({
  stages: z.array(z.string().min(1)),
});

/**
 * The 401 body of a user-interactive auth endpoint: the `flows` the server supports,
 * `params` per auth type, the `session` to pass back, the `completed` stages, and, after a
 * failed attempt at a stage, the standard `errcode` and `error`.
 */
export const authFlowsResponseSchema = z.looseObject({
  flows: z.array(authFlowSchema),
  params: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  session: z.string().optional(),
  completed: z.array(z.string()).optional(),
  errcode: z.string().min(1).optional(),
  error: z.string().optional(),
});

/** The 401 body of a user-interactive auth endpoint. */
export type AuthFlowsResponse = z.infer<typeof authFlowsResponseSchema>;

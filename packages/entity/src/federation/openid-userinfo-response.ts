import { z } from 'zod';
import { userIdSchema } from '../identifiers/index.js';

/**
 * Response of `GET /_matrix/federation/v1/openid/userinfo`: the user who generated the
 * token (the caller MUST check it is on the server it asked).
 */
// server-server API: GET /openid/userinfo response
export const openIdUserInfoResponseSchema = z.looseObject({
  sub: userIdSchema,
});

/** Response of `GET /openid/userinfo`. */
export type OpenIdUserInfoResponse = z.infer<typeof openIdUserInfoResponseSchema>;

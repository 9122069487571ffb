/**
 * The 200 response body of the `requestToken` endpoints
 * (definitions/request_token_response.yaml).
 *
 * @module
 */
import { z } from 'zod';
import { clientSecretField } from './internal-fields.js';

/**
 * A validation session: `sid` (1 to 255 of `[0-9a-zA-Z.=_-]`) and, optionally, the
 * `submit_url` where the client must submit the token.
 */
export const requestTokenResponseSchema = z.looseObject({
  sid: clientSecretField,
  submit_url: z.url().optional(),
});

/** A validation session. */
export type RequestTokenResponse = z.infer<typeof requestTokenResponseSchema>;

/**
 * `POST /_matrix/client/v3/register/email/requestToken` request body
 * (definitions/request_email_validation.yaml, extending the identity service's).
 *
 * @module
 */
import { z } from 'zod';
import { clientSecretField, intField } from './internal-fields.js';

/**
 * Request to validate an email address: `client_secret` (1 to 255 of `[0-9a-zA-Z.=_-]`),
 * `email`, `send_attempt`, optional `next_link`, and the deprecated `id_server` with
 * `id_access_token` (required if `id_server` is given).
 */
export const emailRequestTokenRequestSchema = z
  .looseObject({
    client_secret: clientSecretField,
    email: z.string().min(1),
    send_attempt: intField,
    next_link: z.url().optional(),
    id_server: z.string().min(1).optional(),
    id_access_token: z.string().min(1).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.id_server !== undefined && body.id_access_token === undefined) {
      ctx.addIssue({ code: 'custom', path: ['id_access_token'], message: 'required when id_server is given', input: body });
    }
  });

/** Email validation request body. */
export type EmailRequestTokenRequest = z.infer<typeof emailRequestTokenRequestSchema>;

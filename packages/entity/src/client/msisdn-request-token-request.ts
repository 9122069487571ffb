/**
 * `POST /_matrix/client/v3/register/msisdn/requestToken` request body
 * (definitions/request_msisdn_validation.yaml, extending the identity service's).
 *
 * @module
 */
import { z } from 'zod';
import { clientSecretField, intField } from './internal-fields.js';

/**
 * Request to validate a phone number: `client_secret`, `country` (ISO-3166-1 alpha-2),
 * `phone_number`, `send_attempt`, optional `next_link`, and the deprecated `id_server`
 * with `id_access_token` (required if `id_server` is given).
 */
export const msisdnRequestTokenRequestSchema = z
  .looseObject({
    client_secret: clientSecretField,
    country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO-3166-1 alpha-2 code (two upper-case letters)'),
    phone_number: z.string().min(1),
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

/** Phone number validation request body. */
export type MsisdnRequestTokenRequest = z.infer<typeof msisdnRequestTokenRequestSchema>;

/**
 * `POST /_matrix/client/v3/login` request body (client-server "Login").
 *
 * @module
 */
import { z } from 'zod';
import { deviceIdSchema } from './internal-fields.js';
import { userIdentifierSchema } from './user-identifier.js';

/**
 * Login request: the login `type` (one of the `GET /login` flows), the user `identifier`
 * (or the deprecated `user`, or `medium` + `address`), `password` (required for
 * `m.login.password`), `token` (required for `m.login.token`), `device_id`,
 * `initial_device_display_name` and `refresh_token`.
 *
 * A password login must identify the user by `identifier`, `user` or `medium` +
 * `address`; the deprecated `medium` "Must be 'email'".
 */
export const loginRequestSchema = z
  .looseObject({
    type: z.string().min(1),
    identifier: userIdentifierSchema.optional(),
    user: z.string().min(1).optional(),
    medium: z.literal('email').optional(),
    address: z.string().min(1).optional(),
    password: z.string().optional(),
    token: z.string().min(1).optional(),
    device_id: deviceIdSchema.optional(),
    initial_device_display_name: z.string().optional(),
    refresh_token: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.type === 'm.login.password') {
      if (body.password === undefined) {
        ctx.addIssue({ code: 'custom', path: ['password'], message: 'required when type is m.login.password', input: body });
      }
      const byThirdParty = body.medium !== undefined && body.address !== undefined;
      if (body.identifier === undefined && body.user === undefined && !byThirdParty) {
        ctx.addIssue({
          code: 'custom',
          path: ['identifier'],
          message: 'a password login needs identifier (or the deprecated user, or medium and address)',
          input: body,
        });
      }
    }
    if (body.type === 'm.login.token' && body.token === undefined) {
      ctx.addIssue({ code: 'custom', path: ['token'], message: 'required when type is m.login.token', input: body });
    }
  });

/** Login request body. */
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/**
 * The standard error response body (client-server API "Standard error response",
 * `definitions/errors/error.yaml` and `rate_limited.yaml`; the server-server and identity
 * service APIs use the same body).
 *
 * @module
 */
import { z } from 'zod';

/**
 * A standard error response: `errcode` and `error`, plus the keys some error codes
 * define:
 *
 * - `retry_after_ms` (`M_LIMIT_EXCEEDED`, "Rate limiting"; deprecated for `Retry-After`),
 * - `soft_logout` (`M_UNKNOWN_TOKEN` and `M_USER_LOCKED`, "Soft logout"),
 * - `admin_contact` (`M_RESOURCE_LIMIT_EXCEEDED`, which MUST carry it),
 * - `info_uri` (which `M_USER_LIMIT_EXCEEDED` MUST carry) and `can_upgrade`,
 * - `room_version` (`M_INCOMPATIBLE_ROOM_VERSION`, required with it by the
 *   server-server API),
 * - `current_version` (`M_WRONG_ROOM_KEYS_VERSION`, key backup),
 * - `status` and `body` (`M_BAD_STATUS`, appservice ping), checked only with that code.
 *
 * Unknown keys are kept. `error` is optional here although the prose says it MUST be
 * present: `error.yaml` requires only `errcode`, and spec examples (`POST /login` 403)
 * omit it. {@link MatrixError} always writes it.
 */
export const matrixErrorBodySchema = z
  .looseObject({
    errcode: z.string().min(1),
    error: z.string().optional(),
    retry_after_ms: z.int().min(0).optional(),
    soft_logout: z.boolean().optional(),
    admin_contact: z.string().optional(),
    info_uri: z.string().optional(),
    can_upgrade: z.boolean().optional(),
    room_version: z.string().optional(),
    current_version: z.string().optional(),
  })
  .superRefine((body, ctx) => {
    const require = (key: string, why: string) => {
      if (body[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: `${body.errcode} ${why}`, input: body });
      }
    };
    switch (body.errcode) {
      case 'M_RESOURCE_LIMIT_EXCEEDED':
        // "The error MUST have an `admin_contact` field".
        require('admin_contact', 'MUST have an admin_contact');
        break;
      case 'M_USER_LIMIT_EXCEEDED':
        // "The error response MUST have an `info_uri` field (string)".
        require('info_uri', 'MUST have an info_uri');
        break;
      case 'M_INCOMPATIBLE_ROOM_VERSION':
        // "Inspect the `room_version` property"; "Required if the errcode is ...".
        require('room_version', 'requires room_version');
        break;
      case 'M_WRONG_ROOM_KEYS_VERSION':
        // Key backup 403: "The current version will be included in the `current_version` field".
        require('current_version', 'requires current_version');
        break;
      case 'M_BAD_STATUS':
        // Appservice ping 502: optional `status` (integer) and `body` (string).
        if (body.status !== undefined && !Number.isSafeInteger(body.status)) {
          ctx.addIssue({ code: 'custom', path: ['status'], message: 'status must be an integer', input: body.status });
        }
        if (body.body !== undefined && typeof body.body !== 'string') {
          ctx.addIssue({ code: 'custom', path: ['body'], message: 'body must be a string', input: body.body });
        }
        break;
    }
  });

/** A standard error response body. */
export type MatrixErrorBody = z.infer<typeof matrixErrorBodySchema>;

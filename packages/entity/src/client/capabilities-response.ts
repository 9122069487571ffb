/**
 * `GET /_matrix/client/v3/capabilities` 200 response body (client-server "Capabilities
 * negotiation" and the capabilities it defines).
 *
 * @module
 */
import { z } from 'zod';
import { roomVersionField } from './internal-fields.js';

/** A capability that is on or off: `enabled`. */
const booleanCapabilitySchema = z.looseObject({
  enabled: z.boolean(),
});

/**
 * The server's capabilities: `m.change_password`, `m.forget_forced_upon_leave` (v1.18),
 * `m.room_versions` (`default` and `available`: version to `stable` | `unstable`),
 * `m.set_displayname` and `m.set_avatar_url` (deprecated), `m.3pid_changes`,
 * `m.get_login_token`, `m.profile_fields` (v1.16: `enabled`, `allowed`, `disallowed`),
 * `m.account_moderation` (v1.18: `suspend`, `lock`), and custom namespaced ones, kept.
 */
export const capabilitiesResponseSchema = z.looseObject({
  capabilities: z.looseObject({
    'm.change_password': booleanCapabilitySchema.optional(),
    'm.forget_forced_upon_leave': booleanCapabilitySchema.optional(),
    'm.room_versions': z
      .looseObject({
        default: roomVersionField,
        available: z.record(roomVersionField, z.enum(['stable', 'unstable'])),
      })
      .optional(),
    'm.set_displayname': booleanCapabilitySchema.optional(),
    'm.set_avatar_url': booleanCapabilitySchema.optional(),
    'm.3pid_changes': booleanCapabilitySchema.optional(),
    'm.get_login_token': booleanCapabilitySchema.optional(),
    'm.profile_fields': z
      .looseObject({
        enabled: z.boolean(),
        allowed: z.array(z.string()).optional(),
        disallowed: z.array(z.string()).optional(),
      })
      .optional(),
    'm.account_moderation': z
      .looseObject({
        suspend: z.boolean().optional(),
        lock: z.boolean().optional(),
      })
      .optional(),
  }),
});

/** The server's capabilities. */
export type CapabilitiesResponse = z.infer<typeof capabilitiesResponseSchema>;

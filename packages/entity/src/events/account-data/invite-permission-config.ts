/**
 * `m.invite_permission_config` (client-server "Invite permission").
 *
 * @module
 */
import { z } from 'zod';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.invite_permission_config`. */
export const invitePermissionConfigContentSchema = z.looseObject({
  default_action: z.string().optional(),
});

/** Content of `m.invite_permission_config`. */
export type InvitePermissionConfigContent = z.infer<typeof invitePermissionConfigContentSchema>;

/** A client-format `m.invite_permission_config` event. */
export const invitePermissionConfigEventSchema = defineBasicEvent('m.invite_permission_config', invitePermissionConfigContentSchema);

/** A client-format `m.invite_permission_config` event. */
export type InvitePermissionConfigEvent = z.infer<typeof invitePermissionConfigEventSchema>;

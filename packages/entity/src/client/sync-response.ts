/**
 * `GET /_matrix/client/v3/sync` 200 response body (client-server "Syncing"), with the
 * extensions of the send-to-device and end-to-end encryption modules.
 *
 * @module
 */
import { z } from 'zod';
import { intField, roomIdSchema } from './internal-fields.js';
import { syncDeviceListsSchema } from './sync-device-lists.js';
import { syncEventBatchSchema } from './sync-event-batch.js';
import { syncInvitedRoomSchema } from './sync-invited-room.js';
import { syncJoinedRoomSchema } from './sync-joined-room.js';
import { syncKnockedRoomSchema } from './sync-knocked-room.js';
import { syncLeftRoomSchema } from './sync-left-room.js';
import { syncToDeviceSchema } from './sync-to-device.js';

/** `rooms`: room ID to update, for rooms joined, invited to, knocked on and left. */
const syncRoomsSchema = z.looseObject({
  join: z.record(roomIdSchema, syncJoinedRoomSchema).optional(),
  invite: z.record(roomIdSchema, syncInvitedRoomSchema).optional(),
  knock: z.record(roomIdSchema, syncKnockedRoomSchema).optional(),
  leave: z.record(roomIdSchema, syncLeftRoomSchema).optional(),
});

/**
 * A sync response: `next_batch` (the `since` of the next request), `rooms`, `presence`,
 * `account_data`, `to_device`, `device_lists`, `device_one_time_keys_count` (algorithm to
 * count of unclaimed one-time keys) and `device_unused_fallback_key_types` (v1.2; the
 * module calls it required, but the sync schema and its example omit it, so it is
 * optional here).
 */
export const syncResponseSchema = z.looseObject({
  next_batch: z.string(),
  rooms: syncRoomsSchema.optional(),
  presence: syncEventBatchSchema.optional(),
  account_data: syncEventBatchSchema.optional(),
  to_device: syncToDeviceSchema.optional(),
  device_lists: syncDeviceListsSchema.optional(),
  device_one_time_keys_count: z.record(z.string().min(1), intField.min(0)).optional(),
  device_unused_fallback_key_types: z.array(z.string().min(1)).optional(),
});

/** A sync response. */
export type SyncResponse = z.infer<typeof syncResponseSchema>;

/**
 * `device_lists` of `GET /_matrix/client/v3/sync` (end-to-end encryption "Extensions to
 * /sync", `DeviceLists`).
 *
 * @module
 */
import { z } from 'zod';
import { userIdSchema } from './internal-fields.js';

/**
 * Device list changes since the previous sync: users whose devices or cross-signing keys
 * `changed` (or who newly share an encrypted room) and users who no longer share one
 * (`left`).
 */
export const syncDeviceListsSchema = z.looseObject({
  changed: z.array(userIdSchema).optional(),
  left: z.array(userIdSchema).optional(),
});

/** Device list changes in `/sync`. */
export type SyncDeviceLists = z.infer<typeof syncDeviceListsSchema>;

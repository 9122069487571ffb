import { z } from 'zod';
import { deviceIdSchema, userIdSchema } from '../identifiers/index.js';
import { deviceKeysObjectSchema } from './key-objects.js';

/** Content of an `m.device_list_update` EDU: one change to one of a user's devices. */
// server-server API: Device Management (definitions/event-schemas/m.device_list_update.yaml) content
export const deviceListUpdateEduContentSchema = z.looseObject({
  user_id: userIdSchema,
  device_id: deviceIdSchema,
  device_display_name: z.string().optional(),
  stream_id: z.int(),
  prev_id: z.array(z.int()).optional(),
  deleted: z.boolean().optional(),
  keys: deviceKeysObjectSchema.optional(),
});

/** Content of an `m.device_list_update` EDU. */
export type DeviceListUpdateEduContent = z.infer<typeof deviceListUpdateEduContentSchema>;

/** An `m.device_list_update` EDU. */
// server-server API: Device Management (definitions/event-schemas/m.device_list_update.yaml)
export const deviceListUpdateEduSchema = z.looseObject({
  edu_type: z.literal('m.device_list_update'),
  content: deviceListUpdateEduContentSchema,
});

/** An `m.device_list_update` EDU. */
export type DeviceListUpdateEdu = z.infer<typeof deviceListUpdateEduSchema>;

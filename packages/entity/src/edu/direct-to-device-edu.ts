import { z } from 'zod';
import { deviceIdSchema, userIdSchema } from '../identifiers/index.js';

/** Most code points of an `m.direct_to_device` `message_id`. */
const MAX_MESSAGE_ID_CODE_POINTS = 32;

/**
 * Content of an `m.direct_to_device` EDU: messages of one event type, from user ID to
 * device ID (or `*`, every device) to message body.
 */
// server-server API: Send-to-device messaging (definitions/event-schemas/m.direct_to_device.yaml) content
export const directToDeviceEduContentSchema = z.looseObject({
  sender: userIdSchema,
  type: z.string(),
  // "Arbitrary utf8 string, of maximum length 32 codepoints."
  message_id: z.string().refine((id) => [...id].length <= MAX_MESSAGE_ID_CODE_POINTS, {
    message: `message_id must not exceed ${MAX_MESSAGE_ID_CODE_POINTS} code points`,
  }),
  messages: z.record(userIdSchema, z.record(deviceIdSchema, z.record(z.string(), z.unknown()))),
});

/** Content of an `m.direct_to_device` EDU. */
export type DirectToDeviceEduContent = z.infer<typeof directToDeviceEduContentSchema>;

/** An `m.direct_to_device` EDU. */
// server-server API: Send-to-device messaging (definitions/event-schemas/m.direct_to_device.yaml)
export const directToDeviceEduSchema = z.looseObject({
  edu_type: z.literal('m.direct_to_device'),
  content: directToDeviceEduContentSchema,
});

/** An `m.direct_to_device` EDU. */
export type DirectToDeviceEdu = z.infer<typeof directToDeviceEduSchema>;

/**
 * `to_device` of `GET /_matrix/client/v3/sync` (send-to-device messaging "Extensions to
 * /sync", `ToDevice`).
 *
 * @module
 */
import { z } from 'zod';
import { eventTypeField, jsonObjectField, userIdSchema } from './internal-fields.js';

/** A send-to-device message: `type`, `content` and its `sender`. */
const toDeviceEventSchema = z.looseObject({
  type: eventTypeField,
  content: jsonObjectField,
  sender: userIdSchema,
});

/** The send-to-device messages for the client's device: `events`. */
export const syncToDeviceSchema = z.looseObject({
  events: z.array(toDeviceEventSchema).optional(),
});

/** Send-to-device messages in `/sync`. */
export type SyncToDevice = z.infer<typeof syncToDeviceSchema>;

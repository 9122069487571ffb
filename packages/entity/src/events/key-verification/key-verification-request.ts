/**
 * `m.key.verification.request` (client-server "Key verification framework" (to-device request; the in-room request is a msgtype of m.room.message). `transaction_id` and `timestamp` are required as a to-device message).
 *
 * @module
 */
import { z } from 'zod';
import { deviceIdSchema } from '../../identifiers/schemas.js';
import { integerSchema } from '../common/primitives.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.key.verification.request`. */
export const keyVerificationRequestContentSchema = z.looseObject({
  from_device: deviceIdSchema,
  transaction_id: z.string(),
  methods: z.array(z.string()),
  timestamp: integerSchema,
});

/** Content of `m.key.verification.request`. */
export type KeyVerificationRequestContent = z.infer<typeof keyVerificationRequestContentSchema>;

/** A client-format `m.key.verification.request` event. */
export const keyVerificationRequestEventSchema = defineBasicEvent('m.key.verification.request', keyVerificationRequestContentSchema);

/** A client-format `m.key.verification.request` event. */
export type KeyVerificationRequestEvent = z.infer<typeof keyVerificationRequestEventSchema>;

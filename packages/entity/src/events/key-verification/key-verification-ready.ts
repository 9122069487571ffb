/**
 * `m.key.verification.ready` (client-server "Key verification framework").
 *
 * @module
 */
import { z } from 'zod';
import { deviceIdSchema } from '../../identifiers/schemas.js';
import { requireTransactionOrRelation, verificationFlowShape } from './verification-relation.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.key.verification.ready`. */
export const keyVerificationReadyContentSchema = z
  .looseObject({
    from_device: deviceIdSchema,
    methods: z.array(z.string()),
    ...verificationFlowShape,
  })
  .superRefine(requireTransactionOrRelation);

/** Content of `m.key.verification.ready`. */
export type KeyVerificationReadyContent = z.infer<typeof keyVerificationReadyContentSchema>;

/** A client-format `m.key.verification.ready` event. */
export const keyVerificationReadyEventSchema = defineBasicEvent('m.key.verification.ready', keyVerificationReadyContentSchema);

/** A client-format `m.key.verification.ready` event. */
export type KeyVerificationReadyEvent = z.infer<typeof keyVerificationReadyEventSchema>;

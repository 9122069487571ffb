/**
 * `m.key.verification.cancel` (client-server "Key verification framework"; `code` is e.g. `m.user`, `m.timeout`, or a custom code).
 *
 * @module
 */
import { z } from 'zod';
import { requireTransactionOrRelation, verificationFlowShape } from './verification-relation.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.key.verification.cancel`. */
export const keyVerificationCancelContentSchema = z
  .looseObject({
    code: z.string(),
    reason: z.string(),
    ...verificationFlowShape,
  })
  .superRefine(requireTransactionOrRelation);

/** Content of `m.key.verification.cancel`. */
export type KeyVerificationCancelContent = z.infer<typeof keyVerificationCancelContentSchema>;

/** A client-format `m.key.verification.cancel` event. */
export const keyVerificationCancelEventSchema = defineBasicEvent('m.key.verification.cancel', keyVerificationCancelContentSchema);

/** A client-format `m.key.verification.cancel` event. */
export type KeyVerificationCancelEvent = z.infer<typeof keyVerificationCancelEventSchema>;

/**
 * `m.key.verification.key` (client-server "Short Authentication String (SAS) verification").
 *
 * @module
 */
import { z } from 'zod';
import { requireTransactionOrRelation, verificationFlowShape } from './verification-relation.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.key.verification.key`. */
export const keyVerificationKeyContentSchema = z
  .looseObject({
    key: z.string(),
    ...verificationFlowShape,
  })
  .superRefine(requireTransactionOrRelation);

/** Content of `m.key.verification.key`. */
export type KeyVerificationKeyContent = z.infer<typeof keyVerificationKeyContentSchema>;

/** A client-format `m.key.verification.key` event. */
export const keyVerificationKeyEventSchema = defineBasicEvent('m.key.verification.key', keyVerificationKeyContentSchema);

/** A client-format `m.key.verification.key` event. */
export type KeyVerificationKeyEvent = z.infer<typeof keyVerificationKeyEventSchema>;

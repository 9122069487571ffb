/**
 * `m.key.verification.mac` (client-server "Short Authentication String (SAS) verification"; `mac` maps key IDs to MACs).
 *
 * @module
 */
import { z } from 'zod';
import { requireTransactionOrRelation, verificationFlowShape } from './verification-relation.js';
import { deviceKeyIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.key.verification.mac`. */
export const keyVerificationMacContentSchema = z
  .looseObject({
    mac: z.record(deviceKeyIdSchema, z.string()),
    keys: z.string(),
    ...verificationFlowShape,
  })
  .superRefine(requireTransactionOrRelation);

/** Content of `m.key.verification.mac`. */
export type KeyVerificationMacContent = z.infer<typeof keyVerificationMacContentSchema>;

/** A client-format `m.key.verification.mac` event. */
export const keyVerificationMacEventSchema = defineBasicEvent('m.key.verification.mac', keyVerificationMacContentSchema);

/** A client-format `m.key.verification.mac` event. */
export type KeyVerificationMacEvent = z.infer<typeof keyVerificationMacEventSchema>;

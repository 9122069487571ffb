/**
 * `m.key.verification.accept` (client-server "Short Authentication String (SAS) verification").
 *
 * @module
 */
import { z } from 'zod';
import { requireTransactionOrRelation, verificationFlowShape } from './verification-relation.js';
import { sasMethodSchema } from './key-verification-start.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.key.verification.accept`. */
export const keyVerificationAcceptContentSchema = z
  .looseObject({
    method: z.string(),
    key_agreement_protocol: z.string(),
    hash: z.string(),
    message_authentication_code: z.string(),
    short_authentication_string: z.array(sasMethodSchema),
    commitment: z.string(),
    ...verificationFlowShape,
  })
  .superRefine(requireTransactionOrRelation);

/** Content of `m.key.verification.accept`. */
export type KeyVerificationAcceptContent = z.infer<typeof keyVerificationAcceptContentSchema>;

/** A client-format `m.key.verification.accept` event. */
export const keyVerificationAcceptEventSchema = defineBasicEvent('m.key.verification.accept', keyVerificationAcceptContentSchema);

/** A client-format `m.key.verification.accept` event. */
export type KeyVerificationAcceptEvent = z.infer<typeof keyVerificationAcceptEventSchema>;

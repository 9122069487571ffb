/**
 * `m.key.verification.done` (client-server "Key verification framework").
 *
 * @module
 */
import { z } from 'zod';
import { requireTransactionOrRelation, verificationFlowShape } from './verification-relation.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.key.verification.done`. */
export const keyVerificationDoneContentSchema = z.looseObject({ ...verificationFlowShape }).superRefine(requireTransactionOrRelation);

/** Content of `m.key.verification.done`. */
export type KeyVerificationDoneContent = z.infer<typeof keyVerificationDoneContentSchema>;

/** A client-format `m.key.verification.done` event. */
export const keyVerificationDoneEventSchema = defineBasicEvent('m.key.verification.done', keyVerificationDoneContentSchema);

/** A client-format `m.key.verification.done` event. */
export type KeyVerificationDoneEvent = z.infer<typeof keyVerificationDoneEventSchema>;

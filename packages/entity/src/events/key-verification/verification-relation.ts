/**
 * The relation and transaction fields shared by key verification events (client-server
 * "Key verification framework"; event-schemas m.key.verification.m.relates_to). A
 * to-device message carries `transaction_id`; an in-room message carries `m.relates_to`
 * (an `m.reference` to the `m.key.verification.request` message). One of the two is
 * required.
 *
 * @module
 */
import { z } from 'zod';
import { eventIdSchema } from '../../identifiers/schemas.js';

/** The `m.relates_to` of an in-room verification message. */
export const verificationRelationSchema = z.looseObject({
  rel_type: z.literal('m.reference'),
  event_id: eventIdSchema,
});

/** The `m.relates_to` of an in-room verification message. */
export type VerificationRelation = z.infer<typeof verificationRelationSchema>;

/** Shape shared by verification event contents other than the request. */
export const verificationFlowShape = {
  transaction_id: z.string().optional(),
  'm.relates_to': verificationRelationSchema.optional(),
};

/**
 * A refinement adding an issue at `transaction_id` when neither `transaction_id` nor
 * `m.relates_to` is present.
 *
 * @example
 * z.looseObject(verificationFlowShape).superRefine(requireTransactionOrRelation);
 */
export function requireTransactionOrRelation(
  content: { transaction_id?: string | undefined; 'm.relates_to'?: unknown },
  ctx: z.RefinementCtx,
): void {
  if (content.transaction_id === undefined && content['m.relates_to'] === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['transaction_id'],
      message: 'transaction_id (to-device) or m.relates_to (in-room) is required',
      input: content,
    });
  }
}

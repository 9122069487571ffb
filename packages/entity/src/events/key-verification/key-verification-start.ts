/**
 * `m.key.verification.start` (client-server "Key verification framework"): the generic
 * content, and the method-specific contents `m.sas.v1` ("Short Authentication String
 * (SAS) verification") and `m.reciprocate.v1` ("QR codes"). The content schema is
 * dispatched on `method`: a known method is checked by its schema, any other by the
 * generic one.
 *
 * @module
 */
import { z } from 'zod';
import { deviceIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';
import { requireTransactionOrRelation, verificationFlowShape } from './verification-relation.js';

/** A short authentication string method. */
export const sasMethodSchema = z.enum(['decimal', 'emoji']);

/** A short authentication string method. */
export type SasMethod = z.infer<typeof sasMethodSchema>;

/** Content of `m.key.verification.start` for any method. */
export const genericKeyVerificationStartContentSchema = z
  .looseObject({
    from_device: deviceIdSchema,
    method: z.string(),
    next_method: z.string().optional(),
    ...verificationFlowShape,
  })
  .superRefine(requireTransactionOrRelation);

/** Content of `m.key.verification.start` for any method. */
export type GenericKeyVerificationStartContent = z.infer<typeof genericKeyVerificationStartContentSchema>;

/** Content of `m.key.verification.start` with method `m.sas.v1`. */
export const sasKeyVerificationStartContentSchema = z
  .looseObject({
    from_device: deviceIdSchema,
    method: z.literal('m.sas.v1'),
    key_agreement_protocols: z.array(z.string()),
    hashes: z.array(z.string()),
    message_authentication_codes: z.array(z.string()),
    short_authentication_string: z.array(sasMethodSchema),
    ...verificationFlowShape,
  })
  .superRefine(requireTransactionOrRelation);

/** Content of `m.key.verification.start` with method `m.sas.v1`. */
export type SasKeyVerificationStartContent = z.infer<typeof sasKeyVerificationStartContentSchema>;

/** Content of `m.key.verification.start` with method `m.reciprocate.v1`. */
export const reciprocateKeyVerificationStartContentSchema = z
  .looseObject({
    from_device: deviceIdSchema,
    method: z.literal('m.reciprocate.v1'),
    secret: z.string(),
    ...verificationFlowShape,
  })
  .superRefine(requireTransactionOrRelation);

/** Content of `m.key.verification.start` with method `m.reciprocate.v1`. */
export type ReciprocateKeyVerificationStartContent = z.infer<typeof reciprocateKeyVerificationStartContentSchema>;

/** Content of `m.key.verification.start`. */
export type KeyVerificationStartContent =
  | SasKeyVerificationStartContent
  | ReciprocateKeyVerificationStartContent
  | GenericKeyVerificationStartContent;

/** Content of `m.key.verification.start`, dispatched on `method`. */
export const keyVerificationStartContentSchema = z.looseObject({ method: z.string() }).superRefine((content, ctx) => {
  const schema: z.ZodType =
    content.method === 'm.sas.v1'
      ? sasKeyVerificationStartContentSchema
      : content.method === 'm.reciprocate.v1'
        ? reciprocateKeyVerificationStartContentSchema
        : genericKeyVerificationStartContentSchema;
  const result = schema.safeParse(content);
  if (result.success) return;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue, input: undefined } as Parameters<typeof ctx.addIssue>[0] & object);
}) as unknown as z.ZodType<KeyVerificationStartContent, unknown>;

/** An `m.key.verification.start` event (to-device form). */
export const keyVerificationStartEventSchema = defineBasicEvent('m.key.verification.start', keyVerificationStartContentSchema);

/** An `m.key.verification.start` event. */
export type KeyVerificationStartEvent = z.infer<typeof keyVerificationStartEventSchema>;

/**
 * An `m.key.verification.start` event checked only against the generic content (any
 * method, without the method-specific fields), as the spec's generic schema describes it.
 */
export const genericKeyVerificationStartEventSchema = defineBasicEvent(
  'm.key.verification.start',
  genericKeyVerificationStartContentSchema,
);

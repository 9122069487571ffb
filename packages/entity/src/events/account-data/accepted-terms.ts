/**
 * `m.accepted_terms` (client-server "Terms of service" (identity and integration servers)).
 *
 * @module
 */
import { z } from 'zod';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.accepted_terms`. */
export const acceptedTermsContentSchema = z.looseObject({
  accepted: z.array(z.string()).optional(),
});

/** Content of `m.accepted_terms`. */
export type AcceptedTermsContent = z.infer<typeof acceptedTermsContentSchema>;

/** A client-format `m.accepted_terms` event. */
export const acceptedTermsEventSchema = defineBasicEvent('m.accepted_terms', acceptedTermsContentSchema);

/** A client-format `m.accepted_terms` event. */
export type AcceptedTermsEvent = z.infer<typeof acceptedTermsEventSchema>;

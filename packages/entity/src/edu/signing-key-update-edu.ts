import { z } from 'zod';
import { userIdSchema } from '../identifiers/index.js';
import { crossSigningKeyObjectSchema } from './key-objects.js';

/** Content of an `m.signing_key_update` EDU: a user's updated cross-signing keys. */
// server-server API: End-to-End Encryption (definitions/event-schemas/m.signing_key_update.yaml) content
export const signingKeyUpdateEduContentSchema = z.looseObject({
  user_id: userIdSchema,
  master_key: crossSigningKeyObjectSchema.optional(),
  self_signing_key: crossSigningKeyObjectSchema.optional(),
});

/** Content of an `m.signing_key_update` EDU. */
export type SigningKeyUpdateEduContent = z.infer<typeof signingKeyUpdateEduContentSchema>;

/** An `m.signing_key_update` EDU. */
// server-server API: End-to-End Encryption (definitions/event-schemas/m.signing_key_update.yaml)
export const signingKeyUpdateEduSchema = z.looseObject({
  edu_type: z.literal('m.signing_key_update'),
  content: signingKeyUpdateEduContentSchema,
});

/** An `m.signing_key_update` EDU. */
export type SigningKeyUpdateEdu = z.infer<typeof signingKeyUpdateEduSchema>;

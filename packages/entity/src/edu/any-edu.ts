import type { z } from 'zod';
import { deviceListUpdateEduSchema, type DeviceListUpdateEdu } from './device-list-update-edu.js';
import { directToDeviceEduSchema, type DirectToDeviceEdu } from './direct-to-device-edu.js';
import { eduSchema, type Edu } from './edu.js';
import { presenceEduSchema, type PresenceEdu } from './presence-edu.js';
import { receiptEduSchema, type ReceiptEdu } from './receipt-edu.js';
import { signingKeyUpdateEduSchema, type SigningKeyUpdateEdu } from './signing-key-update-edu.js';
import { typingEduSchema, type TypingEdu } from './typing-edu.js';

/** The schemas of the EDU types the spec defines, by `edu_type`. */
export const knownEduSchemas = Object.freeze({
  'm.typing': typingEduSchema,
  'm.presence': presenceEduSchema,
  'm.receipt': receiptEduSchema,
  'm.device_list_update': deviceListUpdateEduSchema,
  'm.signing_key_update': signingKeyUpdateEduSchema,
  'm.direct_to_device': directToDeviceEduSchema,
});

/** An EDU of a type the spec defines. */
export type KnownEdu = TypingEdu | PresenceEdu | ReceiptEdu | DeviceListUpdateEdu | SigningKeyUpdateEdu | DirectToDeviceEdu;

/** An EDU of a known type, checked by its type's schema, or of any other type. */
export type AnyEdu = KnownEdu | Edu;

/**
 * An EDU, its content checked by the schema of its `edu_type` when the spec defines that
 * type (`m.typing`, `m.presence`, `m.receipt`, `m.device_list_update`,
 * `m.signing_key_update`, `m.direct_to_device`); an EDU of any other type only needs
 * the generic shape ({@link eduSchema}). Issues carry the path inside the EDU.
 */
// server-server API: EDUs, and each EDU type's definition
export const anyEduSchema: z.ZodType<AnyEdu> = eduSchema.superRefine((edu, ctx) => {
  if (!Object.hasOwn(knownEduSchemas, edu.edu_type)) return;
  const schema = knownEduSchemas[edu.edu_type as keyof typeof knownEduSchemas];
  const result = schema.safeParse(edu);
  if (result.success) return;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
  }
});

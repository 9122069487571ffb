/**
 * User identifier `m.id.phone` (client-server "Identifier types" / "Phone number").
 *
 * @module
 */
import { z } from 'zod';

/**
 * Identifies a user by a phone number as entered (`phone`), with the two-letter
 * upper-case ISO-3166-1 alpha-2 `country` it should be parsed as if dialled from.
 */
export const phoneUserIdentifierSchema = z.looseObject({
  type: z.literal('m.id.phone'),
  country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO-3166-1 alpha-2 code (two upper-case letters)'),
  phone: z.string().min(1),
});

/** A user identified by a phone number. */
export type PhoneUserIdentifier = z.infer<typeof phoneUserIdentifierSchema>;

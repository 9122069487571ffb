/**
 * User identifier `m.id.user` (client-server "Identifier types" / "Matrix User ID").
 *
 * @module
 */
import { z } from 'zod';

/**
 * Identifies a user by their Matrix ID: `user` is the fully qualified user ID or just the
 * localpart, so it is not checked against the user ID grammar here.
 */
export const matrixUserIdentifierSchema = z.looseObject({
  type: z.literal('m.id.user'),
  user: z.string().min(1),
});

/** A user identified by their Matrix ID or localpart. */
export type MatrixUserIdentifier = z.infer<typeof matrixUserIdentifierSchema>;

/**
 * The user identifier object (client-server "Identifier types",
 * definitions/user_identifier.yaml): one of the three types the spec defines.
 *
 * @module
 */
import { z } from 'zod';
import { matrixUserIdentifierSchema } from './matrix-user-identifier.js';
import { phoneUserIdentifierSchema } from './phone-user-identifier.js';
import { thirdPartyUserIdentifierSchema } from './third-party-user-identifier.js';

/** A user identifier: `m.id.user`, `m.id.thirdparty` or `m.id.phone`, told apart by `type`. */
export const userIdentifierSchema = z.discriminatedUnion('type', [
  matrixUserIdentifierSchema,
  thirdPartyUserIdentifierSchema,
  phoneUserIdentifierSchema,
]);

/** A user identifier. */
export type UserIdentifier = z.infer<typeof userIdentifierSchema>;

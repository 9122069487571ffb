import { z } from 'zod';
import { keyIdSchema, serverNameSchema } from '../identifiers/index.js';

/**
 * Response of `POST /_matrix/policy/v1/sign`: the Policy Server's signature on the event
 * (server name to key ID to signature; `ed25519:policy_server` for Ed25519), to add to
 * the event's `signatures`. The request body is the PDU itself (`rawPduSchema`).
 */
// server-server API: POST /_matrix/policy/v1/sign response
export const policyServerSignatureResponseSchema = z.record(serverNameSchema, z.record(keyIdSchema, z.string()));

/** Response of `POST /_matrix/policy/v1/sign`. */
export type PolicyServerSignatureResponse = z.infer<typeof policyServerSignatureResponseSchema>;

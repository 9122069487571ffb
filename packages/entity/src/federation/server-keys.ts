import { z } from 'zod';
import { keyIdSchema, serverNameSchema } from '../identifiers/index.js';
import { signaturesMapSchema } from '../pdu/index.js';

/** A current verify key of a server: the unpadded base64 public key. */
// server-server API: ServerKeys `Verify Key`
export const verifyKeySchema = z.looseObject({
  key: z.string(),
});

/** A current verify key. */
export type VerifyKey = z.infer<typeof verifyKeySchema>;

/** A key a server used to use, and when it stopped (`expired_ts`, ms). */
// server-server API: ServerKeys `Old Verify Key`
export const oldVerifyKeySchema = z.looseObject({
  expired_ts: z.int(),
  key: z.string(),
});

/** An old verify key. */
export type OldVerifyKey = z.infer<typeof oldVerifyKeySchema>;

/**
 * A server's published signing keys (definitions/keys.yaml): the response of
 * `GET /_matrix/key/v2/server` and each item of a notary's `server_keys`. Key IDs are
 * `algorithm:version` with the version of `[a-zA-Z0-9_]`.
 */
// server-server API: GET /_matrix/key/v2/server response (ServerKeys)
export const serverKeysSchema = z.looseObject({
  server_name: serverNameSchema,
  verify_keys: z.record(keyIdSchema, verifyKeySchema),
  old_verify_keys: z.record(keyIdSchema, oldVerifyKeySchema).optional(),
  signatures: signaturesMapSchema,
  valid_until_ts: z.int(),
});

/** A server's published signing keys. */
export type ServerKeys = z.infer<typeof serverKeysSchema>;

/**
 * Encrypted attachments (client-server "Sending encrypted attachments"): the
 * `EncryptedFile` object and its `JWK`.
 *
 * @module
 */
import { z } from 'zod';
import { mxcUriSchema } from './mxc-uri.js';

/** A JSON Web Key of an encrypted attachment (client-server "Sending encrypted attachments", JWK). */
export const jsonWebKeySchema = z.looseObject({
  kty: z.literal('oct'),
  key_ops: z.array(z.string()),
  alg: z.literal('A256CTR'),
  k: z.string(),
  ext: z.literal(true),
});

/** A JSON Web Key of an encrypted attachment. */
export type JsonWebKey = z.infer<typeof jsonWebKeySchema>;

/** An encrypted file (client-server "Sending encrypted attachments", EncryptedFile). */
export const encryptedFileSchema = z.looseObject({
  url: mxcUriSchema,
  key: jsonWebKeySchema,
  iv: z.string(),
  hashes: z.record(z.string(), z.string()),
  v: z.string(),
});

/** An encrypted file. */
export type EncryptedFile = z.infer<typeof encryptedFileSchema>;

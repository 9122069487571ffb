import { z } from 'zod';
import { serverKeysSchema } from './server-keys.js';

/**
 * Response of `POST /_matrix/key/v2/query` and `GET /_matrix/key/v2/query/{serverName}`
 * (definitions/keys_query_response.yaml): the queried servers' keys, signed by the notary;
 * possibly empty.
 */
// server-server API: POST /_matrix/key/v2/query and GET /_matrix/key/v2/query/{serverName} response
export const serverKeysQueryResponseSchema = z.looseObject({
  server_keys: z.array(serverKeysSchema),
});

/** Response of the notary key queries. */
export type ServerKeysQueryResponse = z.infer<typeof serverKeysQueryResponseSchema>;

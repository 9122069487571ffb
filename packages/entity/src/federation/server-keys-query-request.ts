import { z } from 'zod';
import { keyIdSchema, serverNameSchema } from '../identifiers/index.js';

/** Query criteria for one key: the keys should be valid until at least `minimum_valid_until_ts`. */
// server-server API: POST /_matrix/key/v2/query `Query Criteria`
export const serverKeyQueryCriteriaSchema = z.looseObject({
  minimum_valid_until_ts: z.int().optional(),
});

/** Query criteria for one key. */
export type ServerKeyQueryCriteria = z.infer<typeof serverKeyQueryCriteriaSchema>;

/** Request body of `POST /_matrix/key/v2/query`: server name to key ID to criteria. */
// server-server API: POST /_matrix/key/v2/query request
export const serverKeysQueryRequestSchema = z.looseObject({
  server_keys: z.record(serverNameSchema, z.record(keyIdSchema, serverKeyQueryCriteriaSchema)),
});

/** Request body of `POST /_matrix/key/v2/query`. */
export type ServerKeysQueryRequest = z.infer<typeof serverKeysQueryRequestSchema>;

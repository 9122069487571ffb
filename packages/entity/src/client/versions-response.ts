/**
 * `GET /_matrix/client/versions` 200 response body (client-server "API Versions").
 *
 * @module
 */
import { z } from 'zod';

// "Values will take the form `vX.Y` or `rX.Y.Z` in historical cases."
const SPEC_VERSION = /^(v[0-9]+\.[0-9]+|r[0-9]+\.[0-9]+\.[0-9]+)$/;

/**
 * The spec versions the server supports (`versions`, each `vX.Y`, or `rX.Y.Z` for old
 * ones) and the `unstable_features` it advertises (namespaced name to enabled).
 */
export const versionsResponseSchema = z.looseObject({
  versions: z.array(z.string().regex(SPEC_VERSION, 'a version must be vX.Y or rX.Y.Z')),
  unstable_features: z.record(z.string().min(1), z.boolean()).optional(),
});

/** The spec versions the server supports. */
export type VersionsResponse = z.infer<typeof versionsResponseSchema>;

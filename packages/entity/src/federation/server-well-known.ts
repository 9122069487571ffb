import { z } from 'zod';
import { serverNameSchema } from '../identifiers/index.js';

/**
 * Response of `GET /.well-known/matrix/server`: the server name (with optional port) to
 * delegate server-server traffic to.
 *
 * `m.server` is required here: the spec's schema lists no required keys, but a body
 * without a valid `m.server` is the "invalid data" on which server discovery moves on to
 * its next step.
 */
// server-server API: GET /.well-known/matrix/server response
export const serverWellKnownSchema = z.looseObject({
  'm.server': serverNameSchema,
});

/** Response of `GET /.well-known/matrix/server`. */
export type ServerWellKnown = z.infer<typeof serverWellKnownSchema>;

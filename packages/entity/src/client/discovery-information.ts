/**
 * Discovery information (client-server "Well-known URIs", definitions/wellknown/full.yaml),
 * as `GET /.well-known/matrix/client` returns it and `POST /login` may embed it as
 * `well_known`.
 *
 * @module
 */
import { z } from 'zod';

/** Where a server lives: its `base_url`. */
const serverInformationSchema = z.looseObject({
  base_url: z.url(),
});

/**
 * Discovery information: the required `m.homeserver` and optional `m.identity_server`
 * base URLs; other keys (Java package naming) are kept.
 */
export const discoveryInformationSchema = z.looseObject({
  'm.homeserver': serverInformationSchema,
  'm.identity_server': serverInformationSchema.optional(),
});

/** Discovery information. */
export type DiscoveryInformation = z.infer<typeof discoveryInformationSchema>;

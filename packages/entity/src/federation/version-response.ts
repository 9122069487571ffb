import { z } from 'zod';

/** Response of `GET /_matrix/federation/v1/version`: the server implementation's name and version. */
// server-server API: GET /version response
export const federationVersionResponseSchema = z.looseObject({
  server: z
    .looseObject({
      name: z.string().optional(),
      version: z.string().optional(),
    })
    .optional(),
});

/** Response of `GET /version`. */
export type FederationVersionResponse = z.infer<typeof federationVersionResponseSchema>;

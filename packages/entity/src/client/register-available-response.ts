/**
 * `GET /_matrix/client/v3/register/available` 200 response body.
 *
 * @module
 */
import { z } from 'zod';

/** Username availability: `available`, which "should always be `true`" with a 200. */
export const registerAvailableResponseSchema = z.looseObject({
  available: z.boolean().optional(),
});

/** Username availability response body. */
export type RegisterAvailableResponse = z.infer<typeof registerAvailableResponseSchema>;

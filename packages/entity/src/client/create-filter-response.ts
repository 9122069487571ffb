/**
 * `POST /_matrix/client/v3/user/{userId}/filter` 200 response body.
 *
 * @module
 */
import { z } from 'zod';

// "filter_id: The ID of the filter that was created. Cannot start with a `{` as this
// character is used to determine if the filter provided is inline JSON or a previously
// declared filter by homeservers on some APIs."
/** The created filter's `filter_id` (which cannot start with `{`). */
export const createFilterResponseSchema = z.looseObject({
  filter_id: z
    .string()
    .min(1)
    .refine((id) => !id.startsWith('{'), { message: 'filter_id cannot start with "{"' }),
});

/** The created filter's ID. */
export type CreateFilterResponse = z.infer<typeof createFilterResponseSchema>;

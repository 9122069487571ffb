/**
 * The body of `PUT` and the 200 response of `GET /_matrix/client/v3/user/{userId}/account_data/{type}`
 * and `/user/{userId}/rooms/{roomId}/account_data/{type}` (client-server "Client Config",
 * account-data.yaml): the account data content. The `PUT` 200 response is
 * {@link emptyResponseSchema}.
 *
 * @module
 */
import { z } from 'zod';
import { jsonObjectField } from './internal-fields.js';

/** Account data content: any JSON object ("Content must be a JSON object", `M_NOT_JSON`). */
export const accountDataContentSchema = jsonObjectField;

/** Account data content. */
export type AccountDataContent = z.infer<typeof accountDataContentSchema>;

/**
 * The empty JSON object that many endpoints return with a 200: `POST /logout`,
 * `POST /logout/all`, `POST /rooms/{roomId}/leave`, `/forget`, `/kick`, `/ban`, `/unban`,
 * `/invite`, `PUT` and `DELETE /profile/{userId}/{keyName}`, `PUT` and
 * `DELETE /directory/room/{roomAlias}`.
 *
 * @module
 */
import { z } from 'zod';

/** An empty JSON object (keys a newer server might add are kept). */
export const emptyResponseSchema = z.looseObject({});

/** An empty JSON object. */
export type EmptyResponse = z.infer<typeof emptyResponseSchema>;

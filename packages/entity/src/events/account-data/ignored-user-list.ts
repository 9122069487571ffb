/**
 * `m.ignored_user_list` (client-server "Ignoring Users").
 *
 * @module
 */
import { z } from 'zod';
import { userIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.ignored_user_list`. */
export const ignoredUserListContentSchema = z.looseObject({
  ignored_users: z.record(userIdSchema, z.looseObject({})),
});

/** Content of `m.ignored_user_list`. */
export type IgnoredUserListContent = z.infer<typeof ignoredUserListContentSchema>;

/** A client-format `m.ignored_user_list` event. */
export const ignoredUserListEventSchema = defineBasicEvent('m.ignored_user_list', ignoredUserListContentSchema);

/** A client-format `m.ignored_user_list` event. */
export type IgnoredUserListEvent = z.infer<typeof ignoredUserListEventSchema>;

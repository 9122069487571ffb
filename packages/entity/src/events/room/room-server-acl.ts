/**
 * `m.room.server_acl` (client-server "m.room.server_acl"; entries are server name globs with `*` and `?`).
 *
 * @module
 */
import { z } from 'zod';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';

/** Content of `m.room.server_acl`. */
export const roomServerAclContentSchema = z.looseObject({
  allow_ip_literals: z.boolean().optional(),
  allow: z.array(z.string()).optional(),
  deny: z.array(z.string()).optional(),
});

/** Content of `m.room.server_acl`. */
export type RoomServerAclContent = z.infer<typeof roomServerAclContentSchema>;

/** A client-format `m.room.server_acl` event. */
export const roomServerAclEventSchema = defineStateEvent('m.room.server_acl', roomServerAclContentSchema, emptyStateKeySchema);

/** A client-format `m.room.server_acl` event. */
export type RoomServerAclEvent = z.infer<typeof roomServerAclEventSchema>;

/**
 * `m.space.child` (client-server "Spaces", "m.space.child"; the state key is the child room ID; `order` is 1 to 50 characters of U+0020 to U+007E).
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema, serverNameSchema } from '../../identifiers/schemas.js';
import { defineStateEvent } from '../client-event.js';

/** Content of `m.space.child`. */
export const spaceChildContentSchema = z.looseObject({
  via: z.array(serverNameSchema),
  order: z
    .string()
    .max(50)
    .regex(/^[\x20-\x7E]+$/, 'must be 1 to 50 characters of U+0020 to U+007E')
    .optional(),
  suggested: z.boolean().optional(),
});

/** Content of `m.space.child`. */
export type SpaceChildContent = z.infer<typeof spaceChildContentSchema>;

/** A client-format `m.space.child` event. */
export const spaceChildEventSchema = defineStateEvent('m.space.child', spaceChildContentSchema, roomIdSchema);

/** A client-format `m.space.child` event. */
export type SpaceChildEvent = z.infer<typeof spaceChildEventSchema>;

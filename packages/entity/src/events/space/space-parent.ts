/**
 * `m.space.parent` (client-server "Spaces", "m.space.parent"; the state key is the parent room ID).
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema, serverNameSchema } from '../../identifiers/schemas.js';
import { defineStateEvent } from '../client-event.js';

/** Content of `m.space.parent`. */
export const spaceParentContentSchema = z.looseObject({
  via: z.array(serverNameSchema),
  canonical: z.boolean().optional(),
});

/** Content of `m.space.parent`. */
export type SpaceParentContent = z.infer<typeof spaceParentContentSchema>;

/** A client-format `m.space.parent` event. */
export const spaceParentEventSchema = defineStateEvent('m.space.parent', spaceParentContentSchema, roomIdSchema);

/** A client-format `m.space.parent` event. */
export type SpaceParentEvent = z.infer<typeof spaceParentEventSchema>;

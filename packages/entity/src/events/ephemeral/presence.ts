/**
 * `m.presence` (client-server "Presence"). The event carries the `sender` whose presence
 * it describes.
 *
 * @module
 */
import { z } from 'zod';
import { userIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';
import { mxcUriSchema } from '../common/mxc-uri.js';

/** A presence state. */
export const presenceStateSchema = z.enum(['online', 'offline', 'unavailable']);

/** A presence state. */
export type PresenceState = z.infer<typeof presenceStateSchema>;

/** Content of `m.presence`. */
export const presenceContentSchema = z.looseObject({
  presence: presenceStateSchema,
  avatar_url: mxcUriSchema.optional(),
  displayname: z.string().optional(),
  last_active_ago: z.number().nonnegative().optional(),
  currently_active: z.boolean().optional(),
  status_msg: z.string().optional(),
});

/** Content of `m.presence`. */
export type PresenceContent = z.infer<typeof presenceContentSchema>;

/** An `m.presence` event. */
export const presenceEventSchema = defineBasicEvent('m.presence', presenceContentSchema).extend({
  sender: userIdSchema,
});

/** An `m.presence` event. */
export type PresenceEvent = z.infer<typeof presenceEventSchema>;

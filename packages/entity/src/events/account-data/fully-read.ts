/**
 * `m.fully_read` (client-server "Fully read markers").
 *
 * @module
 */
import { z } from 'zod';
import { eventIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.fully_read`. */
export const fullyReadContentSchema = z.looseObject({
  event_id: eventIdSchema,
});

/** Content of `m.fully_read`. */
export type FullyReadContent = z.infer<typeof fullyReadContentSchema>;

/** A client-format `m.fully_read` event. */
export const fullyReadEventSchema = defineBasicEvent('m.fully_read', fullyReadContentSchema);

/** A client-format `m.fully_read` event. */
export type FullyReadEvent = z.infer<typeof fullyReadEventSchema>;

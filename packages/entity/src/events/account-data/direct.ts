/**
 * `m.direct` (client-server "Direct Messaging": user ID -> room IDs).
 *
 * @module
 */
import { z } from 'zod';
import { roomIdSchema, userIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.direct`. */
export const directContentSchema = z.record(userIdSchema, z.array(roomIdSchema));

/** Content of `m.direct`. */
export type DirectContent = z.infer<typeof directContentSchema>;

/** A client-format `m.direct` event. */
export const directEventSchema = defineBasicEvent('m.direct', directContentSchema);

/** A client-format `m.direct` event. */
export type DirectEvent = z.infer<typeof directEventSchema>;

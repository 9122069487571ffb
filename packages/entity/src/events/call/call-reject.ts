/**
 * `m.call.reject` (client-server "Voice over IP", "m.call.reject").
 *
 * @module
 */
import { z } from 'zod';
import { callEventBaseShape } from './call-event-base.js';
import { defineRoomEvent } from '../client-event.js';

/** Content of `m.call.reject`. */
export const callRejectContentSchema = z.looseObject({
  ...callEventBaseShape,
});

/** Content of `m.call.reject`. */
export type CallRejectContent = z.infer<typeof callRejectContentSchema>;

/** A client-format `m.call.reject` event. */
export const callRejectEventSchema = defineRoomEvent('m.call.reject', callRejectContentSchema);

/** A client-format `m.call.reject` event. */
export type CallRejectEvent = z.infer<typeof callRejectEventSchema>;

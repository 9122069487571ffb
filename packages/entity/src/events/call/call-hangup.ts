/**
 * `m.call.hangup` (client-server "Voice over IP", "m.call.hangup").
 *
 * @module
 */
import { z } from 'zod';
import { callEventBaseShape } from './call-event-base.js';
import { defineRoomEvent } from '../client-event.js';

/** Content of `m.call.hangup`. */
export const callHangupContentSchema = z.looseObject({
  ...callEventBaseShape,
  reason: z.enum(['ice_timeout', 'ice_failed', 'invite_timeout', 'user_hangup', 'user_media_failed', 'user_busy', 'unknown_error']),
});

/** Content of `m.call.hangup`. */
export type CallHangupContent = z.infer<typeof callHangupContentSchema>;

/** A client-format `m.call.hangup` event. */
export const callHangupEventSchema = defineRoomEvent('m.call.hangup', callHangupContentSchema);

/** A client-format `m.call.hangup` event. */
export type CallHangupEvent = z.infer<typeof callHangupEventSchema>;

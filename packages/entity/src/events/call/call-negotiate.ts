/**
 * `m.call.negotiate` (client-server "Voice over IP", "m.call.negotiate").
 *
 * @module
 */
import { z } from 'zod';
import { callEventBaseShape, sdpStreamMetadataSchema, sessionDescriptionSchema } from './call-event-base.js';
import { nonNegativeIntegerSchema } from '../common/primitives.js';
import { defineRoomEvent } from '../client-event.js';

/** Content of `m.call.negotiate`. */
export const callNegotiateContentSchema = z.looseObject({
  ...callEventBaseShape,
  description: sessionDescriptionSchema(['offer', 'answer']),
  lifetime: nonNegativeIntegerSchema,
  sdp_stream_metadata: sdpStreamMetadataSchema.optional(),
});

/** Content of `m.call.negotiate`. */
export type CallNegotiateContent = z.infer<typeof callNegotiateContentSchema>;

/** A client-format `m.call.negotiate` event. */
export const callNegotiateEventSchema = defineRoomEvent('m.call.negotiate', callNegotiateContentSchema);

/** A client-format `m.call.negotiate` event. */
export type CallNegotiateEvent = z.infer<typeof callNegotiateEventSchema>;

/**
 * `m.call.answer` (client-server "Voice over IP", "m.call.answer").
 *
 * @module
 */
import { z } from 'zod';
import { callEventBaseShape, sdpStreamMetadataSchema, sessionDescriptionSchema } from './call-event-base.js';
import { defineRoomEvent } from '../client-event.js';

/** Content of `m.call.answer`. */
export const callAnswerContentSchema = z.looseObject({
  ...callEventBaseShape,
  answer: sessionDescriptionSchema(['answer']),
  sdp_stream_metadata: sdpStreamMetadataSchema.optional(),
});

/** Content of `m.call.answer`. */
export type CallAnswerContent = z.infer<typeof callAnswerContentSchema>;

/** A client-format `m.call.answer` event. */
export const callAnswerEventSchema = defineRoomEvent('m.call.answer', callAnswerContentSchema);

/** A client-format `m.call.answer` event. */
export type CallAnswerEvent = z.infer<typeof callAnswerEventSchema>;

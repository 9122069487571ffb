/**
 * `m.call.select_answer` (client-server "Voice over IP", "m.call.select_answer").
 *
 * @module
 */
import { z } from 'zod';
import { callEventBaseShape } from './call-event-base.js';
import { opaqueIdSchema } from '../../identifiers/schemas.js';
import { defineRoomEvent } from '../client-event.js';

/** Content of `m.call.select_answer`. */
export const callSelectAnswerContentSchema = z.looseObject({
  ...callEventBaseShape,
  selected_party_id: opaqueIdSchema,
});

/** Content of `m.call.select_answer`. */
export type CallSelectAnswerContent = z.infer<typeof callSelectAnswerContentSchema>;

/** A client-format `m.call.select_answer` event. */
export const callSelectAnswerEventSchema = defineRoomEvent('m.call.select_answer', callSelectAnswerContentSchema);

/** A client-format `m.call.select_answer` event. */
export type CallSelectAnswerEvent = z.infer<typeof callSelectAnswerEventSchema>;

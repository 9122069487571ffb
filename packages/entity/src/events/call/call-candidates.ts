/**
 * `m.call.candidates` (client-server "Voice over IP", "m.call.candidates").
 *
 * @module
 */
import { z } from 'zod';
import { callEventBaseShape } from './call-event-base.js';
import { defineRoomEvent } from '../client-event.js';

/** Content of `m.call.candidates`. */
export const callCandidatesContentSchema = z.looseObject({
  ...callEventBaseShape,
  candidates: z.array(
    z.looseObject({
      candidate: z.string(),
      sdpMid: z.string().optional(),
      sdpMLineIndex: z.number().optional(),
    }),
  ),
});

/** Content of `m.call.candidates`. */
export type CallCandidatesContent = z.infer<typeof callCandidatesContentSchema>;

/** A client-format `m.call.candidates` event. */
export const callCandidatesEventSchema = defineRoomEvent('m.call.candidates', callCandidatesContentSchema);

/** A client-format `m.call.candidates` event. */
export type CallCandidatesEvent = z.infer<typeof callCandidatesEventSchema>;

/**
 * `m.call.invite` (client-server "Voice over IP", "m.call.invite").
 *
 * @module
 */
import { z } from 'zod';
import { callEventBaseShape, sdpStreamMetadataSchema, sessionDescriptionSchema } from './call-event-base.js';
import { userIdSchema } from '../../identifiers/schemas.js';
import { nonNegativeIntegerSchema } from '../common/primitives.js';
import { defineRoomEvent } from '../client-event.js';

/** Content of `m.call.invite`. */
export const callInviteContentSchema = z.looseObject({
  ...callEventBaseShape,
  offer: sessionDescriptionSchema(['offer']),
  lifetime: nonNegativeIntegerSchema,
  invitee: userIdSchema.optional(),
  sdp_stream_metadata: sdpStreamMetadataSchema.optional(),
});

/** Content of `m.call.invite`. */
export type CallInviteContent = z.infer<typeof callInviteContentSchema>;

/** A client-format `m.call.invite` event. */
export const callInviteEventSchema = defineRoomEvent('m.call.invite', callInviteContentSchema);

/** A client-format `m.call.invite` event. */
export type CallInviteEvent = z.infer<typeof callInviteEventSchema>;

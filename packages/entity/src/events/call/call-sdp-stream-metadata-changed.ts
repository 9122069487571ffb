/**
 * `m.call.sdp_stream_metadata_changed` (client-server "Voice over IP", "m.call.sdp_stream_metadata_changed").
 *
 * @module
 */
import { z } from 'zod';
import { callEventBaseShape, sdpStreamMetadataSchema } from './call-event-base.js';
import { defineRoomEvent } from '../client-event.js';

/** Content of `m.call.sdp_stream_metadata_changed`. */
export const callSdpStreamMetadataChangedContentSchema = z.looseObject({
  ...callEventBaseShape,
  sdp_stream_metadata: sdpStreamMetadataSchema,
});

/** Content of `m.call.sdp_stream_metadata_changed`. */
export type CallSdpStreamMetadataChangedContent = z.infer<typeof callSdpStreamMetadataChangedContentSchema>;

/** A client-format `m.call.sdp_stream_metadata_changed` event. */
export const callSdpStreamMetadataChangedEventSchema = defineRoomEvent('m.call.sdp_stream_metadata_changed', callSdpStreamMetadataChangedContentSchema);

/** A client-format `m.call.sdp_stream_metadata_changed` event. */
export type CallSdpStreamMetadataChangedEvent = z.infer<typeof callSdpStreamMetadataChangedEventSchema>;

/**
 * Fields shared by every VoIP call event's content (core-event-schema/call_event;
 * client-server "Voice over IP"): `call_id`, `party_id` (both of the opaque identifier
 * grammar), and `version` (`"1"` in this spec; an integer `0` from the previous version
 * must be accepted), and the `sdp_stream_metadata` component.
 *
 * @module
 */
import { z } from 'zod';
import { opaqueIdSchema } from '../../identifiers/schemas.js';

/** The shape shared by call event contents. */
export const callEventBaseShape = {
  call_id: opaqueIdSchema,
  party_id: opaqueIdSchema,
  version: z.union([z.string(), z.literal(0)]),
};

/** Content fields shared by every call event. */
export const callEventBaseContentSchema = z.looseObject(callEventBaseShape);

/** Content fields shared by every call event. */
export type CallEventBaseContent = z.infer<typeof callEventBaseContentSchema>;

/** Metadata of one media stream (components/sdp_stream_metadata). */
export const sdpStreamMetadataEntrySchema = z.looseObject({
  purpose: z.enum(['m.usermedia', 'm.screenshare']),
  audio_muted: z.boolean().optional(),
  video_muted: z.boolean().optional(),
});

/** Metadata of the media streams, by stream ID. */
export const sdpStreamMetadataSchema = z.record(z.string(), sdpStreamMetadataEntrySchema);

/** Metadata of the media streams, by stream ID. */
export type SdpStreamMetadata = z.infer<typeof sdpStreamMetadataSchema>;

/**
 * A session description (`RTCSessionDescriptionInit`) whose `type` is one of `types`.
 *
 * @example
 * const offer = sessionDescriptionSchema(['offer']);
 */
export function sessionDescriptionSchema<const T extends readonly [string, ...string[]]>(types: T) {
  return z.looseObject({ type: z.enum(types), sdp: z.string() });
}

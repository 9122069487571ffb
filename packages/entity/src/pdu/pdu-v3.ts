import { z } from 'zod';
import { eventIdSchemaFor, roomIdSchemaFor, type EventIdFormat } from '../identifiers/index.js';
import {
  MAX_AUTH_EVENTS,
  MAX_PREV_EVENTS,
  checkWholePdu,
  depthV1Field,
  int64Field,
  pduBaseShape,
  type PduSchemaOptions,
} from './pdu-fields.js';

/**
 * Builds the PDU schema of room versions 3 to 5, whose event IDs are reference hashes in
 * standard (`v3`) or URL-safe (`v4`) unpadded base64.
 */
export function buildPduV3Schema(idFormat: Extract<EventIdFormat, 'v3' | 'v4'>, options: PduSchemaOptions = {}) {
  const limit = options.checkReferenceCounts ?? true;
  const eventId = eventIdSchemaFor(idFormat);
  return z
    .looseObject({
      // definitions/components/pdu_base.yaml
      ...pduBaseShape(int64Field),
      // definitions/components/room_id_before_v12.yaml
      room_id: roomIdSchemaFor('v1'),
      // definitions/pdu_v3.yaml, pdu_v4.yaml
      redacts: eventId.optional(),
      depth: depthV1Field,
      auth_events: limit ? z.array(eventId).max(MAX_AUTH_EVENTS) : z.array(eventId),
      prev_events: limit ? z.array(eventId).max(MAX_PREV_EVENTS) : z.array(eventId),
    })
    .superRefine(checkWholePdu({ strictCanonicalJson: false }));
}

/**
 * A PDU in the event format of room version 3: no `event_id` (the receiver computes it
 * from the reference hash), and `auth_events` / `prev_events` are plain event IDs of the
 * form `$` + 43 characters of unpadded standard base64. Canonical JSON is not enforced,
 * so `depth` may reach 2**63 - 1. Size limits as for every PDU.
 */
// room version 3: "Event format" (server-server API definitions/pdu_v3.yaml)
export const pduV3Schema = buildPduV3Schema('v3');

/** A PDU of room version 3. */
export type PduV3 = z.infer<typeof pduV3Schema>;

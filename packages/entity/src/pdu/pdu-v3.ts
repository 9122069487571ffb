import { z } from 'zod';
import { eventIdSchemaFor, roomIdSchemaFor, userIdSchema, type EventIdFormat } from '../identifiers/index.js';
import { eventHashesSchema } from './event-hashes.js';
import {
  MAX_AUTH_EVENTS,
  MAX_PREV_EVENTS,
  checkWholePdu,
  depthV1Field,
  eventTypeField,
  int64Field,
  jsonObjectField,
  stateKeyField,
  unsignedField,
  type PduSchemaOptions,
} from './pdu-fields.js';
import { signaturesMapSchema } from './signatures.js';

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
      sender: userIdSchema,
      origin_server_ts: int64Field,
      type: eventTypeField,
      state_key: stateKeyField.optional(),
      content: jsonObjectField,
      hashes: eventHashesSchema,
      signatures: signaturesMapSchema,
      unsigned: unsignedField(int64Field).optional(),
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

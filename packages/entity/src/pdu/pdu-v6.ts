import { z } from 'zod';
import { eventIdSchemaFor, roomIdSchemaFor } from '../identifiers/index.js';
import {
  MAX_AUTH_EVENTS,
  MAX_PREV_EVENTS,
  canonicalIntField,
  checkWholePdu,
  depthV6Field,
  pduBaseShape,
  type PduSchemaOptions,
} from './pdu-fields.js';

const eventId = eventIdSchemaFor('v4');

/**
 * The fields of the PDU format of room versions 6 to 11 (`redacts` is added by the
 * v6-v10 schema only: room version 11 moved it into `content`).
 */
export function pduV6BaseShape(options: PduSchemaOptions) {
  const limit = options.checkReferenceCounts ?? true;
  return {
    // definitions/components/pdu_base.yaml
    ...pduBaseShape(canonicalIntField),
    // definitions/components/auth_events_prev_events_v4.yaml
    auth_events: limit ? z.array(eventId).max(MAX_AUTH_EVENTS) : z.array(eventId),
    prev_events: limit ? z.array(eventId).max(MAX_PREV_EVENTS) : z.array(eventId),
    // definitions/components/depth_v6.yaml
    depth: depthV6Field,
  };
}

/** Builds the v6 PDU schema; see {@link pduV6Schema}. */
export function buildPduV6Schema(options: PduSchemaOptions = {}) {
  return z
    .looseObject({
      ...pduV6BaseShape(options),
      // definitions/components/room_id_before_v12.yaml
      room_id: roomIdSchemaFor('v1'),
      // definitions/pdu_v6.yaml
      redacts: eventId.optional(),
    })
    .superRefine(checkWholePdu({ strictCanonicalJson: true }));
}

/**
 * A PDU in the event format of room versions 6 to 10: the v4 format under strict
 * canonical JSON (fragment "v6-canonical-json"): every number in the event, `content`
 * included, must be an integer in `[-(2**53)+1, (2**53)-1]` and not `-0`, and `depth`
 * is at most 2**53 - 1.
 */
// room versions 6 to 10: "Event format" (server-server API definitions/pdu_v6.yaml)
export const pduV6Schema = buildPduV6Schema();

/** A PDU of room versions 6 to 10. */
export type PduV6 = z.infer<typeof pduV6Schema>;

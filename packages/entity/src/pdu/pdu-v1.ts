import { z } from 'zod';
import { eventIdSchemaFor, roomIdSchemaFor } from '../identifiers/index.js';
import { eventHashesSchema } from './event-hashes.js';
import {
  MAX_AUTH_EVENTS,
  MAX_PREV_EVENTS,
  checkWholePdu,
  depthV1Field,
  int64Field,
  pduBaseShape,
  type PduSchemaOptions,
} from './pdu-fields.js';

const eventId = eventIdSchemaFor('v1');
/** `[event_id, {sha256}]`: an event reference of room versions 1 and 2. */
const eventReference = z.tuple([eventId, eventHashesSchema]);

/** Builds the v1 PDU schema; see {@link pduV1Schema}. */
export function buildPduV1Schema(options: PduSchemaOptions = {}) {
  const limit = options.checkReferenceCounts ?? true;
  return z
    .looseObject({
      // definitions/components/pdu_base.yaml
      ...pduBaseShape(int64Field),
      // definitions/components/room_id_before_v12.yaml
      room_id: roomIdSchemaFor('v1'),
      // definitions/pdu_v1.yaml
      event_id: eventId,
      redacts: eventId.optional(),
      depth: depthV1Field,
      auth_events: limit ? z.array(eventReference).max(MAX_AUTH_EVENTS) : z.array(eventReference),
      prev_events: limit ? z.array(eventReference).max(MAX_PREV_EVENTS) : z.array(eventReference),
    })
    .superRefine(checkWholePdu({ strictCanonicalJson: false }));
}

/**
 * A PDU in the event format of room versions 1 and 2: it carries its `event_id`
 * (`$opaque:server`), and `auth_events` / `prev_events` are `[event_id, {sha256}]` pairs.
 * Canonical JSON is not enforced (fragment "v1-canonical-json"): `depth` may reach
 * 2**63 - 1 and `content` may hold any JSON number. The whole event is at most 65,536
 * bytes of canonical JSON; `sender`, `room_id`, `type`, `state_key` and event IDs at most
 * 255 bytes; at most 10 `auth_events` and 20 `prev_events`.
 */
// room versions 1, 2: "Event format" (server-server API definitions/pdu_v1.yaml)
export const pduV1Schema = buildPduV1Schema();

/** A PDU of room versions 1 and 2. */
export type PduV1 = z.infer<typeof pduV1Schema>;

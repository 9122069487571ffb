import { z } from 'zod';
import { roomIdSchemaFor } from '../identifiers/index.js';
import { checkWholePdu, type PduSchemaOptions } from './pdu-fields.js';
import { pduV6BaseShape } from './pdu-v6.js';

/** Builds the v11 PDU schema; see {@link pduV11Schema}. */
export function buildPduV11Schema(options: PduSchemaOptions = {}) {
  return z
    .looseObject({
      ...pduV6BaseShape(options),
      // definitions/components/room_id_before_v12.yaml
      room_id: roomIdSchemaFor('v1'),
    })
    .superRefine(checkWholePdu({ strictCanonicalJson: true }));
}

/**
 * A PDU in the event format of room version 11: the v6 format without a top-level
 * `redacts` (an `m.room.redaction` carries it in `content`; a top-level `redacts` is
 * kept as an unknown key, since it is covered by the signatures).
 */
// room version 11: "Event format" (server-server API definitions/pdu_v11.yaml)
export const pduV11Schema = buildPduV11Schema();

/** A PDU of room version 11. */
export type PduV11 = z.infer<typeof pduV11Schema>;

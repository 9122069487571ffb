import { z } from 'zod';
import { roomIdSchemaFor } from '../identifiers/index.js';
import { checkWholePdu, type PduSchemaOptions } from './pdu-fields.js';
import { pduV6BaseShape } from './pdu-v6.js';

/** Builds the v12 PDU schema; see {@link pduV12Schema}. */
export function buildPduV12Schema(options: PduSchemaOptions = {}) {
  return z
    .looseObject({
      ...pduV6BaseShape(options),
      // definitions/components/room_id_v12.yaml: the create event's reference hash with `!`.
      room_id: roomIdSchemaFor('v12').optional(),
    })
    .superRefine((pdu, ctx) => {
      // definitions/components/room_id_v12.yaml: `room_id` is required, and "Omitted
      // from `m.room.create` events" (the room ID is derived from the create event).
      if (pdu.type === 'm.room.create') {
        if (pdu.room_id !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['room_id'], message: 'an m.room.create event has no room_id in room version 12' });
        }
      } else if (pdu.room_id === undefined) {
        ctx.addIssue({ code: 'custom', path: ['room_id'], message: 'room_id is required (except on m.room.create)' });
      }
    })
    .superRefine(checkWholePdu({ strictCanonicalJson: true }));
}

/**
 * A PDU in the event format of room version 12: the v11 format, with `room_id` of the
 * form `!` + 43 characters of URL-safe unpadded base64 (the `m.room.create` event's ID
 * with the `!` sigil). The `m.room.create` event has no `room_id`; every other event must
 * have one.
 */
// room version 12: "Event format" (server-server API definitions/pdu_v12.yaml, fragment v12-event-format)
export const pduV12Schema = buildPduV12Schema();

/** A PDU of room version 12. */
export type PduV12 = z.infer<typeof pduV12Schema>;

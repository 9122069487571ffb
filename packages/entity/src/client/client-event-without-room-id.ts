/**
 * Client-server `ClientEventWithoutRoomID` (definitions/client_event_without_room_id.yaml):
 * the format of events in `/sync`, where the room ID is implied by the enclosing object.
 *
 * @module
 */
import { z } from 'zod';
import { clientEventUnsignedSchema } from './client-event-unsigned.js';
import { eventIdSchema, eventTypeField, intField, jsonObjectField, userIdSchema } from './internal-fields.js';

/** The fields of a client-format event other than `room_id`. */
export const clientEventWithoutRoomIdShape = {
  event_id: eventIdSchema,
  type: eventTypeField,
  /** Present if, and only if, the event is a state event. */
  state_key: z.string().optional(),
  sender: userIdSchema,
  origin_server_ts: intField,
  content: jsonObjectField,
  unsigned: clientEventUnsignedSchema.optional(),
};

/** An event of any type as `/sync` returns it: required `event_id`, `type`, `sender`, `origin_server_ts`, `content`. */
export const clientEventWithoutRoomIdSchema = z.looseObject(clientEventWithoutRoomIdShape);

/** An event of any type as `/sync` returns it. */
export type ClientEventWithoutRoomId = z.infer<typeof clientEventWithoutRoomIdSchema>;

/**
 * Client-server `ClientEvent` (definitions/client_event.yaml): the format of events the
 * client-server API returns outside `/sync` (`GET /rooms/{roomId}/event/{eventId}`,
 * `/messages`, `/state`, `/members`, ...).
 *
 * @module
 */
import { z } from 'zod';
import { clientEventWithoutRoomIdShape } from './client-event-without-room-id.js';
import { roomIdSchema } from './internal-fields.js';

/**
 * An event of any type in client format: `ClientEventWithoutRoomID` plus the required
 * `room_id`. A state event has a `state_key`; other events have none.
 */
export const clientEventSchema = z.looseObject({
  ...clientEventWithoutRoomIdShape,
  room_id: roomIdSchema,
});

/** An event of any type in client format. */
export type ClientEvent = z.infer<typeof clientEventSchema>;

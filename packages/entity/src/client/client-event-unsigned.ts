/**
 * The `unsigned` object of a client-format event (client-server `ClientEvent` /
 * `ClientEventWithoutRoomID`, "UnsignedData").
 *
 * @module
 */
import { z } from 'zod';
import { eventIdSchema, eventTypeField, intField, jsonObjectField, roomIdSchema, userIdSchema } from './internal-fields.js';

/**
 * The redaction event in `unsigned.redacted_because`: a client-format event itself, whose
 * own `unsigned` is kept as any object (the spec does not nest further).
 */
const redactedBecauseSchema = z.looseObject({
  event_id: eventIdSchema,
  type: eventTypeField,
  state_key: z.string().optional(),
  sender: userIdSchema,
  origin_server_ts: intField,
  content: jsonObjectField,
  room_id: roomIdSchema.optional(),
  unsigned: jsonObjectField.optional(),
});

/**
 * Extra information a server adds to a client-format event (`UnsignedData`): `age` (may be
 * negative when clocks disagree), `redacted_because`, `transaction_id`, `prev_content`,
 * `replaces_state` (v1.19) and `membership` (v1.11).
 */
export const clientEventUnsignedSchema = z.looseObject({
  age: intField.optional(),
  redacted_because: redactedBecauseSchema.optional(),
  transaction_id: z.string().optional(),
  prev_content: jsonObjectField.optional(),
  replaces_state: eventIdSchema.optional(),
  membership: z.string().optional(),
});

/** Extra information a server adds to a client-format event. */
export type ClientEventUnsigned = z.infer<typeof clientEventUnsignedSchema>;

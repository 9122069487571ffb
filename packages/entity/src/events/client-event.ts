/**
 * The client-format event envelope, from the spec's core event schemas
 * (event-schemas/schema/core-event-schema): `Event` (type, content), `RoomEvent`
 * (+ event_id, sender, origin_server_ts, room_id, unsigned), `StateEvent` (+ state_key),
 * `StrippedStateEvent` (type, state_key, sender, content), and the `UnsignedData` object
 * (core-event-schema/unsigned_prop, with the fields client-server "ClientEvent" adds).
 *
 * The `define…` builders make the schema of a whole event from its type and content
 * schema. All objects keep unknown keys.
 *
 * @module
 */
import { z } from 'zod';
import { eventIdSchema, roomIdSchema, userIdSchema } from '../identifiers/schemas.js';
import { anyEventContentSchema, eventTypeSchema, integerSchema } from './common/primitives.js';

/**
 * Unsigned data of a client event (core-event-schema/unsigned_prop; client-server
 * "ClientEvent" `unsigned`): `age`, and when present `membership`, `prev_content`,
 * `redacted_because` and `transaction_id`.
 */
export const unsignedDataSchema = z.looseObject({
  age: integerSchema.optional(),
  membership: z.string().optional(),
  prev_content: anyEventContentSchema.optional(),
  redacted_because: anyEventContentSchema.optional(),
  transaction_id: z.string().optional(),
});

/** Unsigned data of a client event. */
export type UnsignedData = z.infer<typeof unsignedDataSchema>;

/** A stripped state event (core-event-schema/stripped_state): type, state_key, sender, content. */
export const strippedStateEventSchema = z.looseObject({
  type: eventTypeSchema,
  state_key: z.string(),
  sender: userIdSchema,
  content: anyEventContentSchema,
});

/** A stripped state event. */
export type StrippedStateEvent = z.infer<typeof strippedStateEventSchema>;

/** A basic event of any type (core-event-schema/event): type and content. */
export const basicEventSchema = z.looseObject({
  type: eventTypeSchema,
  content: anyEventContentSchema,
});

/** A basic event of any type. */
export type BasicEvent = z.infer<typeof basicEventSchema>;

const roomEventShape = {
  event_id: eventIdSchema,
  sender: userIdSchema,
  origin_server_ts: integerSchema,
  room_id: roomIdSchema,
  unsigned: unsignedDataSchema.optional(),
};

/** A room event of any type in client format (core-event-schema/room_event). */
export const clientRoomEventSchema = z.looseObject({
  type: eventTypeSchema,
  content: anyEventContentSchema,
  ...roomEventShape,
});

/** A room event of any type in client format. */
export type ClientRoomEvent = z.infer<typeof clientRoomEventSchema>;

/** A state event of any type in client format (core-event-schema/state_event). */
export const clientStateEventSchema = z.looseObject({
  type: eventTypeSchema,
  content: anyEventContentSchema,
  ...roomEventShape,
  state_key: z.string(),
});

/** A state event of any type in client format. */
export type ClientStateEvent = z.infer<typeof clientStateEventSchema>;

/**
 * The schema of a basic event (`Event`: type and content only), as used by account data,
 * ephemeral and to-device events.
 *
 * @example
 * const schema = defineBasicEvent('m.direct', directContentSchema);
 */
export function defineBasicEvent<T extends string, C extends z.ZodType>(type: T, content: C) {
  return z.looseObject({ type: z.literal(type), content });
}

/**
 * The schema of a client-format room event (`RoomEvent`) of the given type and content.
 *
 * @example
 * const schema = defineRoomEvent('m.reaction', reactionContentSchema);
 */
export function defineRoomEvent<T extends string, C extends z.ZodType>(type: T, content: C) {
  return z.looseObject({ type: z.literal(type), content, ...roomEventShape });
}

/**
 * The schema of a client-format state event (`StateEvent`) of the given type, content and
 * state key schema.
 *
 * @example
 * const schema = defineStateEvent('m.room.name', roomNameContentSchema, z.literal(''));
 */
export function defineStateEvent<T extends string, C extends z.ZodType, K extends z.ZodType<string>>(
  type: T,
  content: C,
  stateKey: K,
) {
  return z.looseObject({ type: z.literal(type), content, ...roomEventShape, state_key: stateKey });
}

/** The empty state key that most room state events use (`state_key` pattern `^$`). */
export const emptyStateKeySchema = z.literal('');

/**
 * `m.room.power_levels` (client-server "m.room.power_levels"). Levels are integers, as
 * in the client-server schema; room versions before 10 tolerated numeric strings in the
 * PDU (fragment "v1-stringy-power-levels"), which this content schema does not.
 *
 * @module
 */
import { z } from 'zod';
import { userIdSchema } from '../../identifiers/schemas.js';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';
import { eventTypeSchema, integerSchema } from '../common/primitives.js';

/** Levels needed to trigger notifications (`notifications`), e.g. `room`. */
export const notificationPowerLevelsSchema = z.looseObject({ room: integerSchema.optional() }).catchall(integerSchema);

/** Content of `m.room.power_levels`. */
export const roomPowerLevelsContentSchema = z.looseObject({
  ban: integerSchema.optional(),
  events: z.record(eventTypeSchema, integerSchema).optional(),
  events_default: integerSchema.optional(),
  invite: integerSchema.optional(),
  kick: integerSchema.optional(),
  redact: integerSchema.optional(),
  state_default: integerSchema.optional(),
  users: z.record(userIdSchema, integerSchema).optional(),
  users_default: integerSchema.optional(),
  notifications: notificationPowerLevelsSchema.optional(),
});

/** Content of `m.room.power_levels`. */
export type RoomPowerLevelsContent = z.infer<typeof roomPowerLevelsContentSchema>;

/** A client-format `m.room.power_levels` event. */
export const roomPowerLevelsEventSchema = defineStateEvent('m.room.power_levels', roomPowerLevelsContentSchema, emptyStateKeySchema);

/** A client-format `m.room.power_levels` event. */
export type RoomPowerLevelsEvent = z.infer<typeof roomPowerLevelsEventSchema>;

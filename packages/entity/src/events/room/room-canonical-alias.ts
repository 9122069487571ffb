/**
 * `m.room.canonical_alias` (client-server "m.room.canonical_alias").
 *
 * @module
 */
import { z } from 'zod';
import { roomAliasSchema } from '../../identifiers/schemas.js';
import { defineStateEvent, emptyStateKeySchema } from '../client-event.js';

/** Content of `m.room.canonical_alias`. */
export const roomCanonicalAliasContentSchema = z.looseObject({
  alias: roomAliasSchema.optional(),
  alt_aliases: z.array(roomAliasSchema).optional(),
});

/** Content of `m.room.canonical_alias`. */
export type RoomCanonicalAliasContent = z.infer<typeof roomCanonicalAliasContentSchema>;

/** A client-format `m.room.canonical_alias` event. */
export const roomCanonicalAliasEventSchema = defineStateEvent('m.room.canonical_alias', roomCanonicalAliasContentSchema, emptyStateKeySchema);

/** A client-format `m.room.canonical_alias` event. */
export type RoomCanonicalAliasEvent = z.infer<typeof roomCanonicalAliasEventSchema>;

/**
 * The published-room summary shared by `/publicRooms` and `/hierarchy`, from the
 * client-server definitions `public_rooms_chunk.yaml` and `room_summary.yaml` (internal).
 *
 * @module
 */
import { z } from 'zod';
import { roomAliasSchema, roomIdSchema } from '../identifiers/index.js';
import { mxcUriField } from './mxc-uri.js';

/** The fields of `PublishedRoomsChunk`. */
export const publishedRoomShape = {
  canonical_alias: roomAliasSchema.optional(),
  name: z.string().optional(),
  num_joined_members: z.int().min(0),
  room_id: roomIdSchema,
  topic: z.string().optional(),
  world_readable: z.boolean(),
  guest_can_join: z.boolean(),
  avatar_url: mxcUriField.optional(),
  join_rule: z.string().optional(),
  room_type: z.string().optional(),
};

/** The fields of `RoomSummary`: a `PublishedRoomsChunk` plus restricted-room and version details. */
export const roomSummaryShape = {
  ...publishedRoomShape,
  allowed_room_ids: z.array(roomIdSchema).optional(),
  encryption: z.literal('m.megolm.v1.aes-sha2').optional(),
  room_version: z.string().optional(),
};

import { z } from 'zod';
import { strippedStateEventSchema } from '../events/index.js';
import { roomIdSchema } from '../identifiers/index.js';
import { roomSummaryShape } from './published-room-chunk.js';

/** An `m.space.child` event of a space as `/hierarchy` gives it: stripped state plus `origin_server_ts`. */
// server-server API: GET /hierarchy/{roomId} `children_state` items (stripped_state.yaml + origin_server_ts)
export const hierarchyChildStateEventSchema = strippedStateEventSchema.extend({
  origin_server_ts: z.int(),
});

/** An `m.space.child` event in a hierarchy response. */
export type HierarchyChildStateEvent = z.infer<typeof hierarchyChildStateEventSchema>;

/** The summary of the requested space, with its `m.space.child` events (empty if it is not a space). */
// server-server API: GET /hierarchy/{roomId} `SpaceHierarchyParentRoom`
export const spaceHierarchyParentRoomSchema = z.looseObject({
  ...roomSummaryShape,
  children_state: z.array(hierarchyChildStateEventSchema),
});

/** The requested space's summary. */
export type SpaceHierarchyParentRoom = z.infer<typeof spaceHierarchyParentRoomSchema>;

/** The summary of one child room of the space. */
// server-server API: GET /hierarchy/{roomId} `SpaceHierarchyChildRoomsChunk`
export const spaceHierarchyChildRoomSchema = z.looseObject(roomSummaryShape);

/** A child room's summary. */
export type SpaceHierarchyChildRoom = z.infer<typeof spaceHierarchyChildRoomSchema>;

/**
 * Response of `GET /_matrix/federation/v1/hierarchy/{roomId}`: the space, the children
 * the requesting server could peek or join, and the IDs of those it cannot.
 */
// server-server API: GET /hierarchy/{roomId} response
export const federationSpaceHierarchyResponseSchema = z.looseObject({
  room: spaceHierarchyParentRoomSchema,
  children: z.array(spaceHierarchyChildRoomSchema),
  inaccessible_children: z.array(roomIdSchema),
});

/** Response of `GET /hierarchy` over federation. */
export type FederationSpaceHierarchyResponse = z.infer<typeof federationSpaceHierarchyResponseSchema>;

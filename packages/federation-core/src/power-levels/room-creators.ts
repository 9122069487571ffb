/**
 * Who created a room, per room version.
 *
 * @module
 */
import { isJsonObject } from '../json/json-value.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { isHistoricalUserId } from '../auth/user-id.js';

/** The parts of an `m.room.create` event that name the creators. */
export interface CreateEventLike {
  readonly sender: string;
  readonly content: unknown;
}

/**
 * The room's creators:
 * - v1 to v10: `content.creator` of the create event;
 * - v11: the create event's `sender`;
 * - v12: the `sender` plus every valid user ID in `content.additional_creators`.
 *
 * @example
 * roomCreators({ sender: '@a:x.org', content: { additional_creators: ['@b:y.org'] } }, '12');
 * // Set { '@a:x.org', '@b:y.org' }
 */
export function roomCreators(createEvent: CreateEventLike | undefined, roomVersion: RoomVersionInput): ReadonlySet<string> {
  const rv = resolveRoomVersion(roomVersion);
  const creators = new Set<string>();
  if (!createEvent) return creators;
  if (rv.creatorIsCreateEventSender) {
    if (typeof createEvent.sender === 'string') creators.add(createEvent.sender);
  } else if (isJsonObject(createEvent.content) && typeof createEvent.content['creator'] === 'string') {
    creators.add(createEvent.content['creator']);
  }
  if (rv.privilegedCreators && isJsonObject(createEvent.content)) {
    const extra = createEvent.content['additional_creators'];
    if (Array.isArray(extra)) for (const id of extra) if (isHistoricalUserId(id)) creators.add(id);
  }
  return creators;
}

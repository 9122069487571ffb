/**
 * Authorization rule 1: `m.room.create` events.
 *
 * @module
 */
import type { RoomEvent } from '../events/pdu.js';
import { prevEventIds } from '../events/pdu.js';
import type { RoomVersion } from '../room-versions/room-version.js';
import { isSupportedRoomVersion } from '../room-versions/room-version.js';
import type { AuthResult } from './auth-result.js';
import { AUTH_ALLOWED, rejectAuth } from './auth-result.js';
import { domainOf, isHistoricalUserId } from './user-id.js';

/**
 * Rule 1 of every room version, for an `m.room.create` event whose shape was checked.
 *
 * @example
 * checkCreateEventRules(createEvent, getRoomVersion('11')); // { allowed: true }
 */
export function checkCreateEventRules(event: RoomEvent, rv: RoomVersion): AuthResult {
  // rule 1.1: any prev_events -> reject
  if (prevEventIds(event).length > 0) return rejectAuth(rv, 'create.prev_events', 'the create event has prev_events');
  if (rv.roomIdIsCreateEventHash) {
    // v12 rule 1.2: the create event has a room_id -> reject (the room ID is derived from its event ID)
    if (event.room_id !== undefined) return rejectAuth(rv, 'create.room_id', 'the create event has a room_id');
  } else {
    // v1 rule 1.2: the room_id's domain differs from the sender's -> reject
    const roomDomain = domainOf(event.room_id);
    if (roomDomain === undefined || roomDomain !== domainOf(event.sender)) {
      return rejectAuth(rv, 'create.room_id', `the domain of room_id ${event.room_id} does not match the sender ${event.sender}`);
    }
  }
  // rule 1.3: content.room_version present and not a recognised version -> reject
  if (Object.hasOwn(event.content, 'room_version') && !isSupportedRoomVersion(event.content['room_version'])) {
    return rejectAuth(rv, 'create.room_version', `unrecognised room_version ${JSON.stringify(event.content['room_version'])}`);
  }
  // v1 rule 1.4 (until v10): content has no creator -> reject (v11 dropped it: the creator is the sender)
  if (!rv.creatorIsCreateEventSender && !Object.hasOwn(event.content, 'creator')) {
    return rejectAuth(rv, 'create.creator', 'the create event content has no creator');
  }
  // v12 rule 1.4: additional_creators present and not an array of valid user IDs -> reject
  if (rv.privilegedCreators && Object.hasOwn(event.content, 'additional_creators')) {
    const extra = event.content['additional_creators'];
    if (!Array.isArray(extra)) return rejectAuth(rv, 'create.additional_creators', 'additional_creators is not an array');
    const bad = extra.find((id) => !isHistoricalUserId(id));
    if (bad !== undefined) return rejectAuth(rv, 'create.additional_creators', `additional_creators holds ${JSON.stringify(bad)}, not a valid user ID`);
  }
  // rule 1.5 (1.4 in v11): otherwise allow
  return AUTH_ALLOWED;
}

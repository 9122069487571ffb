/**
 * Authorization of an event against its auth events: the state-independent
 * checks, then the state-dependent rules against the state the auth events form.
 *
 * @module
 */
import type { RoomEvent } from '../events/pdu.js';
import { authEventIds } from '../events/pdu.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { checkAuthEventsList, findCreateEventForRoomId } from './auth-events-list.js';
import type { AuthOptions } from './auth-options.js';
import type { AuthResult } from './auth-result.js';
import { authStateFromEvents } from './auth-state.js';
import { checkEventAuthAgainstState } from './event-auth-against-state.js';

/**
 * Whether `event` passes the authorization rules of its room version based on
 * its auth events (PDU receipt check 4). Composes {@link checkAuthEventsList}
 * and {@link checkEventAuthAgainstState}; the state is the events that
 * `event.auth_events` references, plus in v12 the create event named by the room ID.
 *
 * - `authEvents`: the events referenced by `event.auth_events` (extra events are
 *   ignored); in v12 also the room's create event (or pass `options.createEvent`).
 * - `options.isRejected(eventId)`: which auth events were rejected.
 * - `options.isSignedBy(event, server)`: the signature check of
 *   `join_authorised_via_users_server` (v8+); without it such events are rejected.
 *
 * Malformed events or auth events give a rejection with `step: 'format'` or
 * `'auth_events.missing'`, never an exception; an unknown room version throws
 * `UnsupportedRoomVersionError`.
 *
 * @example
 * const result = checkEventAuth(aliceMessage, [create, powerLevels, aliceJoin], '10');
 * if (!result.allowed) console.log(result.rule, result.reason);
 */
export function checkEventAuth(
  event: RoomEvent,
  authEvents: readonly RoomEvent[],
  roomVersion: RoomVersionInput,
  options?: AuthOptions,
): AuthResult {
  const rv = resolveRoomVersion(roomVersion);
  const independent = checkAuthEventsList(event, authEvents, rv, options);
  if (!independent.allowed || event.type === 'm.room.create') return independent;
  const ids = new Set(authEventIds(event));
  const state = authStateFromEvents(authEvents.filter((e) => e && ids.has(e.event_id)));
  const createEvent = rv.roomIdIsCreateEventHash ? findCreateEventForRoomId(event.room_id, authEvents, options) : undefined;
  return checkEventAuthAgainstState(event, state, rv, createEvent ? { ...options, createEvent } : options);
}

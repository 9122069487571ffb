/**
 * The state-independent authorization rules: rule 1 (create events), v12's
 * rule 2 (the room ID names an accepted create event) and the checks on the
 * `auth_events` list (rule 2 of v1 to v11, rule 3 of v12).
 *
 * @module
 */
import type { RoomEvent } from '../events/pdu.js';
import { authEventIds, stateKeyOf } from '../events/pdu.js';
import type { RoomVersionInput, RoomVersion } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { authEventTypesFor } from './auth-event-types.js';
import type { AuthOptions } from './auth-options.js';
import type { AuthResult } from './auth-result.js';
import { AUTH_ALLOWED, rejectAuth } from './auth-result.js';
import { checkCreateEventRules } from './create-event-rules.js';
import { eventShapeProblem } from './event-shape.js';

/**
 * The room's create event for a v12 event: the `m.room.create` among
 * `candidates` (or `options.createEvent`) whose event ID is the room ID with
 * `$` for `!`.
 *
 * @example
 * findCreateEventForRoomId('!abc', [create], undefined); // create, if create.event_id is '$abc'
 */
export function findCreateEventForRoomId(
  roomId: string | undefined,
  candidates: readonly RoomEvent[],
  options: AuthOptions | undefined,
): RoomEvent | undefined {
  if (typeof roomId !== 'string' || !roomId.startsWith('!')) return undefined;
  const wanted = `$${roomId.slice(1)}`;
  const matches = (e: RoomEvent | undefined) =>
    e !== undefined && e !== null && e.type === 'm.room.create' && e.state_key === '' && e.event_id === wanted;
  return candidates.find(matches) ?? (matches(options?.createEvent) ? options?.createEvent : undefined);
}

/** v12 rule 2: the event's room_id must be `!` + the event ID of an accepted create event. */
function checkRoomIdNamesCreateEvent(event: RoomEvent, candidates: readonly RoomEvent[], rv: RoomVersion, options?: AuthOptions): AuthResult {
  const create = findCreateEventForRoomId(event.room_id, candidates, options);
  // v12 rule 2: room_id not the event ID (sigil `!`) of an accepted create event -> reject
  if (!create) return rejectAuth(rv, 'room_id', `room_id ${event.room_id} does not name a known m.room.create event`);
  if (options?.isRejected?.(create.event_id)) return rejectAuth(rv, 'room_id', `the create event ${create.event_id} was rejected`);
  return AUTH_ALLOWED;
}

/**
 * The state-independent rules: for `m.room.create`, rule 1; otherwise v12's
 * rule 2 and the rules on `auth_events` in the spec's order: duplicates,
 * entries not selected by the auth events selection, rejected entries, no
 * create event (v1 to v11), entries of another room.
 *
 * `authEvents` holds the events referenced by `event.auth_events` (any order;
 * extra events are ignored), plus in v12 the room's create event (or pass it
 * as `options.createEvent`). A referenced event that is not supplied rejects
 * the event (step `auth_events.missing`): fetch the auth events first.
 * Rejected auth events are reported by `options.isRejected`.
 *
 * @throws {UnsupportedRoomVersionError} for an unknown room version.
 * @example
 * checkAuthEventsList(aliceMessage, [create, powerLevels, aliceJoin], '10'); // { allowed: true }
 * checkAuthEventsList(aliceMessage, [create, powerLevels, aliceJoin, joinRules], '10').allowed;
 * // true: joinRules is ignored unless aliceMessage.auth_events lists it, then false (not selected)
 */
export function checkAuthEventsList(
  event: RoomEvent,
  authEvents: readonly RoomEvent[],
  roomVersion: RoomVersionInput,
  options?: AuthOptions,
): AuthResult {
  const rv = resolveRoomVersion(roomVersion);
  const isCreate = (event as { type?: unknown } | null)?.type === 'm.room.create';
  const problem = eventShapeProblem(event, isCreate && rv.roomIdIsCreateEventHash);
  if (problem) return rejectAuth(rv, 'format', problem);
  // rule 1: create events are decided by their own rules
  if (event.type === 'm.room.create') return checkCreateEventRules(event, rv);
  if (!Array.isArray(authEvents)) return rejectAuth(rv, 'format', 'authEvents is not an array');
  const supplied = authEvents.filter((e): e is RoomEvent => eventShapeProblem(e, e?.type === 'm.room.create' && rv.roomIdIsCreateEventHash) === undefined);

  // v12 rule 2: the room ID names an accepted create event
  if (rv.roomIdIsCreateEventHash) {
    const result = checkRoomIdNamesCreateEvent(event, supplied, rv, options);
    if (!result.allowed) return result;
  }

  const byId = new Map<string, RoomEvent>();
  for (const e of supplied) byId.set(e.event_id, e);
  const entries: RoomEvent[] = [];
  for (const id of authEventIds(event)) {
    const found = byId.get(id);
    if (!found) return rejectAuth(rv, 'auth_events.missing', `auth event ${id} was not supplied or is malformed`);
    entries.push(found);
  }

  // rule 2.1: duplicate entries for a (type, state_key) pair -> reject
  const seen = new Set<string>();
  for (const e of entries) {
    const key = stateKeyOf(e.type, e.state_key ?? '\u0000none');
    if (seen.has(key)) return rejectAuth(rv, 'auth_events.duplicate', `auth_events has two entries for (${e.type}, ${JSON.stringify(e.state_key)})`);
    seen.add(key);
  }
  // rule 2.2: entries not selected by the auth events selection -> reject (v12: including m.room.create)
  const expected = new Set(authEventTypesFor(event, rv).map((t) => stateKeyOf(t.type, t.stateKey)));
  for (const e of entries) {
    if (typeof e.state_key !== 'string' || !expected.has(stateKeyOf(e.type, e.state_key))) {
      return rejectAuth(rv, 'auth_events.unexpected', `auth event ${e.event_id} (${e.type}, ${JSON.stringify(e.state_key)}) is not selected for this event`);
    }
  }
  // rule 2.3: entries that were themselves rejected -> reject
  for (const e of entries) {
    if (options?.isRejected?.(e.event_id)) return rejectAuth(rv, 'auth_events.rejected', `auth event ${e.event_id} was rejected`);
  }
  // rule 2.4 (v1 to v11): no m.room.create among the entries -> reject
  if (rv.createEventInAuthEvents && !entries.some((e) => e.type === 'm.room.create' && e.state_key === '')) {
    return rejectAuth(rv, 'auth_events.no_create', 'auth_events has no m.room.create event');
  }
  // rule 2.5: an entry of another room -> reject
  for (const e of entries) {
    if (e.room_id !== event.room_id) {
      return rejectAuth(rv, 'auth_events.room_id', `auth event ${e.event_id} belongs to room ${e.room_id}, not ${event.room_id}`);
    }
  }
  return AUTH_ALLOWED;
}

/**
 * What another server may see of a room's history, and whether it may ask at all
 * (client-server API, "Room History Visibility", server behaviour; applied to a
 * server through the memberships of its users, as deployed servers do).
 *
 * @module
 */
import type { RoomEvent } from '../events/pdu.js';
import { redactEvent } from '../events/redaction.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';

/** The values of `m.room.history_visibility`. Anything else is read as `shared`. */
export type HistoryVisibility = 'world_readable' | 'shared' | 'invited' | 'joined';

/**
 * Reads a `history_visibility` value; absent or not understood means `shared` (the spec's default).
 *
 * @example
 * normaliseHistoryVisibility('joined'); // 'joined'
 * normaliseHistoryVisibility(undefined); // 'shared'
 */
export function normaliseHistoryVisibility(value: unknown): HistoryVisibility {
  return value === 'world_readable' || value === 'invited' || value === 'joined' ? value : 'shared';
}

/** The room state at one event, as far as visibility for one server needs it. */
export interface ServerVisibilityContext {
  /** `content.history_visibility` of the `m.room.history_visibility` event in the state at the event. */
  readonly historyVisibility: unknown;
  /** The memberships, in the state at the event, of the requesting server's users. */
  readonly memberships: readonly string[];
}

/**
 * Whether a server may see an event given the state at that event, by the rules of
 * history visibility read for a server: `world_readable` and `shared` allow (a
 * server that asks is in the room now, so "joined at any point after" holds);
 * `invited` allows if one of its users was invited or joined; `joined` allows if one
 * of its users was joined.
 *
 * @example
 * serverMaySeeEvent({ historyVisibility: 'joined', memberships: ['leave'] }); // false
 */
export function serverMaySeeEvent(context: ServerVisibilityContext): boolean {
  const visibility = normaliseHistoryVisibility(context.historyVisibility);
  // Rule 1 (world_readable) and rule 3 (shared).
  if (visibility === 'world_readable' || visibility === 'shared') return true;
  // Rule 2: a user's membership was join.
  if (context.memberships.includes('join')) return true;
  // Rule 4: invited, with history_visibility invited.
  return visibility === 'invited' && context.memberships.includes('invite');
}

/** How events a server may not see are handled. */
export type HiddenEventHandling = 'redact' | 'omit';

/**
 * Filters events for a requesting server. `contextAt(event)` gives the state at the
 * event (before it) and, for `m.room.history_visibility` events and the server's own
 * users' `m.room.member` events, `contextAfter(event)` the state after it: such an
 * event is visible if either allows (the spec's rule for those two kinds).
 * Hidden events are redacted (the default, which keeps the DAG whole for the
 * requester) or left out.
 *
 * @example
 * const visible = filterEventsForServer(events, '11', 'b.org', (e) => stateAt(e), { hidden: 'redact' });
 */
export function filterEventsForServer(
  events: readonly RoomEvent[],
  roomVersion: RoomVersionInput,
  serverName: string,
  contextAt: (event: RoomEvent) => ServerVisibilityContext,
  options: { hidden?: HiddenEventHandling; contextAfter?: (event: RoomEvent) => ServerVisibilityContext } = {},
): RoomEvent[] {
  const hidden = options.hidden ?? 'redact';
  const out: RoomEvent[] = [];
  for (const event of events) {
    let visible = serverMaySeeEvent(contextAt(event));
    if (!visible && options.contextAfter && isBeforeOrAfterEvent(event, serverName)) {
      visible = serverMaySeeEvent(options.contextAfter(event));
    }
    if (visible) out.push(event);
    else if (hidden === 'redact') out.push(redactEvent(event, roomVersion) as RoomEvent);
  }
  return out;
}

function isBeforeOrAfterEvent(event: RoomEvent, serverName: string): boolean {
  if (event.type === 'm.room.history_visibility' && event.state_key === '') return true;
  return (
    event.type === 'm.room.member' &&
    typeof event.state_key === 'string' &&
    event.state_key.slice(event.state_key.indexOf(':') + 1) === serverName
  );
}

/** Why a server may not ask about a room. */
export interface ServerAccessDenied {
  readonly allowed: false;
  readonly errcode: 'M_FORBIDDEN';
  readonly error: string;
}

/**
 * Whether a server may ask for a room's history at all (get_missing_events,
 * backfill, state): only if one of its users is joined to the room now, or the room
 * is `world_readable` now.
 *
 * @example
 * serverMayAccessRoom({ serverName: 'b.org', joinedServers: new Set(['a.org']), historyVisibility: 'shared' });
 * // { allowed: false, errcode: 'M_FORBIDDEN', ... }
 */
export function serverMayAccessRoom(input: {
  readonly serverName: string;
  /** The servers with at least one joined user in the room's current state. */
  readonly joinedServers: ReadonlySet<string>;
  /** The current `history_visibility`. */
  readonly historyVisibility: unknown;
}): { readonly allowed: true } | ServerAccessDenied {
  if (input.joinedServers.has(input.serverName)) return { allowed: true };
  if (normaliseHistoryVisibility(input.historyVisibility) === 'world_readable') return { allowed: true };
  return { allowed: false, errcode: 'M_FORBIDDEN', error: `${input.serverName} is not in the room` };
}

// Runs authorization scenarios ported (as data) from other Matrix implementations'
// test suites. A group names a room version and the room state an event is checked
// against; each case gives the event and the outcome the other implementation
// expects, and optionally the rule (our `step`) that must reject it.
//
// The other suites hand their auth check a state map (gomatrixserverlib's
// AuthEventProvider, Synapse's auth_events dict, Ruma's fetch_state), not an
// `auth_events` list. We check each event twice:
// - `checkEventAuth` with `auth_events` set (when the fixture gives none) to the
//   state events that `authEventTypesFor` selects: what a server building the
//   event would list. This runs the state-independent rules too.
// - `checkEventAuthAgainstState` over the whole state, unless the case says
//   `stateIndependent` (its outcome rests on the auth_events list or room IDs).
// Both must give the expected outcome.
//
// Normalisation applied to the fixture events (fields the other suites leave out
// because their parsers default them; none changes an outcome there):
// missing `prev_events`/`auth_events` -> [], missing `event_id` -> a generated
// `$gen<n>:<sender domain>`, missing `room_id` -> the state's create event's
// (or `!r1:a`; a v12 create event keeps none), `hashes`/`signatures` -> placeholders, and the slot
// events create/join_rules/power_levels without `state_key` -> `""` (their
// providers keep them in fixed slots, so they are state either way).
import { expect } from 'vitest';
import type { AuthOptions, RoomEvent } from '@maxtryx/federation-core';
import { authEventTypesFor, authStateFromEvents, checkEventAuth, checkEventAuthAgainstState, getRoomVersion, ruleNumber } from '@maxtryx/federation-core';

/** Where a scenario comes from. */
export interface SourceRef {
  repository: string;
  commit?: string;
  file: string;
  test: string;
}

export interface AuthInteropCase {
  name: string;
  event: Record<string, unknown>;
  expect: 'allow' | 'reject';
  /** Our rule that must reject (AuthStep). */
  step?: string;
  /** Why the expected outcome is what it is, where it is not obvious or where implementations differ. */
  note?: string;
  /** Room version of this case when it differs from the group's. */
  roomVersion?: string;
  /** The outcome rests on a state-independent rule: skip the state-only check. */
  stateIndependent?: boolean;
  /** Servers whose signature `isSignedBy` confirms (restricted joins). */
  signedBy?: string[];
  /** Event IDs the receiving server rejected. */
  rejected?: string[];
}

export interface AuthInteropGroup {
  source: SourceRef;
  roomVersion: string;
  note?: string;
  state: Record<string, unknown>[];
  cases: AuthInteropCase[];
}

let generated = 0;
const SLOT_TYPES = new Set(['m.room.create', 'm.room.join_rules', 'm.room.power_levels']);

function domainOf(id: unknown): string {
  return typeof id === 'string' && id.includes(':') ? id.slice(id.indexOf(':') + 1) : 'invalid';
}

/** The fixture event with the fields the other suites' parsers default. */
export function normalise(raw: Record<string, unknown>, slot: boolean, roomId = '!r1:a'): RoomEvent {
  const e: Record<string, unknown> = structuredClone(raw);
  if (e['room_id'] === undefined && !(e['type'] === 'm.room.create' && roomId.indexOf(':') < 0)) e['room_id'] = roomId;
  if (e['event_id'] === undefined) e['event_id'] = `$gen${++generated}:${domainOf(e['sender'])}`;
  if (e['prev_events'] === undefined) e['prev_events'] = [];
  if (e['auth_events'] === undefined) e['auth_events'] = [];
  if (e['hashes'] === undefined) e['hashes'] = { sha256: 'aGFzaA' };
  if (e['signatures'] === undefined) e['signatures'] = {};
  if (e['origin_server_ts'] === undefined) e['origin_server_ts'] = 0;
  if (e['depth'] === undefined) e['depth'] = 1;
  if (slot && e['state_key'] === undefined && SLOT_TYPES.has(e['type'] as string)) e['state_key'] = '';
  return e as unknown as RoomEvent;
}

/**
 * The state events with distinct event IDs: the other suites' providers keep state
 * in slots and some fixtures reuse one ID for several state events; an
 * `auth_events` list needs them apart. A repeated ID gets a `_<n>` suffix.
 */
export function uniqueIds(events: RoomEvent[]): RoomEvent[] {
  const seen = new Set<string>();
  return events.map((e) => {
    let id = e.event_id;
    for (let n = 2; seen.has(id); n++) id = e.event_id.replace(/^(\$[^:]*)/, `$1_${n}`);
    seen.add(id);
    return id === e.event_id ? e : { ...e, event_id: id };
  });
}

/** Flattens groups into `[title, group, case]` rows for `it.each`. */
export function rows(groups: AuthInteropGroup[]): [string, AuthInteropGroup, AuthInteropCase][] {
  return groups.flatMap((g) =>
    g.cases.map((c) => [`${g.source.test} v${c.roomVersion ?? g.roomVersion}: ${c.name}`, g, c] as [string, AuthInteropGroup, AuthInteropCase]),
  );
}

/** Runs one case and asserts its expected outcome. */
export function runAuthCase(group: AuthInteropGroup, c: AuthInteropCase): void {
  const rv = getRoomVersion(c.roomVersion ?? group.roomVersion);
  const roomId = (group.state.find((e) => e['type'] === 'm.room.create')?.['room_id'] as string | undefined) ?? '!r1:a';
  const state = uniqueIds(group.state.map((e) => normalise(e, true, roomId)));
  const subject = normalise(c.event, false, roomId);
  const create = state.find((e) => e.type === 'm.room.create');
  // v12 room IDs derive from the create event; events the other suite leaves without one get it.
  let supplied: RoomEvent[];
  if (c.event['auth_events'] === undefined && subject.type !== 'm.room.create') {
    const byKey = authStateFromEvents(state);
    supplied = [];
    for (const t of authEventTypesFor(subject, rv)) {
      const e = byKey.get(`${t.type}\u0000${t.stateKey}`);
      if (e) supplied.push(e);
    }
    subject.auth_events = supplied.map((e) => (rv.eventFormat === 'v1' ? [e.event_id, { sha256: 'aGFzaA' }] : e.event_id));
    if (create && !rv.createEventInAuthEvents) supplied.push(create);
  } else {
    supplied = state;
  }
  const rejected = new Set(c.rejected ?? []);
  const options: AuthOptions = {
    isRejected: (id) => rejected.has(id),
    ...(c.signedBy ? { isSignedBy: (_e: RoomEvent, server: string) => c.signedBy!.includes(server) } : {}),
  };
  const check = (result: ReturnType<typeof checkEventAuth>, how: string) => {
    if (c.expect === 'allow') {
      expect(result, how).toEqual({ allowed: true });
    } else {
      expect(result.allowed, `${how}: should be rejected`).toBe(false);
      if (!result.allowed && c.step) {
        expect(result.step, `${how}: ${result.reason}`).toBe(c.step);
        expect(result.rule).toBe(ruleNumber(rv, result.step));
      }
    }
  };
  check(checkEventAuth(subject, supplied, rv, options), 'checkEventAuth');
  if (!c.stateIndependent) {
    check(checkEventAuthAgainstState(subject, authStateFromEvents(state), rv, { ...options, ...(create ? { createEvent: create } : {}) }), 'checkEventAuthAgainstState');
  }
}

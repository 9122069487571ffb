/**
 * State resolution v1 (room version 1).
 *
 * @module
 */
import { sha1 } from '@noble/hashes/legacy.js';
import type { RoomEvent, StateKey } from '../events/pdu.js';
import { splitStateKey, stateKeyOf } from '../events/pdu.js';
import type { StateResAuthRules } from './auth-rules.js';
import { depthOf } from './event-fields.js';
import type { EventGraph } from './event-graph.js';
import { splitConflictedStateV1 } from './split-state-sets.js';
import type { StateMap } from './types.js';

const POWER_LEVELS_KEY: StateKey = stateKeyOf('m.room.power_levels', '');
const encoder = new TextEncoder();

/** An event with what v1 orders it by: depth, then SHA-1 of its ID. */
interface Ranked {
  readonly event: RoomEvent;
  readonly depth: number;
  readonly hash: Uint8Array;
}

function rank(event: RoomEvent): Ranked {
  return { event, depth: depthOf(event), hash: sha1(encoder.encode(event.event_id)) };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Ascending `depth`, then descending `sha1(event_id)` (spec, v1 resolution of auth-event conflicts). */
function byDepthAscHashDesc(a: Ranked, b: Ranked): number {
  return a.depth !== b.depth ? a.depth - b.depth : compareBytes(b.hash, a.hash);
}

/** Descending `depth`, then ascending `sha1(event_id)` (spec: "the highest depth and lowest sha1(event_id)"). */
function byDepthDescHashAsc(a: Ranked, b: Ranked): number {
  return a.depth !== b.depth ? b.depth - a.depth : compareBytes(a.hash, b.hash);
}

/**
 * Resolves state sets with the room version 1 algorithm (spec: rooms/v1
 * "State resolution"). See `resolveState`.
 *
 * Where the prose leaves room, this follows Synapse (`synapse/state/v1.py`), the
 * implementation that rooms of version 1 were resolved by:
 * - a key present in only some sets is not a conflict;
 * - the checks read R restricted to the keys the rules may read for the events
 *   of the conflict (the auth events selection), taken before each category
 *   (power levels, join rules, members, others): conflicts of one category do not
 *   see each other's resolutions;
 * - for other events, when none passes the checks, the last in the order (lowest
 *   depth, highest hash) is used;
 * - conflicted events the provider lacks are left out; a conflict left with one
 *   event is no conflict;
 * - rejection is not consulted.
 */
export async function resolveStateV1(
  graph: EventGraph,
  stateSets: readonly StateMap[],
  rules: StateResAuthRules,
): Promise<Map<StateKey, string>> {
  if (stateSets.length === 1) return new Map(stateSets[0]!);
  // R starts as the union of the states, excluding conflicting events.
  const { unconflicted, conflicted } = splitConflictedStateV1(stateSets);
  if (conflicted.size === 0) return unconflicted;

  const conflictNodes = [...conflicted.values()].flatMap((ids) => [...ids].map((id) => graph.node(id)));
  await graph.load(conflictNodes);
  const conflicts = new Map<StateKey, Ranked[]>();
  for (const [key, ids] of conflicted) {
    const events: RoomEvent[] = [];
    for (const id of ids) {
      const event = graph.event(graph.node(id));
      if (event !== undefined) events.push(event);
    }
    if (events.length === 1) unconflicted.set(key, events[0]!.event_id);
    else if (events.length > 1) conflicts.set(key, events.map(rank));
  }

  // The auth events the checks may read, from the unconflicted state, in one batch.
  const authKeys = new Set<StateKey>();
  for (const list of conflicts.values()) for (const r of list) for (const { key } of rules.authTypes(r.event)) authKeys.add(key);
  const authEvents = new Map<StateKey, RoomEvent>();
  const authNodes = new Map<StateKey, number>();
  for (const key of authKeys) {
    const id = unconflicted.get(key);
    if (id !== undefined) authNodes.set(key, graph.node(id));
  }
  await graph.load(authNodes.values());
  for (const [key, n] of authNodes) {
    const event = graph.event(n);
    if (event !== undefined) authEvents.set(key, event);
  }

  const resolved = new Map<StateKey, RoomEvent>();
  const category = (pick: (key: StateKey) => boolean, resolve: (list: Ranked[], auth: ReadonlyMap<StateKey, RoomEvent>) => RoomEvent): void => {
    const done: [StateKey, RoomEvent][] = [];
    for (const [key, list] of conflicts) {
      if (resolved.has(key) || !pick(key)) continue;
      done.push([key, resolve(list, authEvents)]);
    }
    for (const [key, event] of done) {
      resolved.set(key, event);
      authEvents.set(key, event);
    }
  };
  const authConflict = (list: Ranked[], auth: ReadonlyMap<StateKey, RoomEvent>): RoomEvent => resolveAuthConflict(list, auth, rules);
  // Power levels first, then join rules, then memberships, then everything else.
  category((key) => key === POWER_LEVELS_KEY, authConflict);
  category((key) => splitStateKey(key)[0] === 'm.room.join_rules', authConflict);
  category((key) => splitStateKey(key)[0] === 'm.room.member', authConflict);
  category(() => true, (list, auth) => resolveOtherConflict(list, auth, rules));

  for (const [key, event] of resolved) unconflicted.set(key, event.event_id);
  return unconflicted;
}

/** Restricts R to the keys the rules may read for the events of a conflict. */
function authStateFor(list: readonly Ranked[], auth: ReadonlyMap<StateKey, RoomEvent>, rules: StateResAuthRules): Map<StateKey, RoomEvent> {
  const out = new Map<StateKey, RoomEvent>();
  for (const r of list) {
    for (const { key } of rules.authTypes(r.event)) {
      const event = auth.get(key);
      if (event !== undefined) out.set(key, event);
    }
  }
  return out;
}

/**
 * A conflict between events the auth rules read (power levels, join rules,
 * members): sorted by ascending depth then descending hash, the first is taken,
 * then each next one as long as it is allowed in R with the previous one applied.
 */
function resolveAuthConflict(list: Ranked[], auth: ReadonlyMap<StateKey, RoomEvent>, rules: StateResAuthRules): RoomEvent {
  const sorted = [...list].sort(byDepthAscHashDesc);
  const state = authStateFor(sorted, auth, rules);
  let previous = sorted[0]!.event;
  for (const r of sorted.slice(1)) {
    state.set(stateKeyOf(previous.type, previous.state_key!), previous);
    if (!rules.allowed(r.event, state)) break;
    previous = r.event;
  }
  return previous;
}

/** Any other conflict: the highest depth, lowest hash that is allowed in R (Synapse: else the last). */
function resolveOtherConflict(list: Ranked[], auth: ReadonlyMap<StateKey, RoomEvent>, rules: StateResAuthRules): RoomEvent {
  const sorted = [...list].sort(byDepthDescHashAsc);
  const state = authStateFor(sorted, auth, rules);
  for (const r of sorted) if (rules.allowed(r.event, state)) return r.event;
  return sorted[sorted.length - 1]!.event;
}

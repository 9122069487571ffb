/**
 * The iterative auth checks of state resolution v2 (spec: "Iterative auth checks"),
 * also used for the checks of v1.
 *
 * @module
 */
import type { RoomEvent, StateKey } from '../events/pdu.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import type { StateResAuthRules } from './auth-rules.js';
import { defaultAuthRules } from './auth-rules.js';
import { stateKeyOfEvent } from './event-fields.js';
import { EventGraph } from './event-graph.js';
import type { StateResolutionProviderInput } from './provider-input.js';
import { toProvider } from './provider-input.js';
import type { ResolveStateOptions, StateMap } from './types.js';

/** A room state being built: a base map (never written) under the changes made so far. */
export class LayeredState {
  /** The keys set so far, over `base`. */
  readonly changes = new Map<StateKey, string>();

  /** @param base - the state to start from (not copied, never modified) */
  constructor(readonly base: ReadonlyMap<StateKey, string> = new Map()) {}

  /** The event ID at a key. */
  get(key: StateKey): string | undefined {
    const changed = this.changes.get(key);
    return changed !== undefined ? changed : this.base.get(key);
  }

  /** Sets the event ID at a key. */
  set(key: StateKey, eventId: string): void {
    this.changes.set(key, eventId);
  }
}

/**
 * Applies the iterative auth checks to `order` (nodes), updating `state`: each
 * state event that the authorization rules allow replaces the entry of its key;
 * an event that is not allowed is ignored.
 *
 * The auth state of each event is its own `auth_events` by key, with every key
 * the rules may read (`authTypes`) replaced by the event of the state being
 * built when it has one, as the spec says ("If a key that is required ... is
 * not present in the state, then the appropriate state event from the event's
 * `auth_events` is used") and as Synapse and Ruma compute it. Rejected events
 * are never used as auth events, from either source (spec: "Rejected auth events
 * are deliberately excluded"). Rejected events in `order` are checked as usual
 * (spec: "handled as usual by the algorithm"; Synapse instead keeps them out of
 * the state, a deviation it marks as not spec compliant). Missing events and
 * events without a `state_key` are skipped.
 */
export async function iterativeAuthChecks(
  graph: EventGraph,
  rules: StateResAuthRules,
  order: readonly number[],
  state: LayeredState,
): Promise<void> {
  // Fetch in one batch the events' auth events and the state events they may read.
  const wanted: number[] = [];
  const authTypes: (readonly StateKey[] | undefined)[] = [];
  for (const n of order) {
    const event = graph.event(n);
    const types = event === undefined ? undefined : rules.authTypes(event);
    authTypes.push(types);
    for (const a of graph.auth[n]!) wanted.push(a);
    if (types) {
      for (const key of types) {
        const id = state.get(key);
        if (id !== undefined) wanted.push(graph.node(id));
      }
    }
  }
  await graph.load(wanted);

  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    const event = graph.event(n);
    const key = event === undefined ? undefined : stateKeyOfEvent(event);
    if (event === undefined || key === undefined) continue;
    const authState = new Map<StateKey, RoomEvent>();
    // The event's own auth events, unless rejected.
    for (const a of graph.auth[n]!) {
      const authEvent = graph.event(a);
      if (authEvent === undefined || graph.isRejected(a)) continue;
      const authKey = stateKeyOfEvent(authEvent);
      if (authKey !== undefined) authState.set(authKey, authEvent);
    }
    // Every key the rules may read, from the state being built when present there.
    for (const authKey of authTypes[i]!) {
      const id = state.get(authKey);
      if (id === undefined) continue;
      let m = graph.find(id);
      if (m === undefined || graph.event(m) === undefined) {
        // Set by this run of checks after the batch above: an event of `order`, so loaded.
        m = graph.node(id);
        await graph.load([m]);
      }
      const stateEvent = graph.event(m);
      if (stateEvent !== undefined && !graph.isRejected(m)) authState.set(authKey, stateEvent);
    }
    if (rules.allowed(event, authState)) state.set(key, graph.ids[n]!);
  }
}

/**
 * The iterative auth checks algorithm (spec: "Iterative auth checks"): starting
 * from `initialState`, each event of `eventIds` in turn replaces its key's entry
 * if the authorization rules allow it against the state built so far (keys the
 * state lacks are read from the event's own non-rejected auth events). Returns
 * the new state; `initialState` is not modified.
 *
 * @example
 * const state = await applyIterativeAuthChecks('10', new Map(), ['$create', '$join', '$pl'], (ids) => events);
 */
export async function applyIterativeAuthChecks(
  roomVersion: RoomVersionInput,
  initialState: StateMap,
  eventIds: readonly string[],
  provider: StateResolutionProviderInput,
  options: ResolveStateOptions = {},
): Promise<Map<StateKey, string>> {
  const rv = resolveRoomVersion(roomVersion);
  const graph = new EventGraph(rv, toProvider(provider), options);
  const nodes = eventIds.map((id) => graph.node(id));
  await graph.load(nodes);
  const state = new LayeredState(initialState);
  await iterativeAuthChecks(graph, defaultAuthRules(rv, options.isSignedBy), nodes, state);
  const out = new Map(initialState);
  for (const [key, id] of state.changes) out.set(key, id);
  return out;
}

/**
 * The iterative auth checks of state resolution v2 (spec: "Iterative auth checks"),
 * also used for the checks of v1.
 *
 * @module
 */
import type { RoomEvent, StateKey } from '../events/pdu.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import type { AuthKey, StateResAuthRules } from './auth-rules.js';
import { defaultAuthRules } from './auth-rules.js';
import { stateKeyOfEvent } from './event-fields.js';
import { EventGraph } from './event-graph.js';
import type { StateResolutionProviderInput } from './provider-input.js';
import { toProvider } from './provider-input.js';
import type { ResolveStateOptions, StateMap } from './types.js';

/**
 * A room state being built: a base map (never written) under the changes made so
 * far, read as graph nodes.
 */
export class LayeredState {
  /** The keys set so far, over `base`. */
  readonly changes = new Map<StateKey, string>();
  /** Every key read or set so far, with its event's node (-1: absent), so that the base (maybe the whole room) is read once per key. */
  private readonly view = new Map<StateKey, number>();

  /**
   * @param graph - the graph the events' nodes are taken from
   * @param base - the state to start from (not copied, never modified)
   */
  constructor(
    private readonly graph: EventGraph,
    readonly base: { get(key: StateKey): string | undefined } = new Map(),
  ) {}

  /** The node of the event at a key, or -1. */
  node(key: StateKey): number {
    let n = this.view.get(key);
    if (n === undefined) {
      const id = this.base.get(key);
      n = id === undefined ? -1 : this.graph.node(id);
      this.view.set(key, n);
    }
    return n;
  }

  /** The event ID at a key. */
  get(key: StateKey): string | undefined {
    const n = this.node(key);
    return n < 0 ? undefined : this.graph.ids[n];
  }

  /** Sets the event (node) at a key. */
  set(key: StateKey, n: number): void {
    this.changes.set(key, this.graph.ids[n]!);
    this.view.set(key, n);
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
  const authTypes: (readonly AuthKey[] | undefined)[] = new Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    const event = graph.event(n);
    const types = event === undefined ? undefined : rules.authTypes(event);
    authTypes[i] = types;
    for (const a of graph.auth[n]!) wanted.push(a);
    if (types) {
      for (let t = 0; t < types.length; t++) {
        const m = state.node(types[t]!.key);
        if (m >= 0) wanted.push(m);
      }
    }
  }
  await graph.load(wanted);

  // The auth state of the event being checked, read lazily by the rules (no map is
  // built per event): for a key of `types`, the state's event when it has a usable
  // one (`fromState`), else the last non-rejected auth event of the event with that key.
  let current = -1;
  let types: readonly AuthKey[] = [];
  const fromState: (RoomEvent | undefined)[] = [];
  const lookup = (type: string, stateKey: string): RoomEvent | undefined => {
    for (let i = 0; i < types.length; i++) {
      const t = types[i]!;
      if (t.type !== type || t.stateKey !== stateKey) continue;
      const stateEvent = fromState[i];
      if (stateEvent !== undefined) return stateEvent;
      break;
    }
    let found: RoomEvent | undefined;
    for (const a of graph.auth[current]!) {
      const authEvent = graph.event(a);
      if (authEvent !== undefined && authEvent.type === type && authEvent.state_key === stateKey && !graph.isRejected(a)) found = authEvent;
    }
    return found;
  };

  for (let i = 0; i < order.length; i++) {
    const n = order[i]!;
    const event = graph.event(n);
    const key = event === undefined ? undefined : stateKeyOfEvent(event);
    if (event === undefined || key === undefined) continue;
    // The event's own auth events, unless rejected (read by `lookup`), under every
    // key the rules may read, from the state being built when present there.
    types = authTypes[i]!;
    fromState.length = types.length;
    for (let t = 0; t < types.length; t++) {
      fromState[t] = undefined;
      const m = state.node(types[t]!.key);
      if (m < 0) continue;
      let stateEvent = graph.event(m);
      if (stateEvent === undefined) {
        // Not fetched by the batch above (or missing): fetched now, if never asked for.
        await graph.load([m]);
        stateEvent = graph.event(m);
      }
      if (stateEvent !== undefined && !graph.isRejected(m)) fromState[t] = stateEvent;
    }
    current = n;
    if (rules.allowed(event, lookup)) state.set(key, n);
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
  const state = new LayeredState(graph, initialState);
  await iterativeAuthChecks(graph, defaultAuthRules(rv, options.isSignedBy), nodes, state);
  const out = new Map(initialState);
  for (const [key, id] of state.changes) out.set(key, id);
  return out;
}

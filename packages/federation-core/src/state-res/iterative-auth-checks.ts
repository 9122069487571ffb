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
import { EventGraph } from './event-graph.js';
import type { StateResolutionProviderInput } from './provider-input.js';
import { toProvider } from './provider-input.js';
import type { AuthKey, StateKeyTable } from './state-keys.js';
import type { ResolveStateOptions, StateMap } from './types.js';

/**
 * A room state being built: a base map (never written) under the changes made so
 * far, read as graph nodes and held by key slot (see {@link StateKeyTable}).
 */
export class LayeredState {
  /** Slot to the node of the event at that key (-1: absent), or -2 until read from `base` (once per key). */
  private readonly nodes: number[] = [];
  /** The slots set so far over `base`, in the order they were first set. */
  private readonly changed = new Set<number>();

  /**
   * @param graph - the graph the events' nodes are taken from
   * @param keys - the table the slots are taken from
   * @param base - the state to start from (not copied, never modified)
   */
  constructor(
    private readonly graph: EventGraph,
    private readonly keys: StateKeyTable,
    readonly base: { get(key: StateKey): string | undefined } = new Map(),
  ) {}

  /** The node of the event at a key, or -1. */
  node(key: AuthKey): number {
    let n = this.nodes[key.slot];
    if (n === undefined || n === -2) {
      const id = this.base.get(key.key);
      n = id === undefined ? -1 : this.graph.node(id);
      this.setNode(key.slot, n);
    }
    return n;
  }

  /** Sets the event (node) at a key. */
  set(key: AuthKey, n: number): void {
    this.setNode(key.slot, n);
    this.changed.add(key.slot);
  }

  /** The keys set so far over `base`, with their event IDs, in the order they were first set. */
  changes(): [StateKey, string][] {
    return [...this.changed].map((slot) => [this.keys.keys[slot]!.key, this.graph.ids[this.nodes[slot]!]!]);
  }

  private setNode(slot: number, n: number): void {
    // Filled up to `slot` first, so that the array stays packed.
    while (this.nodes.length < slot) this.nodes.push(-2);
    this.nodes[slot] = n;
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
    for (const a of graph.auth[n]!) if (!graph.wasAsked(a)) wanted.push(a);
    if (types) {
      for (let t = 0; t < types.length; t++) {
        const m = state.node(types[t]!);
        if (m >= 0 && !graph.wasAsked(m)) wanted.push(m);
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
    if (event === undefined) continue;
    types = authTypes[i]!;
    const key = ownKey(event, types) ?? rules.keys.ofEvent(event);
    if (key === undefined) continue;
    // The event's own auth events, unless rejected (read by `lookup`), under every
    // key the rules may read, from the state being built when present there.
    for (let t = 0; t < types.length; t++) {
      fromState[t] = undefined;
      const m = state.node(types[t]!);
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
 * The event's own state key when it is among the keys its auth rules read (a member
 * event's target, the power levels, the join rules...), found without interning its
 * `(type, state_key)` again.
 */
function ownKey(event: RoomEvent, types: readonly AuthKey[]): AuthKey | undefined {
  for (const t of types) if (t.stateKey === event.state_key && t.type === event.type) return t;
  return undefined;
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
  const rules = defaultAuthRules(rv, options.isSignedBy);
  const state = new LayeredState(graph, rules.keys, initialState);
  await iterativeAuthChecks(graph, rules, nodes, state);
  const out = new Map(initialState);
  for (const [key, id] of state.changes()) out.set(key, id);
  return out;
}

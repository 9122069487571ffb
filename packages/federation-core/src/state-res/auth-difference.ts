/**
 * The auth difference of state sets and, for v2.1, the conflicted state subgraph,
 * in one linear pass over the union of their auth chains.
 *
 * @module
 */
import { resolveRoomVersion } from '../room-versions/room-version.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { AuthEventCycleError } from './errors.js';
import { lineUp, mergeRefs } from './auth-ref-lists.js';
import { EventGraph } from './event-graph.js';
import type { StateResolutionProviderInput } from './provider-input.js';
import { toProvider } from './provider-input.js';
import type { ResolveStateOptions, StateMap } from './types.js';

/** What {@link authDifferenceOf} computes, as graph nodes. */
export interface AuthDifferenceResult {
  /** ∪ Cᵢ − ∩ Cᵢ, where Cᵢ is the full auth chain of state set i. */
  readonly authDifference: number[];
  /** v2.1: every node on an auth path between two conflicted events, ends included; `[]` unless asked for. */
  readonly conflictedSubgraph: number[];
}

/**
 * Computes the auth difference (spec: "Auth difference") of state sets, and
 * optionally the conflicted state subgraph (room v12, spec: "Conflicted state
 * subgraph") of the conflicted nodes.
 *
 * The state sets are given as the events in every set (`commonIds`, the unconflicted
 * state) and the other events of each set. Since the auth chains of the common
 * events are in every set's full auth chain, the difference lies within W, the
 * auth chains of the other events: W is put in topological order by Kahn's
 * algorithm and each of its nodes gets a bit set of the state sets whose chain
 * holds it, pushed from every event to its auth events; the common events'
 * chains are walked once only to mark the nodes of W they reach (in every chain).
 * The common events' auth events are kept on the graph (`commonRefs`) for the next
 * resolution of a `StateResolver`. Linear in the size of the chains; events are fetched in batches. Malformed data
 * with a cycle within W throws `AuthEventCycleError`.
 *
 * @param graph - the event graph of this resolution
 * @param stateSets - the nodes of each state set's events (may leave out `commonIds`)
 * @param includeSelf - whether a set's own events count as part of its full auth chain
 * @param conflicted - the conflicted nodes, to compute the conflicted subgraph (v2.1)
 * @param commonIds - the events in every state set (the unconflicted state), given once
 */
export async function authDifferenceOf(
  graph: EventGraph,
  stateSets: readonly (readonly number[])[],
  includeSelf: boolean,
  conflicted?: readonly number[],
  commonIds: readonly string[] = [],
): Promise<AuthDifferenceResult> {
  const k = stateSets.length;
  const words = Math.max(1, Math.ceil(k / 32));
  const roots: number[] = [];
  for (const set of stateSets) for (const n of set) roots.push(n);
  // W: the auth chains of the events that are not in every set (and those events).
  const closure = await graph.loadAuthClosure(roots);
  let inW: Uint8Array = new Uint8Array(graph.size);
  for (const n of closure) inW[n] = 1;

  // The common events' auth chains outside W, walked to find where they enter W.
  // Those entries (and common events in W) are in every set's chain. The common
  // events themselves (the whole unconflicted state, most of the room) are read by
  // ID without being interned: only their auth events are looked up.
  const enterOwn: number[] = []; // common events in W
  const enter: number[] = []; // auth events of common events (or of their chains) in W
  let seen: Uint8Array = new Uint8Array(graph.size); // 1: queued (outside W) or entered (in W)
  let level: number[] = [];
  const reached = (a: number): void => {
    if (a < inW.length && inW[a] === 1) {
      if (seen[a] !== 1) {
        seen[a] = 1;
        enter.push(a);
      }
    } else {
      if (a >= seen.length) {
        seen = grow(seen, graph.size);
        inW = grow(inW, graph.size);
      }
      if (seen[a] !== 1) {
        seen[a] = 1;
        level.push(a);
      }
    }
  };
  // A StateResolver's graph keeps the auth events of the common events of its last
  // resolution: those met again, in the same order, are not read again.
  const before = includeSelf ? undefined : graph.commonRefs;
  const known = before === undefined ? undefined : lineUp(commonIds, before);
  let unread: readonly string[] = commonIds;
  if (includeSelf || graph.reused) {
    // The common events already interned: those in W count as events of every set
    // (`own`, read for the node itself only when `includeSelf`), the others kept by
    // an earlier resolution of a `StateResolver` are not read again.
    const rest: string[] = [];
    for (let i = 0; i < commonIds.length; i++) {
      if (known !== undefined && known[i]! >= 0) continue;
      const id = commonIds[i]!;
      const n = graph.find(id);
      if (n === undefined) rest.push(id);
      else if (inW[n] === 1) enterOwn.push(n);
      else if (seen[n] !== 1) {
        seen[n] = 1;
        level.push(n);
      }
    }
    unread = rest;
  }
  // Otherwise every node interned is in W, and the common events are all read by ID
  // without looking them up: those in W have their auth events reached below, which
  // is all that their being in every set changes for the other nodes.
  const read = await graph.readAuthRefs(unread);
  // The auth events of the common events not interned: those read now and those kept.
  let unchanged = known !== undefined && known.length === before!.ids.length;
  if (known !== undefined) for (let i = 0; unchanged && i < known.length; i++) if (known[i] !== i) unchanged = false;
  const lists = known === undefined ? read : unchanged ? before! : mergeRefs(commonIds, known, before, read);
  for (const a of lists.cited) reached(a);
  if (!includeSelf) graph.commonRefs = lists.ids === commonIds || unchanged ? lists : mergeRefs(commonIds, undefined, undefined, read);
  while (level.length > 0) {
    const current = level;
    level = [];
    await graph.load(current);
    for (const n of current) for (const a of graph.auth[n]!) reached(a);
  }

  const order = childrenFirstOrder(graph, closure);
  const size = graph.size;
  const full = new Uint32Array(words);
  for (let i = 0; i < k; i++) full[i >>> 5]! |= (1 << (i & 31)) >>> 0;
  // own: the sets that contain the node as a state event; reach: the sets whose auth chain holds it.
  const own = new Uint32Array(size * words);
  const reach = new Uint32Array(size * words);
  for (let i = 0; i < k; i++) {
    const w = i >>> 5;
    const bit = (1 << (i & 31)) >>> 0;
    for (const n of stateSets[i]!) own[n * words + w]! |= bit;
  }
  for (const n of enterOwn) for (let w = 0; w < words; w++) own[n * words + w] = full[w]!; // a common event itself
  for (const n of enter) for (let w = 0; w < words; w++) reach[n * words + w] = full[w]!; // an auth event of one
  const isConflicted = conflicted ? new Uint8Array(size) : undefined;
  const ancestor = conflicted ? new Uint8Array(size) : undefined;
  if (isConflicted) for (const n of conflicted!) isConflicted[n] = 1;

  // Every event's auth events get its reach and its own sets (an event's auth chain is its
  // auth events and theirs, recursively). Children first: a node is final when popped.
  for (const n of order) {
    const auth = graph.auth[n]!;
    if (auth.length === 0) continue;
    const base = n * words;
    for (const a of auth) {
      const ab = a * words;
      for (let w = 0; w < words; w++) reach[ab + w]! |= reach[base + w]! | own[base + w]!;
    }
    if (ancestor && (ancestor[n] === 1 || isConflicted![n] === 1)) for (const a of auth) ancestor[a] = 1;
  }

  const authDifference: number[] = [];
  for (const n of closure) {
    const base = n * words;
    let any = false;
    let all = true;
    for (let w = 0; w < words; w++) {
      const m = includeSelf ? reach[base + w]! | own[base + w]! : reach[base + w]!;
      if (m !== 0) any = true;
      if (m !== full[w]) all = false;
    }
    if (any && !all) authDifference.push(n);
  }

  const conflictedSubgraph: number[] = [];
  if (isConflicted && ancestor) {
    // descendant: the node's auth chain holds a conflicted event. Oldest first.
    const descendant = new Uint8Array(size);
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i]!;
      for (const a of graph.auth[n]!) {
        if (descendant[a] === 1 || isConflicted[a] === 1) {
          descendant[n] = 1;
          break;
        }
      }
    }
    for (const n of closure) {
      if (isConflicted[n] === 1 || (ancestor[n] === 1 && descendant[n] === 1)) conflictedSubgraph.push(n);
    }
  }
  return { authDifference, conflictedSubgraph };
}

function grow(marks: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size * 2);
  out.set(marks);
  return out;
}

/**
 * The conflicted state subgraph (room v12, spec: "Conflicted state subgraph") of
 * the conflicted nodes alone: every node that is both in the auth chain of a
 * conflicted event and has a conflicted event in its own auth chain, and the
 * conflicted nodes themselves. Walks only the auth chains of the conflicted events.
 */
export async function conflictedSubgraphOf(graph: EventGraph, conflicted: readonly number[]): Promise<number[]> {
  const closure = await graph.loadAuthClosure(conflicted);
  const order = childrenFirstOrder(graph, closure);
  const size = graph.size;
  const isConflicted = new Uint8Array(size);
  for (const n of conflicted) isConflicted[n] = 1;
  const ancestor = new Uint8Array(size);
  for (const n of order) {
    if (ancestor[n] === 1 || isConflicted[n] === 1) for (const a of graph.auth[n]!) ancestor[a] = 1;
  }
  const descendant = new Uint8Array(size);
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    for (const a of graph.auth[n]!) {
      if (descendant[a] === 1 || isConflicted[a] === 1) {
        descendant[n] = 1;
        break;
      }
    }
  }
  return closure.filter((n) => isConflicted[n] === 1 || (ancestor[n] === 1 && descendant[n] === 1));
}

/**
 * The nodes in an order where every event comes before its auth events (Kahn's
 * algorithm on the citing relation). Throws `AuthEventCycleError` on a cycle.
 */
export function childrenFirstOrder(graph: EventGraph, nodes: readonly number[]): number[] {
  const citers = new Uint32Array(graph.size);
  for (const n of nodes) for (const a of graph.auth[n]!) citers[a]!++;
  const order: number[] = [];
  for (const n of nodes) if (citers[n] === 0) order.push(n);
  for (let i = 0; i < order.length; i++) {
    for (const a of graph.auth[order[i]!]!) if (--citers[a]! === 0) order.push(a);
  }
  if (order.length < nodes.length) {
    const stuck = nodes.filter((n) => citers[n]! > 0).map((n) => graph.ids[n]!);
    throw new AuthEventCycleError(stuck.sort().slice(0, 10));
  }
  return order;
}

/**
 * The auth difference of state sets (spec: "Auth difference"): the events in the
 * full auth chain of some state sets but not of all, where the full auth chain
 * of a set is the union of its events' auth chains (without the events
 * themselves unless `options.authChainsIncludeStateEvents`; see `resolveState`).
 *
 * @throws {AuthEventCycleError} on a cycle of auth events.
 * @example
 * await computeAuthDifference('10', [stateA, stateB], (ids) => events); // Set { '$ev', ... }
 */
export async function computeAuthDifference(
  roomVersion: RoomVersionInput,
  stateSets: readonly StateMap[],
  provider: StateResolutionProviderInput,
  options: ResolveStateOptions = {},
): Promise<Set<string>> {
  const graph = new EventGraph(resolveRoomVersion(roomVersion), toProvider(provider), options);
  const sets = stateSets.map((s) => [...new Set(s.values())].map((id) => graph.node(id)));
  const { authDifference } = await authDifferenceOf(graph, sets, options.authChainsIncludeStateEvents === true);
  return new Set(authDifference.map((n) => graph.ids[n]!));
}

/**
 * The conflicted state subgraph of conflicted events (room v12, spec:
 * "Conflicted state subgraph"): the events on `auth_events` paths from one
 * conflicted event to another, ends included (so every conflicted event).
 *
 * @throws {AuthEventCycleError} on a cycle of auth events.
 * @example
 * await conflictedStateSubgraph('12', ['$pl3', '$pl1'], (ids) => events); // Set { '$pl3', '$pl2', '$pl1' }
 */
export async function conflictedStateSubgraph(
  roomVersion: RoomVersionInput,
  conflictedEventIds: Iterable<string>,
  provider: StateResolutionProviderInput,
  options: ResolveStateOptions = {},
): Promise<Set<string>> {
  const graph = new EventGraph(resolveRoomVersion(roomVersion), toProvider(provider), options);
  const nodes = [...new Set(conflictedEventIds)].map((id) => graph.node(id));
  return new Set((await conflictedSubgraphOf(graph, nodes)).map((n) => graph.ids[n]!));
}

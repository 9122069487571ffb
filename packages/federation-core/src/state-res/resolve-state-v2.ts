/**
 * State resolution v2 (room versions 2 to 11) and v2.1 (room version 12).
 *
 * @module
 */
import type { StateKey } from '../events/pdu.js';
import { authDifferenceOf, conflictedSubgraphOf } from './auth-difference.js';
import type { StateResAuthRules } from './auth-rules.js';
import type { EventGraph } from './event-graph.js';
import { iterativeAuthChecks, LayeredState } from './iterative-auth-checks.js';
import { sortByMainline } from './mainline-order.js';
import { powerEventsWithAuthChains, sortByPowerOrder } from './power-order.js';
import { conflictedStateOf } from './split-state-sets.js';
import type { StateMap } from './types.js';

/**
 * Resolves state sets with state resolution v2, or v2.1 when the graph's room
 * version says so (`stateResolution: 'v2.1'`). See `resolveState`.
 */
export async function resolveStateV2(
  graph: EventGraph,
  stateSets: readonly StateMap[],
  rules: StateResAuthRules,
): Promise<Map<StateKey, string>> {
  const v21 = graph.roomVersion.stateResolution === 'v2.1';
  const { provider, options } = graph;

  // Unconflicted state map and conflicted state set. The unconflicted map (most of
  // the room) is built once, in the first set's order, and becomes the result.
  const { unconflicted, unconflictedIds, conflicted } = conflictedStateOf(stateSets);
  if (conflicted.size === 0) return unconflicted;
  const conflictedIds = new Set<string>();
  for (const ids of conflicted.values()) for (const id of ids) conflictedIds.add(id);

  // Auth difference (and, for v2.1, the conflicted state subgraph).
  let extra: number[];
  if (provider.getAuthChainDifference !== undefined) {
    const sets = stateSets.map((s) => new Set(s.values()));
    const diff = await provider.getAuthChainDifference(sets);
    extra = [...diff].map((id) => graph.node(id));
    if (v21) {
      const subgraph = provider.getConflictedStateSubgraph
        ? await provider.getConflictedStateSubgraph(conflictedIds)
        : (await conflictedSubgraphOf(graph, [...conflictedIds].map((id) => graph.node(id)))).map((n) => graph.ids[n]!);
      for (const id of subgraph) extra.push(graph.node(id));
    }
  } else {
    // The unconflicted events are in every set: given once, not once per set.
    const setNodes = stateSets.map((s) => {
      const own: number[] = [];
      for (const key of conflicted.keys()) {
        const id = s.get(key);
        if (id !== undefined) own.push(graph.node(id));
      }
      return own;
    });
    const conflictedNodes = v21 ? [...conflictedIds].map((id) => graph.node(id)) : undefined;
    const found = await authDifferenceOf(graph, setNodes, options.authChainsIncludeStateEvents === true, conflictedNodes, unconflictedIds);
    extra = found.authDifference.concat(found.conflictedSubgraph);
  }

  // Full conflicted set: conflicted state set ∪ auth difference (∪ conflicted subgraph, v2.1).
  // Events the provider lacks are left out, as Synapse and Ruma do.
  const candidates: number[] = [...conflictedIds].map((id) => graph.node(id)).concat(extra);
  await graph.load(candidates);
  const full: number[] = [];
  const mark = new Uint8Array(graph.size);
  for (const n of candidates) {
    if (mark[n] === 1) continue;
    mark[n] = 1;
    if (graph.event(n) !== undefined) full.push(n);
  }
  const inFull = new Uint8Array(graph.size);
  for (const n of full) inFull[n] = 1;

  // Step 1: power events and their auth chains within the full conflicted set,
  // in reverse topological power ordering.
  const powerNodes = powerEventsWithAuthChains(graph, full, inFull);
  await graph.loadAuthEvents(powerNodes);
  const sortedPower = sortByPowerOrder(graph, powerNodes);

  // Step 2: iterative auth checks from the unconflicted state map (v2) or from
  // an empty state map (v2.1, room v12).
  const state = new LayeredState(graph, rules.keys, v21 ? new Map() : unconflicted);
  await iterativeAuthChecks(graph, rules, sortedPower, state);

  // Step 3: the remaining events in mainline ordering based on the power levels
  // of the partially resolved state.
  const picked = new Uint8Array(graph.size);
  for (const n of powerNodes) picked[n] = 1;
  const rest = full.filter((n) => picked[n] !== 1);
  const sortedRest = await sortByMainline(graph, rest, state.node(rules.keys.of('m.room.power_levels', '')));

  // Step 4: iterative auth checks of those on the partially resolved state.
  await iterativeAuthChecks(graph, rules, sortedRest, state);

  // Step 5: the unconflicted state map wins over what the checks produced. The
  // result is the unconflicted state map (the first set without its conflicted
  // keys, in its order), then the resolved conflicted keys.
  const result = unconflicted;
  for (const [key, id] of state.changes()) if (!result.has(key)) result.set(key, id);
  return result;
}

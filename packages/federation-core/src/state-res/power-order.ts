/**
 * Step 1 of state resolution v2: the power events of the full conflicted set,
 * with their auth chains inside it, in reverse topological power ordering.
 *
 * @module
 */
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { compareCodePoints } from '../json/canonical-json.js';
import { timestampOf } from './event-fields.js';
import { EventGraph } from './event-graph.js';
import { isPowerEvent } from './power-events.js';
import { senderPowerLevel } from './sender-power-level.js';
import type { StateResolutionProviderInput } from './provider-input.js';
import { toProvider } from './provider-input.js';
import { kahnLexicographical } from './topological-sort.js';
import type { ResolveStateOptions } from './types.js';

/**
 * The set X of step 1: every power event of the full conflicted set, and the
 * events of its auth chain that are in the full conflicted set.
 *
 * The auth chain is followed only through events of the full conflicted set, as
 * Synapse (`_add_event_and_auth_chain_to_graph`) and Ruma
 * (`add_event_and_auth_chain_to_graph`) do; an event of the set reachable only
 * through an event outside it is not added. In v2.1 the conflicted subgraph makes
 * the two readings coincide for conflicted events.
 *
 * @param inFull - 1 for the nodes of the full conflicted set (loaded)
 */
export function powerEventsWithAuthChains(graph: EventGraph, full: readonly number[], inFull: Uint8Array): number[] {
  const picked = new Uint8Array(graph.size);
  const out: number[] = [];
  const stack: number[] = [];
  for (const n of full) {
    const event = graph.event(n);
    if (event === undefined || picked[n] === 1 || !isPowerEvent(event)) continue;
    picked[n] = 1;
    stack.push(n);
    while (stack.length > 0) {
      const m = stack.pop()!;
      out.push(m);
      for (const a of graph.auth[m]!) {
        if (inFull[a] === 1 && picked[a] === 0) {
          picked[a] = 1;
          stack.push(a);
        }
      }
    }
  }
  return out;
}

/**
 * Sorts nodes by the reverse topological power ordering (spec: "Reverse
 * topological power ordering"): auth events before the events citing them
 * (edges only between the given nodes), and among the available events: the
 * sender's greater power level first (from the event's own auth events), then
 * the smaller `origin_server_ts`, then the smaller event ID (by code point).
 * The nodes' auth events must be loaded.
 */
export function sortByPowerOrder(graph: EventGraph, nodes: readonly number[]): number[] {
  const local = new Int32Array(graph.size).fill(-1);
  nodes.forEach((n, i) => (local[n] = i));
  const edges = nodes.map((n) => {
    const out: number[] = [];
    for (const a of graph.auth[n]!) if (local[a]! >= 0) out.push(local[a]!);
    return out;
  });
  const power = nodes.map((n) => senderPowerLevel(graph, n));
  const ts = nodes.map((n) => timestampOf(graph.event(n)!));
  const ids = nodes.map((n) => graph.ids[n]!);
  const compare = (a: number, b: number): number => {
    const pa = power[a]!;
    const pb = power[b]!;
    if (pa !== pb) return pa > pb ? -1 : 1; // greater power first
    const ta = ts[a]!;
    const tb = ts[b]!;
    if (ta !== tb) return ta - tb;
    return compareCodePoints(ids[a]!, ids[b]!);
  };
  return kahnLexicographical(nodes.length, (i) => edges[i]!, compare, (i) => ids[i]!).map((i) => nodes[i]!);
}

/**
 * Sorts events by the reverse topological power ordering (spec: "Reverse
 * topological power ordering"): the lexicographically smallest topological order
 * of the `auth_events` DAG between the given events (auth events first), where
 * x < y if x's sender has the greater power level (read from x's own auth
 * events), else the smaller `origin_server_ts`, else the smaller event ID.
 * Events the provider lacks are left out.
 *
 * @throws {AuthEventCycleError} on a cycle of auth events.
 * @example
 * await reverseTopologicalPowerOrder('10', ['$ban', '$pl', '$jr'], (ids) => events); // e.g. ['$jr', '$pl', '$ban']
 */
export async function reverseTopologicalPowerOrder(
  roomVersion: RoomVersionInput,
  eventIds: Iterable<string>,
  provider: StateResolutionProviderInput,
  options: ResolveStateOptions = {},
): Promise<string[]> {
  const graph = new EventGraph(resolveRoomVersion(roomVersion), toProvider(provider), options);
  const nodes = [...new Set(eventIds)].map((id) => graph.node(id));
  await graph.load(nodes);
  const present = nodes.filter((n) => graph.event(n) !== undefined);
  await graph.load(present.flatMap((n) => graph.auth[n]!));
  return sortByPowerOrder(graph, present).map((n) => graph.ids[n]!);
}

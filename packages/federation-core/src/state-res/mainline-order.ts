/**
 * Step 3 of state resolution v2: the mainline ordering of the remaining events.
 *
 * @module
 */
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { compareCodePoints } from '../json/canonical-json.js';
import { AuthEventCycleError } from './errors.js';
import { timestampOf } from './event-fields.js';
import { EventGraph } from './event-graph.js';
import type { StateResolutionProviderInput } from './provider-input.js';
import { toProvider } from './provider-input.js';
import type { ResolveStateOptions } from './types.js';

/**
 * Sorts nodes by the mainline ordering based on the power-levels node `powerLevels`
 * (-1: none, so every position is ∞) (spec: "Mainline ordering"): the greater
 * mainline position first (∞ before any integer), then the smaller
 * `origin_server_ts`, then the smaller event ID (by code point).
 *
 * The mainline of P is [P₀ = P, P₁, ...], each the `m.room.power_levels` event
 * among the previous one's auth events. The mainline position of e is the index
 * in it of the first of e's power-levels ancestors e₁, e₂, ... (e itself not
 * included) found in the mainline. Positions of the power-levels events met on
 * the way are memoised, so the walks over all events are linear overall. Events
 * are fetched in batches as the walks advance; missing auth events are skipped
 * (Synapse). A cycle of power-levels events throws `AuthEventCycleError`.
 */
export async function sortByMainline(graph: EventGraph, nodes: readonly number[], powerLevels: number): Promise<number[]> {
  if (nodes.length === 0) return [];
  // position: memo of each power-levels node met: its mainline index, or ∞.
  const position = new Map<number, number>();
  // Mainline of P: P₀ = P, P₁ = the power levels in P₀'s auth events, ...
  for (let p = powerLevels, i = 0; p >= 0; i++) {
    if (position.has(p)) throw new AuthEventCycleError([graph.ids[p]!]);
    position.set(p, i);
    await graph.load([p]);
    await graph.load(graph.auth[p]!);
    p = graph.powerLevelsAuthEvent(p);
  }

  // Fetch, one batch per level, the power-levels chains below the events' first
  // power-levels auth events, each power-levels event once.
  await graph.load(nodes);
  await graph.loadAuthEvents(nodes);
  const first = nodes.map((n) => graph.powerLevelsAuthEvent(n)); // each node's power-levels auth event
  const visited = new Set<number>();
  let level: number[] = [];
  for (const p of first) {
    if (p >= 0 && !position.has(p) && !visited.has(p)) {
      visited.add(p);
      level.push(p);
    }
  }
  while (level.length > 0) {
    await graph.loadAuthEvents(level);
    const next: number[] = [];
    for (const q of level) {
      const p = graph.powerLevelsAuthEvent(q);
      if (p >= 0 && !position.has(p) && !visited.has(p)) {
        visited.add(p);
        next.push(p);
      }
    }
    level = next;
  }

  // Position of a power-levels node: memoised walk down its chain.
  const onPath = new Set<number>();
  const positionOf = (start: number): number => {
    const path: number[] = [];
    let p = start;
    let found = Infinity;
    while (p >= 0) {
      const known = position.get(p);
      if (known !== undefined) {
        found = known;
        break;
      }
      if (onPath.has(p)) throw new AuthEventCycleError([graph.ids[p]!]);
      onPath.add(p);
      path.push(p);
      p = graph.powerLevelsAuthEvent(p);
    }
    for (const q of path) {
      position.set(q, found);
      onPath.delete(q);
    }
    return found;
  };
  const pos = first.map((p) => (p < 0 ? Infinity : positionOf(p)));
  const ids = nodes.map((n) => graph.ids[n]!);
  const ts = nodes.map((n) => timestampOf(graph.event(n)!));
  const order = nodes.map((_, i) => i);
  order.sort((a, b) => {
    const pa = pos[a]!;
    const pb = pos[b]!;
    if (pa !== pb) return pa > pb ? -1 : 1; // greater position (older mainline event, or ∞) first
    const ta = ts[a]!;
    const tb = ts[b]!;
    if (ta !== tb) return ta - tb;
    return compareCodePoints(ids[a]!, ids[b]!);
  });
  return order.map((i) => nodes[i]!);
}

/**
 * Sorts events by the mainline ordering based on a power-levels event (spec:
 * "Mainline ordering"): the events whose power-levels ancestry meets the
 * mainline of `powerLevelsEventId` at an older event (or not at all) first, then
 * by `origin_server_ts`, then by event ID. With no power-levels event
 * (`undefined`) every position is ∞. Events the provider lacks are left out.
 *
 * @throws {AuthEventCycleError} on a cycle of power-levels events.
 * @example
 * await mainlineOrder('10', ['$topic1', '$topic2'], '$pl2', (ids) => events); // ['$topic1', '$topic2']
 */
export async function mainlineOrder(
  roomVersion: RoomVersionInput,
  eventIds: Iterable<string>,
  powerLevelsEventId: string | undefined,
  provider: StateResolutionProviderInput,
  options: ResolveStateOptions = {},
): Promise<string[]> {
  const graph = new EventGraph(resolveRoomVersion(roomVersion), toProvider(provider), options);
  const nodes = [...new Set(eventIds)].map((id) => graph.node(id));
  await graph.load(nodes);
  const present = nodes.filter((n) => graph.event(n) !== undefined);
  const p = powerLevelsEventId === undefined ? -1 : graph.node(powerLevelsEventId);
  return (await sortByMainline(graph, present, p)).map((n) => graph.ids[n]!);
}

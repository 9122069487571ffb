/**
 * Lexicographically smallest topological sort (Kahn's algorithm with a heap).
 *
 * @module
 */
import { AuthEventCycleError } from './errors.js';
import { MinHeap } from './min-heap.js';

/**
 * Sorts the nodes `0..count-1` of a DAG so that every node comes after the nodes
 * it points to (`edges(n)`: for state resolution, a node's auth events), choosing
 * among the available nodes the smallest by `compare` at each step (Kahn's
 * algorithm with a heap: O((V + E) log V)). Edges to nodes outside `0..count-1`
 * must not be given. Throws `AuthEventCycleError` (naming nodes by `name`) on a cycle.
 */
export function kahnLexicographical(
  count: number,
  edges: (n: number) => readonly number[],
  compare: (a: number, b: number) => number,
  name: (n: number) => string,
): number[] {
  const outdegree = new Uint32Array(count);
  const incoming: number[][] = Array.from({ length: count }, () => []);
  for (let n = 0; n < count; n++) {
    const out = edges(n);
    outdegree[n] = out.length;
    for (const m of out) incoming[m]!.push(n);
  }
  const heap = new MinHeap(compare);
  for (let n = 0; n < count; n++) if (outdegree[n] === 0) heap.push(n);
  const order: number[] = [];
  for (let n = heap.pop(); n !== undefined; n = heap.pop()) {
    order.push(n);
    for (const parent of incoming[n]!) if (--outdegree[parent]! === 0) heap.push(parent);
  }
  if (order.length < count) {
    const stuck: string[] = [];
    for (let n = 0; n < count; n++) if (outdegree[n]! > 0) stuck.push(name(n));
    throw new AuthEventCycleError(stuck.sort().slice(0, 10));
  }
  return order;
}

/**
 * The lexicographically smallest topological order of a graph given as a map
 * from each node to the nodes it points to (e.g. event ID to auth event IDs):
 * pointed-to nodes come first, and among the nodes available at each step the
 * smallest by `compare` is taken (spec: "Reverse topological power ordering", by
 * Kahn's algorithm). Nodes only pointed to are included.
 *
 * @throws {AuthEventCycleError} when the graph has a cycle.
 * @example
 * lexicographicalTopologicalSort(
 *   new Map([['l', ['o']], ['m', ['n', 'o']], ['n', ['o']], ['o', []], ['p', ['o']]]),
 *   (a, b) => (a < b ? -1 : a > b ? 1 : 0),
 * ); // ['o', 'l', 'n', 'm', 'p']
 */
export function lexicographicalTopologicalSort(
  graph: ReadonlyMap<string, Iterable<string>>,
  compare: (a: string, b: string) => number,
): string[] {
  const names: string[] = [];
  const index = new Map<string, number>();
  const intern = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = names.length;
      index.set(s, i);
      names.push(s);
    }
    return i;
  };
  const out: number[][] = [];
  for (const [node, targets] of graph) {
    const n = intern(node);
    const list = new Set<number>();
    for (const t of targets) list.add(intern(t));
    out[n] = [...list];
  }
  const edges = (n: number): readonly number[] => out[n] ?? [];
  return kahnLexicographical(names.length, edges, (a, b) => compare(names[a]!, names[b]!), (n) => names[n]!).map((n) => names[n]!);
}

// Replays a room DAG event by event: the state before each event is the resolution of the
// states after its prev events, and each event's auth events are chosen from that state
// (the auth events selection). The scenarios are the ones Synapse's tests/state/test_v2.py
// uses (their events, edges and expected state, reproduced as data in fixtures/).
import type { JsonObject, RoomEvent, StateKey } from '@maxtryx/federation-core';
import { authEventTypesFor, getRoomVersion, lexicographicalTopologicalSort, resolveState, stateKeyOf } from '@maxtryx/federation-core';
import { MemoryProvider } from './room-builder.js';

/** An event of a DAG fixture, named by a node ID. */
export interface DagEvent {
  id: string;
  sender: string;
  type: string;
  state_key?: string;
  content: JsonObject;
}

/** A DAG fixture: events, chains of prev edges (`[A, B, C]`: A follows B, B follows C), and the expected state at END. */
export interface DagCase {
  name: string;
  events: DagEvent[];
  edges: string[][];
  /** Node IDs of the expected state at END (for keys changed since START, or listed). */
  expected: string[];
}

/** The initial events and edges every DAG fixture starts with. */
export interface DagBase {
  initialEvents: DagEvent[];
  initialEdges: string[];
}

/** The event ID of a node. */
export const eventIdOf = (node: string): string => `$${node}:example.com`;

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The result of replaying a DAG. */
export interface DagRun {
  /** The state after each node. */
  stateAfter: Map<string, Map<StateKey, string>>;
  /** Every event built, by event ID. */
  events: Map<string, RoomEvent>;
  /** The number of state resolutions run. */
  resolutions: number;
}

/** Replays the DAG in the room version, resolving state wherever prev events fork. */
export async function runDag(roomVersion: string, base: DagBase, events: readonly DagEvent[], edges: readonly string[][]): Promise<DagRun> {
  const rv = getRoomVersion(roomVersion);
  const all = new Map<string, DagEvent>();
  const graph = new Map<string, Set<string>>();
  for (const e of [...base.initialEvents, ...events]) {
    all.set(e.id, e);
    graph.set(e.id, new Set());
  }
  for (const chain of [base.initialEdges, ...edges]) {
    for (let i = 0; i + 1 < chain.length; i++) graph.get(chain[i]!)!.add(chain[i + 1]!);
  }
  const built = new Map<string, RoomEvent>();
  const provider = new MemoryProvider(built);
  const stateAfter = new Map<string, Map<StateKey, string>>();
  const depth = new Map<string, number>();
  let ts = 0;
  let resolutions = 0;
  for (const node of lexicographicalTopologicalSort(graph, byString)) {
    const fake = all.get(node)!;
    const prevs = [...graph.get(node)!];
    let before: Map<StateKey, string>;
    if (prevs.length === 0) before = new Map();
    else if (prevs.length === 1) before = new Map(stateAfter.get(prevs[0]!)!);
    else {
      resolutions++;
      before = await resolveState(rv, prevs.map((p) => stateAfter.get(p)!), provider);
    }
    const auth: string[] = [];
    for (const t of authEventTypesFor(fake, rv)) {
      const id = before.get(stateKeyOf(t.type, t.stateKey));
      if (id !== undefined) auth.push(id);
    }
    const d = 1 + Math.max(0, ...prevs.map((p) => depth.get(p)!));
    depth.set(node, d);
    const ref = (id: string) => (rv.eventFormat === 'v1' ? ([id, { sha256: 'AAAA' }] as [string, JsonObject]) : id);
    const content = fake.type === 'm.room.create' ? { ...fake.content, room_version: rv.id } : fake.content;
    const event: RoomEvent = {
      event_id: eventIdOf(node),
      room_id: '!test:example.com',
      type: fake.type,
      sender: fake.sender,
      content,
      origin_server_ts: ts++,
      depth: d,
      prev_events: prevs.map((p) => ref(eventIdOf(p))),
      auth_events: auth.map(ref),
      hashes: { sha256: 'AAAA' },
      signatures: {},
    };
    if (fake.state_key !== undefined) event.state_key = fake.state_key;
    built.set(event.event_id, event);
    const after = new Map(before);
    if (fake.state_key !== undefined) after.set(stateKeyOf(fake.type, fake.state_key), event.event_id);
    stateAfter.set(node, after);
  }
  return { stateAfter, events: built, resolutions };
}

/** The state at END restricted as Synapse's `do_check` compares it: keys listed in `expected` or changed since START. */
export function endStateDiff(run: DagRun, expected: readonly string[]): { actual: Map<StateKey, string>; wanted: Map<StateKey, string> } {
  const wanted = new Map<StateKey, string>();
  for (const node of expected) {
    const e = run.events.get(eventIdOf(node))!;
    wanted.set(stateKeyOf(e.type, e.state_key!), e.event_id);
  }
  const start = run.stateAfter.get('START')!;
  const actual = new Map<StateKey, string>();
  for (const [k, v] of run.stateAfter.get('END')!) if (wanted.has(k) || start.get(k) !== v) actual.set(k, v);
  return { actual, wanted };
}

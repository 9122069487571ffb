// State resolution benchmark: generated rooms of 1,000, 10,000 and 100,000 state events
// with 10, 100 and 1,000 conflicted keys, and the target room (30,000 events, 1,000
// members, ~100 conflicted keys, auth difference ~3,000 events). Prints the median time
// of `resolveState` (v2, room v10, and v2.1, room v12) and how it grows with the room.
//
// The target room is timed with three in-memory providers: `getEvents` answering a Map,
// answering an array in the order asked (a store's shape), and that plus `getAuthEventIds`
// from an index of auth edges (a store that keeps one).
//
// Every timed run reads fresh event objects (a deep copy of the room made before the run,
// outside the timed region), as a first resolution over events just read from a store
// would: nothing memoised on event objects (e.g. parsed power levels) carries over from
// one run to the next. BENCH_MS (default 1000) scales how long each case is repeated;
// STATE_RES_BENCH=target runs the target room alone.
//
// Run alone: pnpm tsx --conditions=@maxtryx/source bench/state-res.bench.ts
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { benchMilliseconds } from './harness.js';
import type { RoomEvent, StateKey, StateResolutionProvider } from '../packages/federation-core/src/index.js';
import { computeAuthDifference, createStateResolver, resolveState, stateKeyOf } from '../packages/federation-core/src/index.js';

/** The shape of a generated room. */
export interface RoomShape {
  /** State events before the fork (about). */
  stateEvents: number;
  /** Members among them. */
  members: number;
  /** Keys changed after the fork point: the conflicted keys. */
  conflictedKeys: number;
  /** Events on the long branch after the fork point, spread over the conflicted keys (the auth difference). */
  branchEvents: number;
}

/** A generated room: its events and the two state sets to resolve. */
export interface GeneratedRoom {
  events: Map<string, RoomEvent>;
  stateSets: Map<StateKey, string>[];
  /** The state of the long branch at six points along it, the last being `stateSets[0]`. */
  longStates: Map<StateKey, string>[];
}

/**
 * Generates a room in the room version's format: a create event, the creator's join,
 * power levels (changed every 200 events, so the mainline is long), public join
 * rules, `members` joins, and other state up to `stateEvents`. Then it forks: a long
 * branch where `conflictedKeys` members change their display name `branchEvents`
 * times in all (each citing the previous one) with a power-levels change every 500
 * events, and a short branch where the same members change it once.
 */
export function generateRoom(roomVersion: '10' | '12', shape: RoomShape): GeneratedRoom {
  const v12 = roomVersion === '12';
  const events = new Map<string, RoomEvent>();
  const createId = '$create-' + shape.stateEvents;
  const roomId = v12 ? '!' + createId.slice(1) : '!bench:example.org';
  const creator = '@creator:example.org';
  let ts = 1_700_000_000_000;
  let depth = 0;
  let last = createId;
  const add = (id: string, type: string, stateKey: string, sender: string, content: RoomEvent['content'], auth: string[], prev = last): string => {
    const e: RoomEvent = {
      event_id: id,
      type,
      state_key: stateKey,
      sender,
      content,
      origin_server_ts: ts++,
      depth: ++depth,
      prev_events: id === createId ? [] : [prev],
      auth_events: v12 ? auth.filter((a) => a !== createId) : auth,
      hashes: { sha256: 'AAAA' },
      signatures: {},
    };
    if (!(v12 && id === createId)) e.room_id = roomId;
    events.set(id, e);
    last = id;
    return id;
  };
  const user = (i: number) => `@user${i}:server${i % 50}.example.org`;
  const state = new Map<StateKey, string>();
  const set = (id: string) => {
    const e = events.get(id)!;
    state.set(stateKeyOf(e.type, e.state_key!), id);
  };
  set(add(createId, 'm.room.create', '', creator, { room_version: roomVersion, creator }, []));
  const creatorJoin = add('$join-creator', 'm.room.member', creator, creator, { membership: 'join' }, [createId]);
  set(creatorJoin);
  let plCount = 0;
  const users: Record<string, number> = v12 ? {} : { [creator]: 100 };
  let pl = add(`$pl-${plCount++}`, 'm.room.power_levels', '', creator, { users: { ...users } }, [createId, creatorJoin]);
  set(pl);
  const jr = add('$jr', 'm.room.join_rules', '', creator, { join_rule: 'public' }, [createId, creatorJoin, pl]);
  set(jr);
  const memberEvent = new Map<string, string>();
  let n = 4;
  for (let i = 0; n < shape.stateEvents; i++, n++) {
    if (i % 200 === 199) {
      users[user(i % shape.members)] = 50;
      pl = add(`$pl-${plCount++}`, 'm.room.power_levels', '', creator, { users: { ...users } }, [createId, creatorJoin, pl]);
      set(pl);
    } else if (i < shape.members) {
      const u = user(i);
      const id = add(`$join-${i}`, 'm.room.member', u, u, { membership: 'join' }, [createId, pl, jr]);
      memberEvent.set(u, id);
      set(id);
    } else {
      set(add(`$state-${i}`, 'org.example.state', `key${i}`, creator, { i }, [createId, creatorJoin, pl]));
    }
  }
  const forkState = new Map(state);
  const forkLast = last;
  const forkPl = pl;

  // Long branch: display-name changes spread over the conflicted keys.
  const joinedMembers = [...memberEvent.keys()];
  const conflicted = Array.from({ length: shape.conflictedKeys }, (_, i) => joinedMembers[i % joinedMembers.length]!);
  const longStates: Map<StateKey, string>[] = [];
  const every = Math.max(1, Math.floor(shape.branchEvents / 6));
  for (let i = 0; i < shape.branchEvents; i++) {
    if (i > 0 && i % every === 0 && longStates.length < 5) longStates.push(new Map(state));
    if (i % 500 === 499) {
      pl = add(`$bpl-${i}`, 'm.room.power_levels', '', creator, { users: { ...users, [user(i % shape.members)]: 10 } }, [createId, creatorJoin, pl]);
      set(pl);
      continue;
    }
    const u = conflicted[i % conflicted.length]!;
    const id = add(`$name-${i}`, 'm.room.member', u, u, { membership: 'join', displayname: `u${i}` }, [createId, pl, memberEvent.get(u)!]);
    memberEvent.set(u, id);
    set(id);
  }
  const long = state;
  longStates.push(long);

  // Short branch from the fork point.
  const short = new Map(forkState);
  last = forkLast;
  for (const [i, u] of conflicted.entries()) {
    const joined = forkState.get(stateKeyOf('m.room.member', u))!;
    const id = add(`$alt-${i}`, 'm.room.member', u, u, { membership: 'join', displayname: `alt${i}` }, [createId, forkPl, joined]);
    short.set(stateKeyOf('m.room.member', u), id);
  }
  return { events, stateSets: [long, short], longStates };
}

// Minor garbage collections before each timed run promote the copy made for it to the old
// generation (as a store's cached events would be), so that the run does not pay for
// copying it. (A full collection is avoided: it resets the heap's limits.)
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;

/**
 * Median time of `fn` in milliseconds over a few runs (after a warm-up): CPU time of
 * this process (user + system, `process.cpuUsage`), which a machine shared with other
 * work disturbs much less than wall time, and wall time. `setup` runs before each
 * run, outside the timed region.
 */
async function time(fn: () => Promise<unknown>, budgetMs = 1500, setup: () => void = () => {}): Promise<{ cpu: number; wall: number }> {
  const budget = (budgetMs * benchMilliseconds) / 1000;
  // Warm-up runs, until the JIT has settled (its background compilations count as CPU time).
  for (let i = 0; i < 8; i++) {
    setup();
    await fn();
  }
  const cpu: number[] = [];
  const wall: number[] = [];
  const start = performance.now();
  while (cpu.length < 5 || (performance.now() - start < budget && cpu.length < 30)) {
    setup();
    collectGarbage({ type: 'minor' });
    collectGarbage({ type: 'minor' });
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    const w = performance.now() - t;
    const d = process.cpuUsage(c);
    wall.push(w);
    cpu.push((d.user + d.system) / 1000);
  }
  if (process.env.SHOW_SAMPLES) console.log(cpu.map((x, i) => `${x.toFixed(0)}/${wall[i]!.toFixed(0)}`).join(" "));
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  return { cpu: median(cpu), wall: median(wall) };
}

/**
 * Median CPU time of `fn` run right after a full garbage collection (and a pause for the
 * collector's background sweeping to finish, outside the timed region), as a server's
 * first resolution after its heap was collected: objects no longer alive, with their
 * hidden classes, are gone.
 */
async function afterFullCollection(fn: () => Promise<unknown>, setup: () => void, runs = 9): Promise<number> {
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    setup();
    collectGarbage({ type: 'major' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    collectGarbage({ type: 'minor' });
    const c = process.cpuUsage();
    await fn();
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return cpu.sort((a, b) => a - b)[runs >> 1]!;
}

/** How the in-memory provider answers. */
type ProviderKind = 'map' | 'list' | 'indexed';

/**
 * An in-memory provider of the room's events, and a `fresh()` that replaces them with a
 * deep copy (new event objects, as read anew from a store). `map`: `getEvents` builds a
 * Map of the events asked for; `list`: it answers an array in the order asked (what a
 * store's `getEvents` returns); `indexed`: `list`, plus `getAuthEventIds` from an index of
 * the auth edges (event ID to the `auth_events` array of the fresh copy), as a store keeps
 * one; the index is rebuilt by `fresh()`, outside the timed region, as a store builds it
 * when it writes events.
 */
function memoryProvider(room: GeneratedRoom, kind: ProviderKind = 'map'): { provider: StateResolutionProvider; fresh: () => void } {
  let events = room.events;
  let authIndex = new Map<string, readonly string[]>();
  const getEvents =
    kind === 'map'
      ? (ids: readonly string[]) => {
          const out = new Map<string, RoomEvent>();
          for (const id of ids) {
            const e = events.get(id);
            if (e) out.set(id, e);
          }
          return out;
        }
      : (ids: readonly string[]) => {
          const out: RoomEvent[] = [];
          for (const id of ids) {
            const e = events.get(id);
            if (e) out.push(e);
          }
          return out;
        };
  const provider: StateResolutionProvider = { getEvents };
  if (kind === 'indexed') {
    provider.getAuthEventIds = (ids) => {
      const out = new Array<readonly string[] | undefined>(ids.length);
      for (let i = 0; i < ids.length; i++) out[i] = authIndex.get(ids[i]!);
      return out;
    };
  }
  const fresh = () => {
    events = structuredClone(room.events);
    if (kind === 'indexed') {
      authIndex = new Map();
      for (const [id, e] of events) authIndex.set(id, e.auth_events as string[]);
    }
  };
  fresh();
  return { provider, fresh };
}

/** Runs the benchmark and prints a table. */
export async function runStateResBench(): Promise<void> {
  console.log('\nState resolution (median per resolveState, CPU ms and wall ms; provider: in-memory Map, fresh event objects each run)');
  console.log('  room  events  conflicted keys  auth difference   cpu ms  wall ms   growth (cpu)');
  for (const rv of process.env.STATE_RES_BENCH === 'target' ? [] : (['10', '12'] as const)) {
    let previous: number | undefined;
    for (const stateEvents of [1_000, 10_000, 100_000]) {
      for (const conflictedKeys of [10, 100, 1_000]) {
        const shape = { stateEvents, members: Math.min(1_000, stateEvents / 2), conflictedKeys, branchEvents: conflictedKeys * 30 };
        const room = generateRoom(rv, shape);
        const { provider, fresh } = memoryProvider(room);
        const diff = (await computeAuthDifference(rv, room.stateSets, provider)).size;
        const { cpu, wall } = await time(() => resolveState(rv, room.stateSets, provider), 1500, fresh);
        const growth = conflictedKeys === 10 && previous !== undefined ? `x${(cpu / previous).toFixed(1)}` : '';
        if (conflictedKeys === 10) previous = cpu;
        console.log(
          `  v${rv.padEnd(3)} ${String(stateEvents).padStart(7)} ${String(conflictedKeys).padStart(16)} ${String(diff).padStart(16)} ${cpu.toFixed(1).padStart(8)} ${wall.toFixed(1).padStart(8)}   ${growth}`,
        );
      }
    }
  }
  for (const rv of ['10', '12'] as const) {
    const room = generateRoom(rv, { stateEvents: 30_000, members: 1_000, conflictedKeys: 100, branchEvents: 3_000 });
    const { provider, fresh } = memoryProvider(room);
    const diff = (await computeAuthDifference(rv, room.stateSets, provider)).size;
    for (const kind of ['map', 'list', 'indexed'] as const) {
      const p = memoryProvider(room, kind);
      const { cpu, wall } = await time(() => resolveState(rv, room.stateSets, p.provider), 4000, p.fresh);
      console.log(
        `  target v${rv}: 30,000 events, 1,000 members, 100 conflicted keys, auth difference ${diff}, provider ${kind.padEnd(7)}: ${cpu.toFixed(1)} ms CPU, ${wall.toFixed(1)} ms wall (goal < 30 ms)`,
      );
    }
    const list = memoryProvider(room, 'list');
    const cold = await afterFullCollection(() => resolveState(rv, room.stateSets, list.provider), list.fresh);
    console.log(`  target v${rv}, first resolution after a full garbage collection (list provider): ${cold.toFixed(1)} ms CPU`);
    // One resolver over one set of event objects: the events it kept are reused, by design.
    fresh();
    const resolver = createStateResolver(rv, provider);
    const kept = await time(() => resolver.resolve(room.stateSets), 4000);
    console.log(`  target v${rv}, again with a StateResolver that kept the room's events: ${kept.cpu.toFixed(1)} ms CPU, ${kept.wall.toFixed(1)} ms wall`);
    // As a server's resolver for the room sees it: the long branch at six points along it,
    // each against the short branch, in turn (list provider). Baseline: resolveState on the same sequence.
    const sequence = room.longStates.map((long) => [long, room.stateSets[1]!]);
    let k = 0;
    const oneShot = await time(() => resolveState(rv, sequence[k++ % sequence.length]!, list.provider), 4000);
    const successive = createStateResolver(rv, list.provider);
    const kept2 = await time(() => successive.resolve(sequence[k++ % sequence.length]!), 4000);
    console.log(
      `  target v${rv}, the long branch at ${sequence.length} points in turn: resolveState ${oneShot.cpu.toFixed(1)} ms CPU, one StateResolver ${kept2.cpu.toFixed(1)} ms CPU (x${(oneShot.cpu / kept2.cpu).toFixed(1)})`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runStateResBench();

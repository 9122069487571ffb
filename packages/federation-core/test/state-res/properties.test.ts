import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoomEvent, StateKey, StateResolutionProvider } from '@maxtryx/federation-core';
import { checkEventAuthAgainstState, referencedEventIds, resolveState, splitConflictedState } from '@maxtryx/federation-core';
import { randomRoom } from './random-room.js';
import { entries, MemoryProvider } from './room-builder.js';

const versions = ['1', '2', '6', '10', '11', '12'];
const arbRoom = fc.record({
  rv: fc.constantFrom(...versions),
  seed: fc.nat(),
  branches: fc.integer({ min: 2, max: 4 }),
  length: fc.integer({ min: 1, max: 12 }),
});

describe('state resolution properties on random rooms', () => {
  it('the result does not depend on the order of the state sets, nor on duplicates', async () => {
    await fc.assert(
      fc.asyncProperty(arbRoom, fc.nat(), async ({ rv, seed, branches, length }, shuffleSeed) => {
        const room = randomRoom(rv, seed, branches, length);
        const provider = new MemoryProvider(room.events);
        const base = entries(await resolveState(rv, room.branches, provider));
        const shuffled = [...room.branches];
        for (let i = shuffled.length - 1, s = shuffleSeed; i > 0; i--, s = Math.floor(s / (i + 1))) {
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(entries(await resolveState(rv, shuffled, provider))).toEqual(base);
        expect(entries(await resolveState(rv, [...room.branches, room.branches[0]!], provider))).toEqual(base);
      }),
      { numRuns: 60 },
    );
  });

  it('resolving one state set, or a set with itself, returns it unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(arbRoom, async ({ rv, seed, branches, length }) => {
        const room = randomRoom(rv, seed, branches, length);
        const provider = new MemoryProvider(room.events);
        for (const s of room.branches) {
          expect(entries(await resolveState(rv, [s], provider))).toEqual(entries(s));
          expect(entries(await resolveState(rv, [s, s], provider))).toEqual(entries(s));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('unconflicted entries are kept, and every entry is an event of its key', async () => {
    await fc.assert(
      fc.asyncProperty(arbRoom, async ({ rv, seed, branches, length }) => {
        const room = randomRoom(rv, seed, branches, length);
        const resolved = await resolveState(rv, room.branches, new MemoryProvider(room.events));
        const split = rv === '1' ? undefined : splitConflictedState(room.branches);
        if (split) for (const [k, v] of split.unconflicted) expect(resolved.get(k)).toBe(v);
        for (const [k, v] of resolved) {
          const e = room.events.get(v)!;
          expect(`${e.type}\u0000${e.state_key}`).toBe(k);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('when no one loses power (topics, names, joins), every resolved event passes auth against the result', async () => {
    await fc.assert(
      fc.asyncProperty(arbRoom, async ({ rv, seed, branches, length }) => {
        const room = randomRoom(rv, seed, branches, length, true);
        const resolved = await resolveState(rv, room.branches, new MemoryProvider(room.events));
        const state = new Map<StateKey, RoomEvent>([...resolved].map(([k, v]) => [k, room.events.get(v)!]));
        for (const event of state.values()) {
          const result = checkEventAuthAgainstState(event, state, rv, { isSignedBy: () => true });
          expect(result.allowed, `${event.event_id} ${JSON.stringify(result)}`).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the provider fast paths, computed naively, give the same result as the walks', async () => {
    const chainOf = (events: Map<string, RoomEvent>, rv: string, ids: Iterable<string>): Set<string> => {
      const out = new Set<string>();
      const stack = [...ids].flatMap((id) => authRefs(events, rv, id));
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (out.has(id)) continue;
        out.add(id);
        stack.push(...authRefs(events, rv, id));
      }
      return out;
    };
    const authRefs = (events: Map<string, RoomEvent>, rv: string, id: string): string[] => {
      const e = events.get(id);
      if (!e) return [];
      const refs = referencedEventIds(e.auth_events);
      if (rv === '12' && e.type !== 'm.room.create') refs.push('$' + e.room_id!.slice(1));
      return refs;
    };
    await fc.assert(
      fc.asyncProperty(arbRoom.filter((r) => r.rv !== '1'), async ({ rv, seed, branches, length }) => {
        const room = randomRoom(rv, seed, branches, length);
        const walked = await resolveState(rv, room.branches, new MemoryProvider(room.events));
        const naive: StateResolutionProvider = Object.assign(new MemoryProvider(room.events), {
          getAuthChainDifference(sets: readonly ReadonlySet<string>[]) {
            const chains = sets.map((s) => chainOf(room.events, rv, s));
            const union = new Set(chains.flatMap((c) => [...c]));
            return [...union].filter((id) => !chains.every((c) => c.has(id)));
          },
          getConflictedStateSubgraph(conflicted: ReadonlySet<string>) {
            // x is in it iff x is in the auth chain of a conflicted event and has one in its own.
            const out = new Set(conflicted);
            const below = chainOf(room.events, rv, conflicted);
            for (const x of below) if ([...chainOf(room.events, rv, [x])].some((y) => conflicted.has(y))) out.add(x);
            return out;
          },
        });
        expect(entries(await resolveState(rv, room.branches, naive))).toEqual(entries(walked));
      }),
      { numRuns: 60 },
    );
  });
});

describe('the random rooms exercise resolution', () => {
  it('most generated rooms have conflicts, and many a non-empty auth difference', async () => {
    const { computeAuthDifference } = await import('@maxtryx/federation-core');
    let conflicts = 0;
    let differences = 0;
    for (let seed = 0; seed < 30; seed++) {
      const room = randomRoom('10', seed, 3, 10);
      if (splitConflictedState(room.branches).conflicted.size > 0) conflicts++;
      if ((await computeAuthDifference('10', room.branches, new MemoryProvider(room.events))).size > 0) differences++;
    }
    expect(conflicts).toBeGreaterThan(20);
    expect(differences).toBeGreaterThan(5);
  });
});

// The shapes a provider may answer in (a map, a list of events in any order, any iterable)
// and the `getAuthEventIds` fast path give the same results as the plain map provider.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoomEvent, StateKey, StateResolutionProvider } from '@maxtryx/federation-core';
import {
  computeAuthDifference,
  createStateResolver,
  MissingStateEventsError,
  referencedEventIds,
  resolveState,
  StateResolutionProviderError,
} from '@maxtryx/federation-core';
import explicit from './fixtures/explicit-cases.json' with { type: 'json' };
import { randomRoom, rng } from './random-room.js';
import type { CompactEvent } from './room-builder.js';
import { buildEvents, entries, MemoryProvider, stateOf } from './room-builder.js';

/** A provider of `events` answering in one of the shapes, counting what it is asked. */
interface CountingProvider extends StateResolutionProvider {
  eventsAsked: number;
  authIdsAsked: number;
}

type Shape =
  | 'map'
  | 'shuffled map'
  | 'ordered list'
  | 'list with holes'
  | 'reordered list'
  | 'shuffled list'
  | 'iterable'
  | 'async list'
  | 'indexed'
  | 'indexed map'
  | 'async indexed';
const SHAPES: readonly Shape[] = [
  'map',
  'shuffled map',
  'ordered list',
  'list with holes',
  'reordered list',
  'shuffled list',
  'iterable',
  'async list',
  'indexed',
  'indexed map',
  'async indexed',
];

function shapedProvider(events: ReadonlyMap<string, RoomEvent>, shape: Shape, seed = 1): CountingProvider {
  const random = rng(seed);
  const any = [...events.values()];
  const provider: CountingProvider = {
    eventsAsked: 0,
    authIdsAsked: 0,
    getEvents(ids) {
      provider.eventsAsked += ids.length;
      const found = ids.map((id) => events.get(id));
      switch (shape) {
        case 'map':
        case 'indexed':
        case 'indexed map':
        case 'async indexed':
          return new Map(found.filter((e) => e !== undefined).map((e) => [e.event_id, e]));
        case 'shuffled map': {
          // Keyed by event ID, filled in another order than asked.
          const list = found.filter((e) => e !== undefined);
          for (let i = list.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [list[i], list[j]] = [list[j]!, list[i]!];
          }
          return new Map(list.map((e) => [e.event_id, e]));
        }
        case 'ordered list':
          return found.filter((e) => e !== undefined);
        case 'list with holes':
          return found.map((e) => (e === undefined && random() < 0.5 ? null : e));
        case 'reordered list': {
          // As many entries as IDs asked (holes for missing events), the last two swapped:
          // in the order asked up to there only.
          const list = found.map((e) => e ?? null);
          const last = list.length - 1;
          if (last >= 1) [list[last - 1], list[last]] = [list[last] ?? null, list[last - 1] ?? null];
          return list;
        }
        case 'shuffled list': {
          // Any order, missing events left out, and an event that was not asked for.
          const list = found.filter((e) => e !== undefined);
          for (let i = list.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [list[i], list[j]] = [list[j]!, list[i]!];
          }
          if (any.length > 0) list.splice(Math.floor(random() * (list.length + 1)), 0, any[Math.floor(random() * any.length)]!);
          return list;
        }
        case 'iterable':
          return (function* () {
            for (const e of found) if (e !== undefined) yield e;
          })();
        case 'async list':
          return Promise.resolve(found.filter((e) => e !== undefined));
      }
    },
  };
  if (shape === 'indexed' || shape === 'indexed map' || shape === 'async indexed') {
    provider.getAuthEventIds = (ids) => {
      provider.authIdsAsked += ids.length;
      const refs = (id: string): string[] | undefined => {
        const e = events.get(id);
        if (e === undefined) return undefined;
        const out = referencedEventIds(e.auth_events);
        // v12: the implied create event may be listed or not.
        if (random() < 0.5 && e.type !== 'm.room.create' && e.room_id !== undefined && e.room_id.startsWith('!') && !e.room_id.includes(':')) {
          out.push('$' + e.room_id.slice(1));
        }
        return out;
      };
      if (shape === 'indexed map') {
        const out = new Map<string, string[]>();
        for (const id of ids) {
          const r = refs(id);
          if (r !== undefined) out.set(id, r);
        }
        return out;
      }
      const out = ids.map((id) => refs(id) ?? (random() < 0.5 ? null : undefined));
      return shape === 'async indexed' ? Promise.resolve(out) : out;
    };
  }
  return provider;
}

interface ExplicitCase {
  name: string;
  events: CompactEvent[];
  stateSets: string[][];
  expected: Record<string, string[]>;
}

describe('provider answer shapes and getAuthEventIds give the same results', () => {
  for (const c of (explicit as unknown as { cases: ExplicitCase[] }).cases) {
    for (const rv of Object.keys(c.expected)) {
      it(`${c.name} (room v${rv})`, async () => {
        const events = buildEvents(rv, c.events);
        const sets = c.stateSets.map((ids) => stateOf(events, ids));
        const want = entries(await resolveState(rv, sets, new MemoryProvider(events)));
        for (const shape of SHAPES) {
          expect(entries(await resolveState(rv, sets, shapedProvider(events, shape))), shape).toEqual(want);
        }
      });
    }
  }

  it('on random rooms, with and without missing events and both auth chain readings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          rv: fc.constantFrom('1', '2', '6', '10', '11', '12'),
          seed: fc.nat(),
          branches: fc.integer({ min: 2, max: 4 }),
          length: fc.integer({ min: 1, max: 12 }),
          drop: fc.integer({ min: 0, max: 3 }),
          includeSelf: fc.boolean(),
          shape: fc.constantFrom(...SHAPES),
        }),
        async ({ rv, seed, branches, length, drop, includeSelf, shape }) => {
          const room = randomRoom(rv, seed, branches, length);
          // Leave out a few events (never the create event): they are missing for every provider.
          const events = new Map(room.events);
          const ids = [...events.keys()];
          const random = rng(seed ^ 0x5eed);
          for (let i = 0; i < drop; i++) {
            const id = ids[1 + Math.floor(random() * (ids.length - 1))];
            if (id !== undefined) events.delete(id);
          }
          const options = { authChainsIncludeStateEvents: includeSelf };
          const plain = await resolveState(rv, room.branches, new MemoryProvider(events), options).then(entries, (e: unknown) => e);
          const shaped = await resolveState(rv, room.branches, shapedProvider(events, shape, seed), options).then(entries, (e: unknown) => e);
          expect(shaped).toEqual(plain);
          const strict = { ...options, missingEvents: 'throw' as const };
          const plainStrict = await resolveState(rv, room.branches, new MemoryProvider(events), strict).then(entries, (e: unknown) => e);
          const shapedStrict = await resolveState(rv, room.branches, shapedProvider(events, shape, seed), strict).then(entries, (e: unknown) => e);
          if (plainStrict instanceof MissingStateEventsError) expect(shapedStrict).toBeInstanceOf(MissingStateEventsError);
          else expect(shapedStrict).toEqual(plainStrict);
          if (rv !== '1') {
            const diff = [...(await computeAuthDifference(rv, room.branches, new MemoryProvider(events), options))].sort();
            expect([...(await computeAuthDifference(rv, room.branches, shapedProvider(events, shape, seed), options))].sort()).toEqual(diff);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a StateResolver gives the same results with every shape, resolution after resolution', async () => {
    for (const rv of ['10', '12']) {
      for (let seed = 0; seed < 10; seed++) {
        const room = randomRoom(rv, seed, 3, 10);
        const want = entries(await resolveState(rv, room.branches, new MemoryProvider(room.events)));
        for (const shape of SHAPES) {
          const resolver = createStateResolver(rv, shapedProvider(room.events, shape, seed));
          expect(entries(await resolver.resolve(room.branches))).toEqual(want);
          expect(entries(await resolver.resolve([...room.branches].reverse()))).toEqual(want);
        }
      }
    }
  });
});

describe('getAuthEventIds', () => {
  it('is asked for the unconflicted events instead of getEvents', async () => {
    for (const rv of ['10', '12']) {
      const room = randomRoom(rv, 7, 2, 12);
      const plain = shapedProvider(room.events, 'map');
      const indexed = shapedProvider(room.events, 'indexed');
      const want = entries(await resolveState(rv, room.branches, plain));
      expect(entries(await resolveState(rv, room.branches, indexed))).toEqual(want);
      expect(indexed.authIdsAsked).toBeGreaterThan(0);
      expect(indexed.eventsAsked).toBe(plain.eventsAsked - indexed.authIdsAsked);
    }
  });

  it('a list of the wrong length is a provider error', async () => {
    const room = randomRoom('10', 3, 2, 12);
    const provider: StateResolutionProvider = {
      getEvents: (ids) => ids.map((id) => room.events.get(id)),
      getAuthEventIds: (ids) => ids.slice(1).map((id) => referencedEventIds(room.events.get(id)?.auth_events ?? [])),
    };
    const sets: Map<StateKey, string>[] = room.branches;
    await expect(resolveState('10', sets, provider)).rejects.toThrow(StateResolutionProviderError);
  });
});

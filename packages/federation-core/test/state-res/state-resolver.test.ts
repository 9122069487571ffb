// A StateResolver keeps the auth events of the unconflicted events it read: its later
// resolutions must give what resolveState gives, whatever changed in between (keys
// dropped, added or moved, sets swapped, events that arrive late), and must not read
// again the unconflicted events whose auth events it kept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoomEvent, StateKey, StateResolutionProvider } from '@maxtryx/federation-core';
import { createStateResolver, resolveState, stateKeyOf } from '@maxtryx/federation-core';
import { randomRoom, rng } from './random-room.js';
import type { CompactEvent } from './room-builder.js';
import { buildEvents, entries, MemoryProvider, stateOf } from './room-builder.js';

/** A provider over a map that may change between resolutions, answering a list, or a list and `getAuthEventIds`. */
function listProvider(events: ReadonlyMap<string, RoomEvent>, indexed: boolean): StateResolutionProvider & { asked: number } {
  const provider = {
    asked: 0,
    getEvents(ids: readonly string[]) {
      provider.asked += ids.length;
      return ids.map((id) => events.get(id));
    },
    getAuthEventIds: indexed
      ? (ids: readonly string[]) => {
          provider.asked += ids.length;
          return ids.map((id) => events.get(id)?.auth_events as string[] | undefined);
        }
      : undefined,
  };
  return provider;
}

/** A copy of a state map changed by one edit: a key dropped, or moved to the end. */
function edited(state: Map<StateKey, string>, edit: { kind: 'drop' | 'move' | 'none'; at: number }): Map<StateKey, string> {
  const out = new Map(state);
  const keys = [...out.keys()];
  const key = keys[edit.at % keys.length];
  if (key === undefined || edit.kind === 'none') return out;
  const id = out.get(key)!;
  out.delete(key);
  if (edit.kind === 'move') out.set(key, id);
  return out;
}

describe('StateResolver', () => {
  it('gives what resolveState gives, resolution after resolution, as the state sets change', async () => {
    const step = fc.record({
      sets: fc.uniqueArray(fc.nat({ max: 3 }), { minLength: 2, maxLength: 3 }),
      edit: fc.record({ kind: fc.constantFrom('drop' as const, 'move' as const, 'none' as const), at: fc.nat() }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          rv: fc.constantFrom('2', '6', '10', '11', '12'),
          seed: fc.nat(),
          length: fc.integer({ min: 1, max: 14 }),
          includeSelf: fc.boolean(),
          indexed: fc.boolean(),
          late: fc.integer({ min: 0, max: 2 }),
          steps: fc.array(step, { minLength: 2, maxLength: 6 }),
        }),
        async ({ rv, seed, length, includeSelf, indexed, late, steps }) => {
          const room = randomRoom(rv, seed, 4, length);
          // A few events (never the create event) arrive only after the first resolution.
          const events = new Map(room.events);
          const ids = [...events.keys()];
          const random = rng(seed ^ 0x1a7e);
          const held = new Map<string, RoomEvent>();
          for (let i = 0; i < late; i++) {
            const id = ids[1 + Math.floor(random() * (ids.length - 1))]!;
            if (events.has(id)) held.set(id, events.get(id)!);
            events.delete(id);
          }
          const options = { authChainsIncludeStateEvents: includeSelf };
          const resolver = createStateResolver(rv, listProvider(events, indexed), options);
          for (const [i, { sets, edit }] of steps.entries()) {
            if (i === 1) for (const [id, e] of held) events.set(id, e);
            const stateSets = sets.map((b, k) => (k === 0 ? edited(room.branches[b % room.branches.length]!, edit) : room.branches[b % room.branches.length]!));
            const want = await resolveState(rv, stateSets, new MemoryProvider(events), options).then(entries, (e: unknown) => e);
            const got = await resolver.resolve(stateSets).then(entries, (e: unknown) => e);
            expect(got).toEqual(want);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not read again the unconflicted events it read, even with some keys changed or moved', async () => {
    for (const indexed of [false, true]) {
      const room = randomRoom('10', 11, 2, 10);
      // 200 more unconflicted state events, each citing the create event, power levels and its sender's join.
      const events = new Map(room.events);
      const [a, b] = room.branches as [Map<StateKey, string>, Map<StateKey, string>];
      const create = events.get(a.get(stateKeyOf('m.room.create', ''))!)!;
      const auth = [create.event_id, a.get(stateKeyOf('m.room.power_levels', ''))!, a.get(stateKeyOf('m.room.member', create.sender))!];
      const first = new Map(a);
      const second = new Map(b);
      for (let i = 0; i < 200; i++) {
        const id = `$extra-${i}`;
        events.set(id, { ...create, event_id: id, type: 'org.example.extra', state_key: `k${i}`, content: { i }, auth_events: auth, prev_events: [] });
        first.set(stateKeyOf('org.example.extra', `k${i}`), id);
        second.set(stateKeyOf('org.example.extra', `k${i}`), id);
      }
      const provider = listProvider(events, indexed);
      const resolver = createStateResolver('10', provider);
      const want = entries(await resolveState('10', [first, second], new MemoryProvider(events)));
      expect(entries(await resolver.resolve([first, second]))).toEqual(want);
      const afterFirst = provider.asked;
      expect(afterFirst).toBeGreaterThan(200);
      // The same sets again: nothing is read.
      expect(entries(await resolver.resolve([first, second]))).toEqual(want);
      expect(provider.asked).toBe(afterFirst);
      // One extra key dropped from the first set (now conflicted) and one moved to the end:
      // the moved one is read again, the others are not.
      const changed = new Map(first);
      changed.delete(stateKeyOf('org.example.extra', 'k50'));
      changed.delete(stateKeyOf('org.example.extra', 'k100'));
      changed.set(stateKeyOf('org.example.extra', 'k100'), '$extra-100');
      const wantChanged = entries(await resolveState('10', [changed, second], new MemoryProvider(events)));
      expect(entries(await resolver.resolve([changed, second]))).toEqual(wantChanged);
      expect(provider.asked - afterFirst).toBeGreaterThan(0);
      expect(provider.asked - afterFirst).toBeLessThan(10);
    }
  });

  it('reaches the auth events of an unconflicted event kept from the last resolution, and not those of the one it replaced', async () => {
    // Bob's topic was sent under power levels that gave him 50 ($pl-high); the unconflicted
    // power levels ($pl-low, cited by the unconflicted $x) give him 0. $pl-high is in the auth
    // difference, hence applied before the topics are checked and Bob's topic comes last in
    // mainline order, unless an unconflicted event cites it ($e-high does, $e-old does not):
    // then Bob's topic is rejected and Alice's stays.
    const A = '@alice:example.com';
    const B = '@bob:example.com';
    const ev = (id: string, type: string, stateKey: string, sender: string, content: CompactEvent['content'], auth: string[], ts: number): CompactEvent => ({
      id,
      type,
      state_key: stateKey,
      sender,
      content,
      auth,
      prev: [],
      ts,
    });
    const events = buildEvents('10', [
      ev('$create', 'm.room.create', '', A, {}, [], 1),
      ev('$alice', 'm.room.member', A, A, { membership: 'join' }, ['$create'], 2),
      ev('$pl-base', 'm.room.power_levels', '', A, { users: { [A]: 100 } }, ['$create', '$alice'], 3),
      ev('$jr', 'm.room.join_rules', '', A, { join_rule: 'public' }, ['$create', '$alice', '$pl-base'], 4),
      ev('$bob', 'm.room.member', B, B, { membership: 'join' }, ['$create', '$pl-base', '$jr'], 5),
      ev('$pl-high', 'm.room.power_levels', '', A, { users: { [A]: 100, [B]: 50 } }, ['$create', '$alice', '$pl-base'], 6),
      ev('$pl-low', 'm.room.power_levels', '', A, { users: { [A]: 100 } }, ['$create', '$alice', '$pl-base'], 7),
      ev('$x', 'org.example.x', '', A, {}, ['$create', '$alice', '$pl-low'], 8),
      ev('$e-old', 'org.example.e', '', A, { v: 1 }, ['$create', '$alice', '$pl-base'], 8),
      ev('$e-high', 'org.example.e', '', A, { v: 2 }, ['$create', '$alice', '$pl-high'], 9),
      ev('$topic-bob', 'm.room.topic', '', B, { topic: 'bob' }, ['$create', '$bob', '$pl-high'], 10),
      ev('$topic-alice', 'm.room.topic', '', A, { topic: 'alice' }, ['$create', '$alice', '$pl-low'], 11),
    ]);
    const common = ['$create', '$alice', '$pl-low', '$jr', '$bob', '$x'];
    const setsWith = (e: string): Map<StateKey, string>[] => [
      stateOf(events, [...common, e, '$topic-bob']),
      stateOf(events, [...common, e, '$topic-alice']),
    ];
    const topic = stateKeyOf('m.room.topic', '');
    for (const indexed of [false, true]) {
      const resolver = createStateResolver('10', listProvider(events, indexed));
      for (const [e, winner] of [
        ['$e-old', '$topic-bob'],
        ['$e-high', '$topic-alice'], // $e-high replaced $e-old at the same place
        ['$e-high', '$topic-alice'], // $e-high kept from the last resolution
        ['$e-old', '$topic-bob'],
      ] as const) {
        const fresh = await resolveState('10', setsWith(e), new MemoryProvider(events));
        expect(fresh.get(topic)).toBe(winner);
        expect(entries(await resolver.resolve(setsWith(e)))).toEqual(entries(fresh));
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { RoomEvent } from '@maxtryx/federation-core';
import {
  AuthEventCycleError,
  EventRoomMismatchError,
  MalformedEventError,
  MissingStateEventsError,
  resolveState,
  StateResolutionProviderError,
  stateKeyOf,
  UnsupportedRoomVersionError,
} from '@maxtryx/federation-core';
import type { CompactEvent } from './room-builder.js';
import { buildEvents, entries, MemoryProvider, stateOf } from './room-builder.js';

const A = '@alice:example.com';
const B = '@bob:example.com';
const C = '@charlie:example.com';
const ev = (id: string, type: string, stateKey: string, sender: string, content: Record<string, unknown>, auth: string[], ts: number): CompactEvent => ({
  id,
  type,
  state_key: stateKey,
  sender,
  content: content as CompactEvent['content'],
  auth,
  prev: auth.slice(-1),
  ts,
});
// Concurrent joins of Bob and Charlie in a public room (no power levels event).
const joins = [
  ev('$create', 'm.room.create', '', A, {}, [], 0),
  ev('$ma', 'm.room.member', A, A, { membership: 'join' }, ['$create'], 1),
  ev('$jr', 'm.room.join_rules', '', A, { join_rule: 'public' }, ['$create', '$ma'], 2),
  ev('$mb', 'm.room.member', B, B, { membership: 'join' }, ['$create', '$jr'], 3),
  ev('$mc', 'm.room.member', C, C, { membership: 'join' }, ['$create', '$jr'], 4),
];
const setup = (rv = '10') => {
  const events = buildEvents(rv, joins);
  const sets = [stateOf(events, ['$create', '$ma', '$jr', '$mb']), stateOf(events, ['$create', '$ma', '$jr', '$mc'])];
  return { events, sets };
};

describe('bad input', () => {
  it('an unknown room version is refused', async () => {
    const { events, sets } = setup();
    await expect(resolveState('org.example.custom', sets, new MemoryProvider(events))).rejects.toThrow(UnsupportedRoomVersionError);
  });

  it('no state sets give an empty state; one gives a copy of it', async () => {
    const { events, sets } = setup();
    expect((await resolveState('10', [], new MemoryProvider(events))).size).toBe(0);
    const one = await resolveState('10', [sets[0]!], new MemoryProvider(events));
    expect(one).not.toBe(sets[0]);
    expect(entries(one)).toEqual(entries(sets[0]!));
  });

  it('an event of another room is refused', async () => {
    const { events, sets } = setup();
    const foreign = new Map(events);
    foreign.set('$mc', { ...events.get('$mc')!, room_id: '!other:example.com' });
    await expect(resolveState('10', sets, new MemoryProvider(foreign))).rejects.toThrow(EventRoomMismatchError);
    await expect(resolveState('10', sets, new MemoryProvider(events), { roomId: '!other:example.com' })).rejects.toThrow(EventRoomMismatchError);
  });

  it('a provider returning another event than asked for is refused', async () => {
    const { events, sets } = setup();
    const wrong = new Map(events);
    wrong.set('$mc', events.get('$mb')!);
    await expect(resolveState('10', sets, new MemoryProvider(wrong))).rejects.toThrow(StateResolutionProviderError);
  });

  it('a map answering another event for an unconflicted event that no other event cites is refused', async () => {
    // The topic is in both sets and outside every conflicted event's auth chain: it is read
    // only by the walk over the unconflicted events, which reads a map answer in its order.
    const events = buildEvents('10', [...joins, ev('$topic', 'm.room.topic', '', A, { topic: 't' }, ['$create', '$ma'], 5)]);
    const sets = [stateOf(events, ['$create', '$ma', '$jr', '$topic', '$mb']), stateOf(events, ['$create', '$ma', '$jr', '$topic', '$mc'])];
    expect((await resolveState('10', sets, new MemoryProvider(events))).get(stateKeyOf('m.room.topic', ''))).toBe('$topic');
    const wrong = new Map(events);
    wrong.set('$topic', events.get('$jr')!);
    await expect(resolveState('10', sets, new MemoryProvider(wrong))).rejects.toThrow(StateResolutionProviderError);
  });

  it('malformed auth_events or origin_server_ts give MalformedEventError', async () => {
    const { events, sets } = setup();
    const bad = new Map(events);
    bad.set('$mc', { ...events.get('$mc')!, auth_events: 'nope' } as unknown as RoomEvent);
    await expect(resolveState('10', sets, new MemoryProvider(bad))).rejects.toThrow(MalformedEventError);
    const badTs = new Map(events);
    badTs.set('$mc', { ...events.get('$mc')!, origin_server_ts: 'soon' } as unknown as RoomEvent);
    await expect(resolveState('10', sets, new MemoryProvider(badTs))).rejects.toThrow(MalformedEventError);
  });

  it('missing conflicted events are left out, or reported with missingEvents: throw', async () => {
    const { events, sets } = setup();
    const partial = new Map(events);
    partial.delete('$mc');
    const resolved = await resolveState('10', sets, new MemoryProvider(partial));
    expect(resolved.get(stateKeyOf('m.room.member', B))).toBe('$mb');
    expect(resolved.has(stateKeyOf('m.room.member', C))).toBe(false);
    const err = await resolveState('10', sets, new MemoryProvider(partial), { missingEvents: 'throw' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingStateEventsError);
    expect((err as MissingStateEventsError).eventIds).toEqual(['$mc']);
  });

  it('a cycle of auth events (possible with v1/v2 event IDs) gives AuthEventCycleError, not a hang', async () => {
    const { events, sets } = setup('2');
    const cyclic = new Map(events);
    const jr = events.get('$jr')!;
    // $jr now cites $mb, which cites $jr.
    cyclic.set('$jr', { ...jr, auth_events: [...jr.auth_events, ['$mb', { sha256: 'AAAA' }]] });
    await expect(resolveState('2', sets, new MemoryProvider(cyclic))).rejects.toThrow(AuthEventCycleError);
  });

  it('a cycle of power levels in a mainline gives AuthEventCycleError', async () => {
    const events = buildEvents('2', [
      ev('$create', 'm.room.create', '', A, {}, [], 0),
      ev('$ma', 'm.room.member', A, A, { membership: 'join' }, ['$create'], 1),
      ev('$p1', 'm.room.power_levels', '', A, {}, ['$create', '$ma'], 2),
      ev('$p2', 'm.room.power_levels', '', A, {}, ['$create', '$ma', '$p1'], 3),
      ev('$t1', 'm.room.topic', '', A, {}, ['$create', '$ma', '$p2'], 4),
      ev('$t2', 'm.room.topic', '', A, {}, ['$create', '$ma', '$p2'], 5),
    ]);
    const cyclic = new Map(events);
    const p1 = events.get('$p1')!;
    cyclic.set('$p1', { ...p1, auth_events: [...p1.auth_events, ['$p2', { sha256: 'AAAA' }]] });
    const sets = [stateOf(events, ['$create', '$ma', '$p2', '$t1']), stateOf(events, ['$create', '$ma', '$p2', '$t2'])];
    await expect(resolveState('2', sets, new MemoryProvider(cyclic))).rejects.toThrow(AuthEventCycleError);
  });
});

describe('providers', () => {
  it('an asynchronous provider gives the same result, asked in batches', async () => {
    const { events, sets } = setup();
    const sync = new MemoryProvider(events);
    const expected = await resolveState('10', sets, sync);
    let calls = 0;
    const resolved = await resolveState('10', sets, async (ids) => {
      calls++;
      await new Promise((r) => setTimeout(r, 1));
      return sync.getEvents(ids);
    });
    expect(entries(resolved)).toEqual(entries(expected));
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThanOrEqual(sync.calls);
    expect(entries(expected)).toEqual(entries(stateOf(events, ['$create', '$ma', '$jr', '$mb', '$mc'])));
  });

  it('rejected events are not used as auth events in the iterative auth checks', async () => {
    for (const rv of ['10', '12']) {
      const events = buildEvents(rv, joins);
      const sets = [stateOf(events, ['$create', '$ma', '$jr', '$mb']), stateOf(events, ['$create', '$ma', '$jr', '$mc'])];
      const ok = await resolveState(rv, sets, new MemoryProvider(events));
      expect(ok.get(stateKeyOf('m.room.member', B))).toBe('$mb');
      // With the join rules rejected, neither concurrent join is allowed (the room is invite-only by default).
      const rejected = await resolveState(rv, sets, new MemoryProvider(events, new Set(['$jr'])));
      expect(rejected.has(stateKeyOf('m.room.member', B))).toBe(false);
      expect(rejected.has(stateKeyOf('m.room.member', C))).toBe(false);
      expect(rejected.get(stateKeyOf('m.room.join_rules', ''))).toBe('$jr'); // unconflicted state is kept
    }
  });

  it('the provider fast paths (auth difference, conflicted subgraph) give the same result', async () => {
    const { events, sets } = setup('12');
    const plain = new MemoryProvider(events);
    const expected = await resolveState('12', sets, plain);
    const fast = Object.assign(new MemoryProvider(events), {
      getAuthChainDifference: () => new Set<string>(),
      getConflictedStateSubgraph: (c: ReadonlySet<string>) => c,
    });
    expect(entries(await resolveState('12', sets, fast))).toEqual(entries(expected));
  });
});

describe('createStateResolver', () => {
  it('gives the same results as resolveState across resolutions, and asks again for events that were missing', async () => {
    const { createStateResolver } = await import('@maxtryx/federation-core');
    const { events, sets } = setup('10');
    const available = new Map(events);
    available.delete('$mc');
    const provider = new MemoryProvider(available);
    const resolver = createStateResolver('10', provider);
    const first = await resolver.resolve(sets);
    expect(first.has(stateKeyOf('m.room.member', C))).toBe(false);
    const askedAfterFirst = provider.asked;
    expect(resolver.size).toBeGreaterThan(0);
    // The event arrives; the next resolution sees it.
    available.set('$mc', events.get('$mc')!);
    const second = await resolver.resolve(sets);
    expect(entries(second)).toEqual(entries(await resolveState('10', sets, new MemoryProvider(events))));
    expect(second.get(stateKeyOf('m.room.member', C))).toBe('$mc');
    // Only what was missing was asked for again, and nothing the third time.
    expect(provider.asked - askedAfterFirst).toBe(1);
    const askedAfterSecond = provider.asked;
    const third = await resolver.resolve([sets[1]!, sets[0]!]);
    expect(entries(third)).toEqual(entries(second));
    expect(provider.asked).toBe(askedAfterSecond);
  });
});

import { describe, expect, it } from 'vitest';

import {
  applyIterativeAuthChecks,
  AuthEventCycleError,
  computeAuthDifference,
  conflictedStateSubgraph,
  isPowerEvent,
  lexicographicalTopologicalSort,
  mainlineOrder,
  reverseTopologicalPowerOrder,
  splitConflictedState,
  splitConflictedStateV1,
  stateKeyOf,
} from '@maxtryx/federation-core';
import type { CompactEvent } from './room-builder.js';
import { buildEvents, MemoryProvider, stateOf } from './room-builder.js';

const A = '@alice:example.com';
const B = '@bob:example.com';
const C = '@charlie:example.com';
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const ev = (id: string, type: string, stateKey: string | undefined, sender: string, content: Record<string, unknown>, auth: string[], ts: number): CompactEvent => ({
  id,
  type,
  ...(stateKey === undefined ? {} : { state_key: stateKey }),
  sender,
  content: content as CompactEvent['content'],
  auth,
  prev: auth.slice(0, 1),
  ts,
});

describe('lexicographicalTopologicalSort', () => {
  it('orders pointed-to nodes first, smallest first among the available (Synapse LexicographicalTestCase)', () => {
    const graph = new Map([
      ['l', ['o']],
      ['m', ['n', 'o']],
      ['n', ['o']],
      ['o', []],
      ['p', ['o']],
    ]);
    expect(lexicographicalTopologicalSort(graph, byString)).toEqual(['o', 'l', 'n', 'm', 'p']);
    // Reversing the comparison changes only the choice among available nodes.
    expect(lexicographicalTopologicalSort(graph, (a, b) => byString(b, a))).toEqual(['o', 'p', 'n', 'm', 'l']);
  });

  it('includes nodes that are only pointed to, and throws on a cycle', () => {
    expect(lexicographicalTopologicalSort(new Map([['a', ['b']]]), byString)).toEqual(['b', 'a']);
    expect(() => lexicographicalTopologicalSort(new Map([['a', ['b']], ['b', ['a']]]), byString)).toThrow(AuthEventCycleError);
  });
});

describe('splitting state sets', () => {
  const k = (t: string) => stateKeyOf(t, '');
  const s1 = new Map([[k('a'), '$1'], [k('b'), '$2'], [k('c'), '$3']]);
  const s2 = new Map([[k('a'), '$1'], [k('b'), '$9']]);

  it('v2: a key missing from one set is conflicted', () => {
    const { unconflicted, conflicted } = splitConflictedState([s1, s2]);
    expect([...unconflicted]).toEqual([[k('a'), '$1']]);
    expect(conflicted.get(k('b'))).toEqual(new Set(['$2', '$9']));
    expect(conflicted.get(k('c'))).toEqual(new Set(['$3']));
    expect(splitConflictedState([s2, s1]).conflicted.get(k('c'))).toEqual(new Set(['$3']));
  });

  it('v1: a key missing from one set is not a conflict', () => {
    const { unconflicted, conflicted } = splitConflictedStateV1([s1, s2]);
    expect(unconflicted.get(k('c'))).toBe('$3');
    expect([...conflicted.keys()]).toEqual([k('b')]);
  });
});

describe('isPowerEvent', () => {
  const member = (sender: string, target: string, membership: string) => ({ type: 'm.room.member', state_key: target, sender, content: { membership } });
  it('follows the spec and what servers compute', () => {
    expect(isPowerEvent({ type: 'm.room.power_levels', state_key: '', sender: A, content: {} })).toBe(true);
    expect(isPowerEvent({ type: 'm.room.join_rules', state_key: '', sender: A, content: {} })).toBe(true);
    expect(isPowerEvent({ type: 'm.room.create', state_key: '', sender: A, content: {} })).toBe(true);
    expect(isPowerEvent({ type: 'm.room.power_levels', state_key: 'x', sender: A, content: {} })).toBe(false);
    expect(isPowerEvent(member(A, B, 'ban'))).toBe(true);
    expect(isPowerEvent(member(A, B, 'leave'))).toBe(true);
    expect(isPowerEvent(member(B, B, 'leave'))).toBe(false);
    expect(isPowerEvent(member(A, B, 'invite'))).toBe(false);
    expect(isPowerEvent({ type: 'm.room.topic', state_key: '', sender: A, content: {} })).toBe(false);
  });
});

describe('auth difference', () => {
  // Chains of Synapse's AuthChainDifferenceTestCase: A <- B <- C <- D, and E citing C and B.
  const chain: CompactEvent[] = [
    ev('$create', 'm.room.create', '', A, {}, [], 0),
    ev('$A', 'a', '', A, {}, [], 1),
    ev('$B', 'b', '', A, {}, ['$A'], 2),
    ev('$C', 'c', '', A, {}, ['$B'], 3),
    ev('$D', 'd', '', A, {}, ['$C'], 4),
    ev('$E', 'e', '', A, {}, ['$C', '$B'], 5),
  ];
  const events = buildEvents('10', chain);
  const provider = new MemoryProvider(events);
  const sets = (...groups: string[][]) => groups.map((ids) => stateOf(events, ids));

  it("an event's auth chain excludes the event itself (spec reading)", async () => {
    expect(await computeAuthDifference('10', sets(['$A', '$B'], ['$C']), provider)).toEqual(new Set(['$B']));
    expect(await computeAuthDifference('10', sets(['$A', '$B', '$E'], ['$C', '$D']), provider)).toEqual(new Set());
  });

  it('Synapse reading: the state events count too (its test expectations)', async () => {
    const opts = { authChainsIncludeStateEvents: true };
    expect(await computeAuthDifference('10', sets(['$A', '$B'], ['$C']), provider, opts)).toEqual(new Set(['$C']));
    expect(await computeAuthDifference('10', sets(['$A', '$B', '$E'], ['$C', '$D']), provider, opts)).toEqual(new Set(['$D', '$E']));
  });

  it('more than 32 state sets (several bit words)', async () => {
    const many = Array.from({ length: 40 }, (_, i) => (i === 33 ? ['$D'] : ['$C']));
    expect(await computeAuthDifference('10', sets(...many), provider)).toEqual(new Set(['$C']));
  });
});

describe('conflicted state subgraph', () => {
  const events = buildEvents('12', [
    ev('$create', 'm.room.create', '', A, {}, [], 0),
    ev('$p1', 'm.room.power_levels', '', A, {}, [], 1),
    ev('$p2', 'm.room.power_levels', '', A, {}, ['$p1'], 2),
    ev('$p3', 'm.room.power_levels', '', A, {}, ['$p2'], 3),
    ev('$x', 'x', '', A, {}, ['$p2'], 4),
  ]);
  it('holds every event on a path between conflicted events, and no other', async () => {
    const provider = new MemoryProvider(events);
    expect(await conflictedStateSubgraph('12', ['$p3', '$p1'], provider)).toEqual(new Set(['$p3', '$p2', '$p1']));
    expect(await conflictedStateSubgraph('12', ['$x', '$p3'], provider)).toEqual(new Set(['$x', '$p3']));
  });
});

describe('orderings', () => {
  const events = buildEvents('10', [
    ev('$create', 'm.room.create', '', A, {}, [], 0),
    ev('$ma', 'm.room.member', A, A, { membership: 'join' }, [], 1),
    ev('$pl1', 'm.room.power_levels', '', A, { users: { [A]: 100, [B]: 50 } }, ['$ma'], 2),
    ev('$mb', 'm.room.member', B, B, { membership: 'join' }, ['$pl1'], 3),
    ev('$mc', 'm.room.member', C, C, { membership: 'join' }, ['$pl1'], 3),
    ev('$pl2', 'm.room.power_levels', '', A, { users: { [A]: 100, [B]: 50 } }, ['$pl1', '$ma'], 4),
    // Concurrent power events of Bob (50) and Charlie (0) and Alice (100), Bob's first in time.
    ev('$jr-b', 'm.room.join_rules', '', B, { join_rule: 'invite' }, ['$pl1', '$mb'], 5),
    ev('$jr-c', 'm.room.join_rules', '', C, { join_rule: 'invite' }, ['$pl1', '$mc'], 5),
    ev('$jr-a', 'm.room.join_rules', '', A, { join_rule: 'invite' }, ['$pl1', '$ma'], 9),
    ev('$t1', 'm.room.topic', '', B, {}, ['$pl1', '$mb'], 7),
    ev('$t2', 'm.room.topic', '', B, {}, ['$pl2', '$mb'], 6),
    ev('$t3', 'm.room.topic', '', B, {}, ['$mb'], 8),
  ]);
  const provider = new MemoryProvider(events);

  it('reverse topological power ordering: auth events first, then greater power, then ts, then ID', async () => {
    expect(await reverseTopologicalPowerOrder('10', ['$jr-c', '$jr-b', '$jr-a'], provider)).toEqual(['$jr-a', '$jr-b', '$jr-c']);
    // $pl1 is an auth event of all of them, so it comes first whatever its power.
    expect(await reverseTopologicalPowerOrder('10', ['$jr-c', '$pl1', '$jr-a', '$mb'], provider)).toEqual(['$pl1', '$jr-a', '$mb', '$jr-c']);
  });

  it('mainline ordering: older mainline position first, ∞ first of all, then ts', async () => {
    // Mainline of $pl2: [$pl2, $pl1]. $t1 cites $pl1 (position 1), $t2 cites $pl2 (0), $t3 cites none (∞).
    expect(await mainlineOrder('10', ['$t2', '$t1', '$t3'], '$pl2', provider)).toEqual(['$t3', '$t1', '$t2']);
    // Without a power-levels event every position is ∞: by timestamp.
    expect(await mainlineOrder('10', ['$t3', '$t1', '$t2'], undefined, provider)).toEqual(['$t2', '$t1', '$t3']);
  });

  it('iterative auth checks apply what is allowed and ignore the rest', async () => {
    const start = stateOf(events, ['$create', '$ma', '$pl1', '$mb']);
    const out = await applyIterativeAuthChecks('10', start, ['$jr-b', '$jr-c', '$t1'], provider);
    // Bob (50) reaches state_default 50; Charlie is not joined in this state.
    expect(out.get(stateKeyOf('m.room.join_rules', ''))).toBe('$jr-b');
    expect(out.get(stateKeyOf('m.room.topic', ''))).toBe('$t1');
    expect(start.has(stateKeyOf('m.room.topic', ''))).toBe(false);
    // From an empty state, Charlie's membership comes from his event's auth events? No: $mc is not among them.
    const fromEmpty = await applyIterativeAuthChecks('10', new Map(), ['$jr-c'], provider);
    expect(fromEmpty.size).toBe(0);
  });
});


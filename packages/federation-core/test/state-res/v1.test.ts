import { sha1 } from '@noble/hashes/legacy.js';
import { describe, expect, it } from 'vitest';
import { resolveState, stateKeyOf } from '@maxtryx/federation-core';
import type { CompactEvent } from './room-builder.js';
import { buildEvents, MemoryProvider, stateOf } from './room-builder.js';

const A = '@alice:example.com';
const B = '@bob:example.com';
const C = '@charlie:example.com';
const ev = (id: string, type: string, stateKey: string, sender: string, content: Record<string, unknown>, auth: string[], prev: string[], ts: number): CompactEvent => ({
  id,
  type,
  state_key: stateKey,
  sender,
  content: content as CompactEvent['content'],
  auth,
  prev,
  ts,
});
const base = [
  ev('$create:x', 'm.room.create', '', A, {}, [], [], 0),
  ev('$ma:x', 'm.room.member', A, A, { membership: 'join' }, [], ['$create:x'], 1),
  ev('$p1:x', 'm.room.power_levels', '', A, { users: { [A]: 100, [B]: 50 } }, ['$ma:x'], ['$ma:x'], 2),
  ev('$jr:x', 'm.room.join_rules', '', A, { join_rule: 'public' }, ['$ma:x', '$p1:x'], ['$p1:x'], 3),
  ev('$mb:x', 'm.room.member', B, B, { membership: 'join' }, ['$p1:x', '$jr:x'], ['$jr:x'], 4),
];
const common = ['$create:x', '$ma:x', '$jr:x', '$mb:x'];
const hex = (id: string) => Buffer.from(sha1(new TextEncoder().encode(id))).toString('hex');

describe('state resolution v1 (room v1)', () => {
  // Alice demotes Bob on one branch; on the other Bob sets a topic, then promotes Charlie.
  const events = [
    ...base,
    ev('$p2:x', 'm.room.power_levels', '', A, { users: { [A]: 100, [B]: 0 } }, ['$ma:x', '$p1:x'], ['$mb:x'], 5),
    ev('$t1:x', 'm.room.topic', '', B, { topic: 'bob' }, ['$p1:x', '$mb:x'], ['$mb:x'], 6),
    ev('$p3:x', 'm.room.power_levels', '', B, { users: { [A]: 100, [B]: 50, [C]: 50 } }, ['$p1:x', '$mb:x'], ['$t1:x'], 7),
  ];

  it('power levels: ascending depth, each next one only if allowed; a key in one set only is no conflict', async () => {
    const built = buildEvents('1', events);
    const sets = [stateOf(built, [...common, '$p2:x']), stateOf(built, [...common, '$p3:x', '$t1:x'])];
    for (const order of [sets, [...sets].reverse()]) {
      const resolved = await resolveState('1', order, new MemoryProvider(built));
      expect(resolved.get(stateKeyOf('m.room.power_levels', ''))).toBe('$p2:x');
      expect(resolved.get(stateKeyOf('m.room.topic', ''))).toBe('$t1:x');
    }
    // The same fork in room v2: the topic is conflicted (missing on one side) and Bob's topic no longer passes.
    const v2 = buildEvents('2', events);
    const resolved2 = await resolveState('2', [stateOf(v2, [...common, '$p2:x']), stateOf(v2, [...common, '$p3:x', '$t1:x'])], new MemoryProvider(v2));
    expect(resolved2.get(stateKeyOf('m.room.power_levels', ''))).toBe('$p2:x');
    expect(resolved2.has(stateKeyOf('m.room.topic', ''))).toBe(false);
  });

  it('power levels of greater depth win when allowed', async () => {
    const built = buildEvents('1', [
      ...base,
      ev('$pa:x', 'm.room.power_levels', '', A, { users: { [A]: 100, [B]: 60 } }, ['$ma:x', '$p1:x'], ['$mb:x'], 5),
      ev('$ta:x', 'm.room.topic', '', A, {}, ['$ma:x', '$p1:x'], ['$pa:x'], 6),
      ev('$pb:x', 'm.room.power_levels', '', A, { users: { [A]: 100, [B]: 70 } }, ['$ma:x', '$p1:x'], ['$ta:x'], 7),
      ev('$pc:x', 'm.room.power_levels', '', B, { users: { [A]: 100, [B]: 50, [C]: 10 } }, ['$p1:x', '$mb:x'], ['$mb:x'], 5),
    ]);
    const sets = [stateOf(built, [...common, '$pb:x', '$ta:x']), stateOf(built, [...common, '$pc:x'])];
    const resolved = await resolveState('1', sets, new MemoryProvider(built));
    // Depth 5 ($pc) then depth 7 ($pb): Alice (100) may replace Bob's levels.
    expect(resolved.get(stateKeyOf('m.room.power_levels', ''))).toBe('$pb:x');
  });

  it('other conflicts: the highest depth, then the lowest sha1(event_id), that passes auth', async () => {
    const built = buildEvents('1', [
      ...base,
      ev('$tx:x', 'm.room.topic', '', A, { topic: 'x' }, ['$ma:x', '$p1:x'], ['$mb:x'], 5),
      ev('$ty:x', 'm.room.topic', '', A, { topic: 'y' }, ['$ma:x', '$p1:x'], ['$mb:x'], 6),
      ev('$tz:x', 'm.room.topic', '', A, { topic: 'z' }, ['$ma:x', '$p1:x'], ['$ty:x'], 7),
    ]);
    const sameDepth = [stateOf(built, [...common, '$p1:x', '$tx:x']), stateOf(built, [...common, '$p1:x', '$ty:x'])];
    const lowest = hex('$tx:x') < hex('$ty:x') ? '$tx:x' : '$ty:x';
    expect((await resolveState('1', sameDepth, new MemoryProvider(built))).get(stateKeyOf('m.room.topic', ''))).toBe(lowest);
    const deeper = [stateOf(built, [...common, '$p1:x', '$tx:x']), stateOf(built, [...common, '$p1:x', '$tz:x'])];
    expect((await resolveState('1', deeper, new MemoryProvider(built))).get(stateKeyOf('m.room.topic', ''))).toBe('$tz:x');
  });
});

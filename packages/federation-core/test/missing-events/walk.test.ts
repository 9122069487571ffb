import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backfill, getMissingEvents, type RoomEvent } from '@maxtryx/federation-core';
import { TestDag } from './dag.js';

const ROOM = '!room:a.org';
const ids = (events: RoomEvent[]) => events.map((e) => e.event_id);
const req = (latestEvents: string[], earliestEvents: string[] = [], limit = 10, minDepth = 0) => ({
  roomId: ROOM,
  latestEvents,
  earliestEvents,
  limit,
  minDepth,
});

describe('getMissingEvents', () => {
  it('walks a linear history back from latest_events, never returning them', async () => {
    const dag = new TestDag();
    dag.chain('e', 10); // $e1 .. $e10
    const { events, lookups } = await getMissingEvents(dag, req(['$e10'], ['$e6']));
    expect(ids(events)).toEqual(['$e9', '$e8', '$e7']);
    // level 0 ($e10), then $e9, $e8, $e7, then $e6 is earliest: the walk stops without asking.
    expect(lookups).toBe(4);
    expect(dag.calls).toHaveLength(4);
  });

  it('stops at the limit, including a limit of 1', async () => {
    const dag = new TestDag();
    dag.chain('e', 30);
    expect(ids((await getMissingEvents(dag, req(['$e30'], [], 1))).events)).toEqual(['$e29']);
    const { events } = await getMissingEvents(dag, req(['$e30'], [], 20));
    expect(events).toHaveLength(20);
    expect(events[19]!.event_id).toBe('$e10');
  });

  it('walks forks and merges breadth-first, each event once, newest first within a level', async () => {
    const dag = new TestDag();
    dag.add('$root', []);
    dag.add('$a1', ['$root']);
    dag.add('$b1', ['$root']);
    dag.add('$a2', ['$a1']);
    dag.add('$merge', ['$a2', '$b1']);
    const { events, lookups } = await getMissingEvents(dag, req(['$merge']));
    // level 1: $a2 (depth 3), $b1 (depth 2); level 2: $a1 ($root is reached from $b1 first); level 3: nothing new
    expect(ids(events)).toEqual(['$a2', '$b1', '$a1', '$root']);
    expect(new Set(ids(events)).size).toBe(events.length);
    expect(lookups).toBe(3);
  });

  it('returns the shared ancestor of a diamond once', async () => {
    const dag = new TestDag();
    dag.add('$top', []);
    dag.add('$l', ['$top']);
    dag.add('$r', ['$top']);
    dag.add('$bottom', ['$l', '$r']);
    expect(ids((await getMissingEvents(dag, req(['$bottom']))).events)).toEqual(['$l', '$r', '$top']);
  });

  it('asks for a very wide level in one lookup', async () => {
    const dag = new TestDag();
    dag.add('$root', []);
    const wide = Array.from({ length: 200 }, (_, i) => dag.add(`$w${String(i).padStart(3, '0')}`, ['$root']).event_id);
    dag.add('$tip', wide);
    const { events, lookups } = await getMissingEvents(dag, req(['$tip'], [], 20));
    expect(events).toHaveLength(20);
    expect(ids(events)).toEqual(wide.slice(0, 20)); // same depth: by event ID
    expect(lookups).toBe(2);
    expect(dag.calls[1]!.ids).toHaveLength(200);
  });

  it('cuts a level wider than maxLevelWidth', async () => {
    const dag = new TestDag();
    const wide = Array.from({ length: 50 }, (_, i) => dag.add(`$w${String(i).padStart(2, '0')}`, []).event_id);
    dag.add('$tip', wide);
    await getMissingEvents(dag, req(['$tip'], [], 20), { maxLevelWidth: 10 });
    expect(dag.calls[1]!.ids).toEqual(wide.slice(0, 10));
  });

  it('steps over gaps: missing events are neither returned nor followed', async () => {
    const dag = new TestDag();
    dag.add('$a', []);
    dag.add('$c', ['$missing', '$a']);
    dag.add('$d', ['$c']);
    expect(ids((await getMissingEvents(dag, req(['$d']))).events)).toEqual(['$c', '$a']);
  });

  it('terminates on cycles in malformed data', async () => {
    const dag = new TestDag();
    dag.add('$x', ['$y'], { depth: 5 });
    dag.add('$y', ['$x'], { depth: 4 });
    dag.add('$tip', ['$x'], { depth: 6 });
    const { events } = await getMissingEvents(dag, req(['$tip']));
    expect(ids(events)).toEqual(['$x', '$y']);
  });

  it('never returns nor traverses events of another room', async () => {
    const dag = new TestDag();
    dag.add('$secret-parent', [], { roomId: '!other:a.org' });
    dag.add('$secret', ['$secret-parent'], { roomId: '!other:a.org' });
    dag.add('$a', []);
    dag.add('$tip', ['$a', '$secret']);
    const { events } = await getMissingEvents(dag, req(['$tip']));
    expect(ids(events)).toEqual(['$a']);
    expect(dag.calls.every((c) => c.roomId === ROOM)).toBe(true);
    expect(dag.calls.flatMap((c) => c.ids)).not.toContain('$secret-parent');
  });

  it('drops events of another room even when the source wrongly returns them', async () => {
    const dag = new TestDag();
    dag.add('$leak', [], { roomId: '!other:a.org' });
    dag.add('$tip', ['$leak']);
    const lying = {
      getEventsInRoom: (_r: string, ids: readonly string[]) => ids.map((id) => dag.events.get(id)!).filter(Boolean),
    };
    expect((await getMissingEvents(lying, req(['$tip']))).events).toEqual([]);
  });

  it('ignores latest_events of another room', async () => {
    const dag = new TestDag();
    dag.add('$p', [], { roomId: '!other:a.org' });
    dag.add('$q', ['$p'], { roomId: '!other:a.org' });
    expect((await getMissingEvents(dag, req(['$q']))).events).toEqual([]);
  });

  it('earliest_events cut every branch they stand on', async () => {
    const dag = new TestDag();
    dag.add('$root', []);
    dag.add('$a', ['$root']);
    dag.add('$b', ['$root']);
    dag.add('$tip', ['$a', '$b']);
    expect(ids((await getMissingEvents(dag, req(['$tip'], ['$a']))).events)).toEqual(['$b', '$root']);
    expect(ids((await getMissingEvents(dag, req(['$tip'], ['$a', '$b']))).events)).toEqual([]);
  });

  it('min_depth cuts the walk and is passed to the source', async () => {
    const dag = new TestDag();
    dag.chain('e', 10);
    const { events } = await getMissingEvents(dag, req(['$e10'], [], 10, 7));
    expect(ids(events)).toEqual(['$e9', '$e8', '$e7']);
    expect(dag.calls.slice(1).every((c) => c.minDepth === 7)).toBe(true);
  });

  it('property: bounded, in-room, never latest or earliest, one lookup per level', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.nat(40), { maxLength: 4 }), { minLength: 1, maxLength: 40 }),
        fc.nat(39),
        fc.array(fc.nat(39), { maxLength: 5 }),
        fc.integer({ min: 1, max: 20 }),
        async (parents, tip, earliest, limit) => {
          const dag = new TestDag();
          parents.forEach((ps, i) =>
            dag.add(`$n${i}`, ps.filter((p) => p < i).map((p) => `$n${p}`), { roomId: i % 7 === 3 ? '!other:a.org' : ROOM }),
          );
          const latest = `$n${Math.min(tip, parents.length - 1)}`;
          const early = earliest.map((e) => `$n${e}`).filter((e) => e !== latest);
          const { events, lookups } = await getMissingEvents(dag, req([latest], [...new Set(early)], limit));
          expect(events.length).toBeLessThanOrEqual(limit);
          for (const e of events) {
            expect(e.room_id).toBe(ROOM);
            expect(e.event_id).not.toBe(latest);
            expect(early).not.toContain(e.event_id);
          }
          expect(new Set(ids(events)).size).toBe(events.length);
          expect(lookups).toBe(dag.calls.length);
        },
      ),
    );
  });
});

describe('backfill', () => {
  it('returns the given events and what precedes them, up to the limit', async () => {
    const dag = new TestDag();
    dag.chain('e', 10);
    const { events, lookups } = await backfill(dag, ROOM, ['$e10'], 3);
    expect(ids(events)).toEqual(['$e10', '$e9', '$e8']);
    expect(lookups).toBe(3);
  });

  it('walks several starting points breadth-first without repeats', async () => {
    const dag = new TestDag();
    dag.add('$root', []);
    dag.add('$a', ['$root']);
    dag.add('$b', ['$root']);
    const { events } = await backfill(dag, ROOM, ['$a', '$b'], 10);
    expect(ids(events)).toEqual(['$a', '$b', '$root']);
  });

  it('never returns events of another room, even as a starting point', async () => {
    const dag = new TestDag();
    dag.add('$other', [], { roomId: '!other:a.org' });
    dag.add('$a', ['$other']);
    expect(ids((await backfill(dag, ROOM, ['$other', '$a'], 10)).events)).toEqual(['$a']);
  });
});

// get_missing_events and backfill (federation-core's walks) over every storage adapter, on a
// room of 100,000 events: the same answers as a plain in-memory reference, one batched
// store lookup per level of the walk, nothing from another room.
//
// The embedded SurrealDB engine writes about 500 events per second here (see the package
// README), so loading 100,000 events would take several minutes of CI; it runs the same
// checks on a room of 5,000 events instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backfill, getMissingEvents } from '@maxtryx/federation-core';
import { MemoryStore, type Store } from '@maxtryx/storage-adapters';
import { SqliteStore } from '@maxtryx/storage-adapters/sqlite';
import { SurrealStore } from '@maxtryx/storage-adapters/surrealdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from './conformance/room-generator.js';
import { countingSource, generateLargeRoom, loadLargeRoom, type LargeRoom } from './missing-events/large-room.js';

const bigRoom = generateLargeRoom(100_000);
const smallRoom = generateLargeRoom(5_000);
const dir = mkdtempSync(join(tmpdir(), 'maxtryx-missing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const adapters: Array<[string, LargeRoom, () => Promise<Store>]> = [
  ['MemoryStore', bigRoom, async () => new MemoryStore()],
  ['SqliteStore', bigRoom, () => SqliteStore.open(join(dir, 'missing.sqlite'))],
  ['SurrealStore (mem://)', smallRoom, () => SurrealStore.open('mem://')],
];

/** Requests from random gaps: a latest event deep in the room, and an earliest event some way before it. */
function gaps(room: LargeRoom, n: number, seed: number) {
  const random = rng(seed);
  return Array.from({ length: n }, () => {
    const at = 1000 + Math.floor(random() * (room.ids.length - 1000));
    const gap = 1 + Math.floor(random() * 60);
    return { latest: room.ids[at]!, earliest: room.ids[at - gap]! };
  });
}

describe.each(adapters)('get_missing_events and backfill on %s', (_name, room, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await loadLargeRoom(store, room);
  }, 600_000);
  afterAll(async () => store?.close());

  it(`answers get_missing_events like the reference in a room of ${room.ids.length} events, with one lookup per level`, async () => {
    for (const [i, g] of gaps(room, 25, 1).entries()) {
      const limit = i % 5 === 0 ? 1 : 20;
      const request = { roomId: room.roomId, latestEvents: [g.latest], earliestEvents: [g.earliest], limit, minDepth: 0 };
      const source = countingSource(store);
      const got = await getMissingEvents(source, request);
      const expected = await getMissingEvents(room.reference, request);
      expect(got.events.map((e) => e.event_id)).toEqual(expected.events.map((e) => e.event_id));
      expect(got.events.length).toBeLessThanOrEqual(limit);
      expect(got.events.every((e) => e.room_id === room.roomId)).toBe(true);
      expect(got.events.map((e) => e.event_id)).not.toContain(g.latest);
      expect(got.events.map((e) => e.event_id)).not.toContain(g.earliest);
      expect(source.calls).toBe(got.lookups);
      expect(got.lookups).toBe(expected.lookups);
    }
  });

  it('honours min_depth', async () => {
    const latest = room.ids[Math.floor(room.ids.length / 2)]!;
    const request = { roomId: room.roomId, latestEvents: [latest], earliestEvents: [], limit: 20, minDepth: 0 };
    const all = await getMissingEvents(countingSource(store), request);
    const cut = all.events[9]!.depth;
    const got = await getMissingEvents(countingSource(store), { ...request, minDepth: cut });
    expect(got.events.length).toBeGreaterThan(0);
    expect(got.events.every((e) => e.depth >= cut)).toBe(true);
    expect(got.events.map((e) => e.event_id)).toEqual(all.events.filter((e) => e.depth >= cut).map((e) => e.event_id).slice(0, got.events.length));
  });

  it('answers backfill like the reference, never with events of the other room', async () => {
    for (const g of gaps(room, 10, 2)) {
      const source = countingSource(store);
      const got = await backfill(source, room.roomId, [g.latest], 20);
      const expected = await backfill(room.reference, room.roomId, [g.latest], 20);
      expect(got.events.map((e) => e.event_id)).toEqual(expected.events.map((e) => e.event_id));
      expect(got.events).toHaveLength(20);
      expect(source.calls).toBe(got.lookups);
    }
    // Asking from an event of the other room inside the large room's request gives nothing of it.
    const mixed = await backfill(countingSource(store), room.roomId, ['$other-50', room.ids[10]!], 20);
    expect(mixed.events.every((e) => e.room_id === room.roomId)).toBe(true);
    expect(mixed.events.map((e) => e.event_id)).not.toContain('$other-50');
  });
});

// get_missing_events over each storage adapter on a room of 100,000 events: requests with
// limit 20 from random gaps; per adapter, the median latency per request and the store
// calls per request (which must equal the levels walked), side by side with the memory store.
//
// Run alone: pnpm bench missing-events   (MISSING_EVENTS_ROOM=20000 for a smaller room)
// The embedded SurrealDB engine writes about 500 events/s here, so it gets a room of at most
// 5,000 events (its line says so); its latency is then not comparable in size, only in kind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getMissingEvents } from '../packages/federation-core/src/index.js';
import { MemoryStore, type Store } from '../packages/storage-adapters/src/index.js';
import { SqliteStore } from '../packages/storage-adapters/src/sqlite/index.js';
import { SurrealStore } from '../packages/storage-adapters/src/surrealdb/index.js';
import { rng } from '../packages/storage-adapters/test/conformance/room-generator.js';
import { countingSource, generateLargeRoom, loadLargeRoom } from '../packages/storage-adapters/test/missing-events/large-room.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Runs the get_missing_events benchmark. */
export async function runMissingEventsBench(): Promise<void> {
  const size = Number(process.env.MISSING_EVENTS_ROOM ?? 100_000);
  const big = generateLargeRoom(size);
  const small = generateLargeRoom(Math.min(size, 5000));
  const dir = mkdtempSync(join(tmpdir(), 'maxtryx-bench-missing-'));
  const adapters: Array<[string, typeof big, () => Promise<Store>]> = [
    ['MemoryStore', big, async () => new MemoryStore()],
    ['SqliteStore (file)', big, () => SqliteStore.open(join(dir, 'bench.sqlite'))],
    ['SurrealStore (mem://)', small, () => SurrealStore.open('mem://')],
  ];
  const requestsFor = (room: typeof big) => {
    const random = rng(3);
    return Array.from({ length: 200 }, () => {
      const at = 1000 + Math.floor(random() * (room.ids.length - 1000));
      return { roomId: room.roomId, latestEvents: [room.ids[at]!], earliestEvents: [room.ids[at - 1 - Math.floor(random() * 60)]!], limit: 20, minDepth: 0 };
    });
  };
  console.log(`\nget_missing_events, limit 20, from random gaps in a room of ${size.toLocaleString('en-US')} events (baseline: MemoryStore)`);
  let baseline = 0;
  try {
    for (const [name, room, open] of adapters) {
      const requests = requestsFor(room);
      const store = await open();
      const loadStart = performance.now();
      await loadLargeRoom(store, room);
      const loadSeconds = (performance.now() - loadStart) / 1000;
      const latencies: number[] = [];
      let calls = 0;
      let levels = 0;
      for (const request of requests) {
        const source = countingSource(store);
        const start = performance.now();
        const result = await getMissingEvents(source, request);
        latencies.push(performance.now() - start);
        calls += source.calls;
        levels += result.lookups;
      }
      await store.close();
      const ms = median(latencies);
      if (baseline === 0) baseline = ms;
      console.log(
        `  ${`${name}, ${room.ids.length.toLocaleString('en-US')} events`.padEnd(38)} median ${ms.toFixed(2).padStart(8)} ms/request  ${(ms / baseline).toFixed(1).padStart(6)}x` +
          `  store calls/request ${(calls / requests.length).toFixed(1)} (levels walked ${(levels / requests.length).toFixed(1)})` +
          `  load ${Math.round(room.inputs.length / loadSeconds).toLocaleString('en-US')} events/s`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

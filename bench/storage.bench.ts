// Storage benchmark: insert throughput (events/s, in batches) and batched lookups by ID
// (getEventsInRoom, the call get_missing_events makes per level) for every adapter, side by
// side with the memory store, with ratios against it measured in the same run. Each figure is
// the median of several rounds, the adapters interleaved within a round.
//
// Run alone: pnpm bench storage   (STORAGE_BENCH_EVENTS sets the events per round, default 10,000)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EventInput, Store } from '../packages/storage-adapters/src/index.js';
import { MemoryStore } from '../packages/storage-adapters/src/index.js';
import { SqliteStore } from '../packages/storage-adapters/src/sqlite/index.js';
import { SurrealStore } from '../packages/storage-adapters/src/surrealdb/index.js';
import { engineInsertRate } from '../packages/storage-adapters/bench/surreal-engine.js';

const events = Number(globalThis.process?.env?.['STORAGE_BENCH_EVENTS'] ?? 10_000);
const batchSize = 500;
const lookupCalls = 200;
const idsPerLookup = 100;
const rounds = 3;

/** A chain of `count` message events in one room (room version 10), with realistic sizes. */
function chainEvents(tag: string, count: number): EventInput[] {
  const roomId = `!${tag}:bench.example`;
  const out: EventInput[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      roomVersion: '10',
      eventId: `$${tag}-${i}-${'x'.repeat(32)}`,
      status: 'accepted',
      pdu: {
        type: 'm.room.message',
        sender: `@user${i % 50}:bench.example`,
        room_id: roomId,
        content: { msgtype: 'm.text', body: `message number ${i} with some text in it` },
        origin_server_ts: 1_700_000_000_000 + i,
        depth: i + 1,
        prev_events: i === 0 ? [] : [out[i - 1]!.eventId],
        auth_events: ['$create-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '$power-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '$member-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
        hashes: { sha256: 'K5FmfQ1ZuxjVxGhZ2Cq6yMjBJI5PVPS1TWsr1jqhHxA' },
        signatures: { 'bench.example': { 'ed25519:a_abc': 'E9tUR2MjiT2bg6F8g4A5C5sLpmH6l0pjGUXL2EuiRcjklwLQA5IhQdMZT6Vs3QRPn2Fv3J7PhJzOw6Sg8IYRBw' } },
      },
    });
  }
  return out;
}

interface Adapter {
  name: string;
  open: (round: number) => Promise<Store>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

async function measure(store: Store, tag: string): Promise<{ insert: number; lookup: number }> {
  const batch = chainEvents(tag, events);
  const t0 = performance.now();
  for (let i = 0; i < batch.length; i += batchSize) await store.putEvents(batch.slice(i, i + batchSize));
  const insert = (events * 1000) / (performance.now() - t0);
  const roomId = `!${tag}:bench.example`;
  let state = 12345;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648) % events;
  const t1 = performance.now();
  let found = 0;
  for (let c = 0; c < lookupCalls; c++) {
    const ids = Array.from({ length: idsPerLookup }, () => batch[next()]!.eventId);
    found += (await store.getEventsInRoom(roomId, ids, 0)).length;
  }
  const lookup = (lookupCalls * idsPerLookup * 1000) / (performance.now() - t1);
  if (found === 0) throw new Error('lookups found nothing');
  return { insert, lookup };
}

/**
 * Runs the storage benchmark in a child process (the embedded SurrealDB engine keeps a process
 * alive after close, which would stop `pnpm bench` from ending) and relays its table.
 */
export async function runStorageBench(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--measure'], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`storage benchmark failed with exit code ${code}`))));
  });
}

/** Measures every adapter and prints a table with ratios against the memory store. */
async function measureAll(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'maxtryx-bench-'));
  const adapters: Adapter[] = [
    { name: 'MemoryStore (baseline)', open: async () => new MemoryStore() },
    { name: 'SqliteStore file, WAL, synchronous=FULL', open: (r) => SqliteStore.open(join(dir, `full${r}.sqlite`)) },
    { name: 'SqliteStore file, WAL, synchronous=NORMAL', open: (r) => SqliteStore.open(join(dir, `normal${r}.sqlite`), { synchronous: 'normal' }) },
    { name: 'SqliteStore :memory:', open: () => SqliteStore.open(':memory:') },
    { name: 'SurrealStore mem:// (embedded)', open: () => SurrealStore.open('mem://') },
    { name: 'SurrealStore surrealkv:// (embedded)', open: (r) => SurrealStore.open(`surrealkv://${join(dir, `kv${r}`)}`) },
  ];
  const samples = adapters.map(() => ({ insert: [] as number[], lookup: [] as number[] }));
  const ceilings = { mem: [] as number[], kv: [] as number[] };
  try {
    for (let r = 0; r < rounds; r++) {
      const rows = chainEvents(`c${r}`, events);
      ceilings.mem.push(await engineInsertRate('mem://', rows, batchSize));
      ceilings.kv.push(await engineInsertRate(`surrealkv://${join(dir, `ceiling${r}`)}`, rows, batchSize));
      for (const [i, a] of adapters.entries()) {
        const store = await a.open(r);
        try {
          const m = await measure(store, `r${r}`);
          samples[i]!.insert.push(m.insert);
          samples[i]!.lookup.push(m.lookup);
        } finally {
          await store.close();
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows = adapters.map((a, i) => ({ name: a.name, insert: median(samples[i]!.insert), lookup: median(samples[i]!.lookup) }));
  const base = rows[0]!;
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.log(`\nstorage: ${events.toLocaleString('en-US')} events in batches of ${batchSize}; ${lookupCalls} getEventsInRoom calls of ${idsPerLookup} IDs; median of ${rounds} rounds`);
  console.log(`  ${'adapter'.padEnd(44)} ${'insert events/s'.padStart(16)} ${'ratio'.padStart(7)} ${'lookup IDs/s'.padStart(14)} ${'ratio'.padStart(7)}`);
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(44)} ${fmt(r.insert).padStart(16)} ${(r.insert / base.insert).toFixed(3).padStart(7)} ${fmt(r.lookup).padStart(14)} ${(r.lookup / base.lookup).toFixed(3).padStart(7)}`,
    );
  }
  console.log('  the SurrealDB engine alone (bare event rows, same fields and indexes, no edges or checks):');
  for (const [name, xs] of [['mem://', ceilings.mem], ['surrealkv://', ceilings.kv]] as const) {
    console.log(`  ${`  engine INSERT only, ${name}`.padEnd(44)} ${fmt(median(xs)).padStart(16)} ${(median(xs) / base.insert).toFixed(3).padStart(7)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--measure')) {
    await measureAll();
    process.exit(0);
  } else await runStorageBench();
}

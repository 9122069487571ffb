// Durability: a child process writing batches is killed with SIGKILL; after reopening, every
// batch it reported committed is there, and no batch is half there. Also two processes writing
// one SQLite file at the same time.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stateKeyOf } from '@maxtryx/federation-core';
import type { Store } from '@maxtryx/storage-adapters';
import { SqliteStore } from '@maxtryx/storage-adapters/sqlite';
import { SurrealStore } from '@maxtryx/storage-adapters/surrealdb';
import { afterAll, describe, expect, it } from 'vitest';
import { batchSize, durableBatch } from './fixtures/durable-writer.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const writer = join(here, 'fixtures', 'durable-writer.ts');
const tsxEsm = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
const dir = mkdtempSync(join(tmpdir(), 'maxtryx-durable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  committed: number[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the writer; with `killAfter`, SIGKILLs it as soon as it has reported that many commits. */
function runWriter(kind: 'sqlite' | 'surrealkv', path: string, tag: string, opts: { killAfter?: number; batches?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const args = ['--import', tsxEsm, '--conditions=@maxtryx/source', writer, kind, path, tag];
    if (opts.batches !== undefined) args.push(String(opts.batches));
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: number[] = [];
    let buf = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const m = /^committed (\d+)$/.exec(line);
        if (m) committed.push(Number(m[1]));
        if (opts.killAfter !== undefined && committed.length === opts.killAfter) child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ committed, code, signal, stderr }));
  });
}

async function checkAllOrNothing(store: Store, tag: string, committed: number[]): Promise<number> {
  const last = committed.length === 0 ? -1 : Math.max(...committed);
  let complete = 0;
  // Batches beyond the last report may be complete (committed before the report was read) or absent, never partial.
  for (let k = 0; k <= last + 3; k++) {
    const ids = durableBatch(tag, k).map((e) => e.eventId);
    const found = await store.getEvents(ids);
    if (k <= last) expect(found.length, `batch ${k} was reported committed`).toBe(batchSize);
    else expect([0, batchSize], `batch ${k} is all or nothing`).toContain(found.length);
    if (found.length === batchSize) complete = k + 1;
  }
  const roomId = `!${tag}:example.org`;
  // The current state moved with the last complete batch, in the same transaction.
  expect(await store.getCurrentStateEventId(roomId, stateKeyOf('m.room.topic', ''))).toBe(`$${tag}-${complete * batchSize - 1}`);
  expect(await store.getForwardExtremities(roomId)).toEqual([`$${tag}-${complete * batchSize - 1}`]);
  return complete;
}

describe('durability after SIGKILL', () => {
  it('SQLite (WAL file): every reported batch is there, none is half there', async () => {
    const path = join(dir, 'kill.sqlite');
    const run = await runWriter('sqlite', path, 'k', { killAfter: 6 });
    expect(run.signal, run.stderr).toBe('SIGKILL');
    expect(run.committed.length).toBeGreaterThanOrEqual(6);
    const store = await SqliteStore.open(path);
    try {
      const complete = await checkAllOrNothing(store, 'k', run.committed);
      expect(complete).toBeGreaterThanOrEqual(6);
      // The store is usable after recovery: the writer can continue the chain.
      await store.putEvents(durableBatch('k', complete));
      expect(await store.getForwardExtremities('!k:example.org')).toEqual([`$k-${(complete + 1) * batchSize - 1}`]);
    } finally {
      await store.close();
    }
  });

  it('SurrealDB (surrealkv): every reported batch is there, none is half there', async () => {
    const path = join(dir, 'kill-surrealkv');
    const run = await runWriter('surrealkv', path, 's', { killAfter: 4 });
    expect(run.signal, run.stderr).toBe('SIGKILL');
    const store = await SurrealStore.open(`surrealkv://${path}`);
    try {
      expect(await checkAllOrNothing(store, 's', run.committed)).toBeGreaterThanOrEqual(4);
    } finally {
      await store.close();
    }
  });

  it('SQLite: two processes writing one file at once both commit everything', async () => {
    const path = join(dir, 'shared.sqlite');
    const [a, b] = await Promise.all([runWriter('sqlite', path, 'pa', { batches: 5 }), runWriter('sqlite', path, 'pb', { batches: 5 })]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const store = await SqliteStore.open(path);
    try {
      expect(await checkAllOrNothing(store, 'pa', a.committed)).toBe(5);
      expect(await checkAllOrNothing(store, 'pb', b.committed)).toBe(5);
      const feed = await store.readChanges({ roomIds: ['!pa:example.org', '!pb:example.org'] }, 0, 10_000);
      expect(feed.items).toHaveLength(2 * 5 * batchSize);
      const positions = feed.items.map((i) => i.position);
      expect(new Set(positions).size).toBe(positions.length);
    } finally {
      await store.close();
    }
  });
});

// Schema versions (a database of an unknown version is refused with a clear error, nothing
// changed), opening failures, and the root entry never loading a native driver.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InvalidArgumentError, SchemaVersionError, StorageEngineError } from '@maxtryx/storage-adapters';
import { SqliteStore, sqliteSchemaVersion } from '@maxtryx/storage-adapters/sqlite';
import { SurrealStore, surrealSchemaVersion } from '@maxtryx/storage-adapters/surrealdb';
import { migrations } from '../src/surrealdb/schema.js';
import { makePdu } from './conformance/room-generator.js';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'maxtryx-schema-'));
const here = dirname(fileURLToPath(import.meta.url));
const rawScript = join(here, 'fixtures', 'surreal-raw.mjs');
const tsxEsm = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite schema versions', () => {
  it('creates the schema at the current version and reopens it', async () => {
    const path = join(dir, 'v.sqlite');
    const s = await SqliteStore.open(path);
    await s.createUser({ userId: '@a:example.org', createdTs: 1 });
    await s.close();
    const raw = new Database(path);
    expect(raw.prepare('SELECT version FROM schema_version').get()).toEqual({ version: sqliteSchemaVersion });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const again = await SqliteStore.open(path);
    expect(await again.getUser('@a:example.org')).toEqual({ userId: '@a:example.org', createdTs: 1 });
    await again.close();
  });

  it('refuses a newer schema version with SchemaVersionError and changes nothing', async () => {
    const path = join(dir, 'newer.sqlite');
    await (await SqliteStore.open(path)).close();
    const raw = new Database(path);
    raw.prepare('UPDATE schema_version SET version = ?').run(sqliteSchemaVersion + 1);
    raw.close();
    const err = await SqliteStore.open(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaVersionError);
    expect((err as SchemaVersionError).found).toBe(sqliteSchemaVersion + 1);
    expect((err as Error).message).toMatch(/schema version/);
    const check = new Database(path);
    expect(check.prepare('SELECT version FROM schema_version').get()).toEqual({ version: sqliteSchemaVersion + 1 });
    check.close();
  });

  it('refuses a SQLite database of another application', async () => {
    const path = join(dir, 'other.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE things (x)');
    raw.close();
    await expect(SqliteStore.open(path)).rejects.toBeInstanceOf(SchemaVersionError);
  });

  it('refuses a file that is not a database with StorageEngineError', async () => {
    const path = join(dir, 'garbage.sqlite');
    writeFileSync(path, 'this is not a database, just text that is long enough to have a header'.repeat(20));
    const err = await SqliteStore.open(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageEngineError);
    expect((err as StorageEngineError).cause).toBeDefined();
    await expect(SqliteStore.open('')).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe('SurrealDB schema versions', () => {
  // Raw access runs in a child process: an embedded surrealkv directory stays locked by the process that opened it.
  const raw = (url: string, query: string): unknown => JSON.parse(execFileSync(process.execPath, [rawScript, url, query], { encoding: 'utf8' }));
  const writer = (path: string): void => {
    execFileSync(process.execPath, ['--import', tsxEsm, '--conditions=@maxtryx/source', join(here, 'fixtures', 'durable-writer.ts'), 'surrealkv', path, 'sv', '1']);
  };

  it('refuses a newer schema version with SchemaVersionError', async () => {
    const path = join(dir, 'surreal-newer');
    writer(path);
    const url = `surrealkv://${path}`;
    expect(raw(url, 'SELECT VALUE version FROM ONLY schema_meta:version')).toEqual([surrealSchemaVersion]);
    raw(url, `UPSERT schema_meta:version SET version = ${surrealSchemaVersion + 1}`);
    const err = await SurrealStore.open(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaVersionError);
    expect((err as SchemaVersionError).found).toBe(surrealSchemaVersion + 1);
  });

  it('upgrades a version-1 database (DAG edges in an indexed edge table) to the current schema', async () => {
    expect(surrealSchemaVersion).toBe(2);
    const url = `surrealkv://${join(dir, 'surreal-v1')}`;
    const room = '!r:example.org';
    // Version 1 data: a1 (accepted) names a0, b1 (rejected) names b0; neither parent is stored yet.
    const v1Event = (id: string, prev: string, stream: number, status: string): string => {
      const json = JSON.stringify(makePdu({ roomId: room, type: 'm.room.message', sender: '@a:example.org', depth: 2, prevs: [prev], auths: [] }));
      return `CREATE type::record('event', '${id}') CONTENT { event_id: '${id}', room_id: '${room}', room_version: '10', type: 'm.room.message',
          sender: '@a:example.org', depth: 2, stream: ${stream}, status: '${status}', json: ${JSON.stringify(json)} } RETURN NONE;
        CREATE type::record('edge', ['${prev}', '${id}']) CONTENT { parent: '${prev}', child_id: '${id}', child: type::record('event', '${id}'), room_id: '${room}' } RETURN NONE;`;
    };
    raw(
      url,
      `BEGIN;
       DEFINE TABLE schema_meta SCHEMAFULL; DEFINE FIELD version ON schema_meta TYPE int;
       ${migrations[0]!}
       UPSERT schema_meta:version SET version = 1;
       ${v1Event('$a1', '$a0', 1, 'accepted')}
       ${v1Event('$b1', '$b0', 2, 'rejected')}
       CREATE type::record('fx', ['${room}', '$a1']) CONTENT { room_id: '${room}', event_id: '$a1' } RETURN NONE;
       UPSERT counter:stream SET value = 2;
       COMMIT;`,
    );
    const store = await SurrealStore.open(url);
    try {
      expect((await store.getEvents(['$a1', '$b1'])).map((e) => [e.eventId, e.status])).toEqual([
        ['$a1', 'accepted'],
        ['$b1', 'rejected'],
      ]);
      // The edges moved: next edges are still found ...
      const next = await store.getNextEventIds(room, ['$a0', '$b0']);
      expect(Object.fromEntries(next)).toEqual({ $a0: ['$a1'], $b0: ['$b1'] });
      // ... and so is the accepted child: a0 arriving now is no extremity, b0 is.
      await store.putEvents([
        { roomVersion: '10', eventId: '$a0', status: 'accepted', pdu: makePdu({ roomId: room, type: 'm.room.message', sender: '@a:example.org', depth: 1, prevs: [], auths: [] }) },
        { roomVersion: '10', eventId: '$b0', status: 'accepted', pdu: makePdu({ roomId: room, type: 'm.room.message', sender: '@a:example.org', depth: 1, prevs: [], auths: [] }) },
      ]);
      expect((await store.getForwardExtremities(room)).sort()).toEqual(['$a1', '$b0']);
      expect(await store.currentStreamPosition()).toBe(4);
    } finally {
      await store.close();
    }
  });

  it('refuses a database of another application, and a malformed URL', async () => {
    const url = `surrealkv://${join(dir, 'surreal-other')}`;
    raw(url, 'CREATE thing:1 SET x = 1');
    await expect(SurrealStore.open(url)).rejects.toBeInstanceOf(SchemaVersionError);
    await expect(SurrealStore.open('not a url')).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('keeps data across processes, and refuses a second open in one process clearly', async () => {
    const path = join(dir, 'surreal-reopen');
    writer(path);
    const url = `surrealkv://${path}`;
    const a = await SurrealStore.open(url);
    expect((await a.getForwardExtremities('!sv:example.org')).length).toBe(1);
    await a.createAlias({ alias: '#x:example.org', roomId: '!r:example.org', creator: '@u:example.org' });
    // A second store on the same directory in this process is refused clearly instead of waiting on the lock.
    const err = await SurrealStore.open(url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageEngineError);
    expect((err as Error).message).toMatch(/already open in this process/);
    await a.close();
    const again = await SurrealStore.open(url).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(StorageEngineError);
    expect((again as Error).message).toMatch(/closed by this process/);
    // Another process sees what this one wrote.
    expect(raw(url, "SELECT VALUE data FROM aux_aliases")).toEqual([[JSON.stringify({ alias: '#x:example.org', roomId: '!r:example.org', creator: '@u:example.org' })]]);
  });
});

describe('the root entry', () => {
  it('never imports a native driver (only the subpaths do)', () => {
    const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
    const seen = new Set<string>();
    const offending: string[] = [];
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      // Value imports only: `import type` is erased.
      for (const m of text.matchAll(/^\s*(import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/gm)) {
        const spec = m[2] ?? m[3]!;
        if (/^(better-sqlite3|surrealdb|@surrealdb\/node)$/.test(spec)) offending.push(`${file}: ${spec}`);
        if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      }
    };
    visit(join(src, 'index.ts'));
    expect(seen.size).toBeGreaterThan(5);
    expect(offending).toEqual([]);
    // The subpaths do load them (the check above can see an import).
    const sqliteSeen: string[] = [];
    for (const m of readFileSync(join(src, 'sqlite/sqlite-store.ts'), 'utf8').matchAll(/import\('([^']+)'\)/g)) sqliteSeen.push(m[1]!);
    expect(sqliteSeen).toContain('better-sqlite3');
  });
});

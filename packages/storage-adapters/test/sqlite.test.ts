import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '@maxtryx/storage-adapters/sqlite';
import { afterAll } from 'vitest';
import { runConformanceSuite } from './conformance/suite.js';

const dir = mkdtempSync(join(tmpdir(), 'maxtryx-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runConformanceSuite('SqliteStore (file, WAL)', () => SqliteStore.open(join(dir, `db${n++}.sqlite`)));
runConformanceSuite('SqliteStore (:memory:)', () => SqliteStore.open(':memory:'));

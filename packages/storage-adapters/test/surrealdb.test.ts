import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SurrealStore } from '@maxtryx/storage-adapters/surrealdb';
import { afterAll } from 'vitest';
import { runConformanceSuite } from './conformance/suite.js';

const dir = mkdtempSync(join(tmpdir(), 'maxtryx-surreal-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runConformanceSuite('SurrealStore (mem://)', () => SurrealStore.open('mem://'));
runConformanceSuite('SurrealStore (surrealkv://)', () => SurrealStore.open(`surrealkv://${join(dir, `db${n++}`)}`));

// Runs every benchmark module of the workspace (bench/*.bench.ts). Each module exports a
// `run...Bench` function and prints ratios against a baseline measured in the same run.
// BENCH_MS sets how long each case of the shared harness runs (default 1000 ms); a name given
// on the command line (`pnpm bench verify`) runs only the modules whose file name contains it.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const modules = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

for (const file of modules) {
  console.log(`\n=== ${file} ===`);
  const mod = (await import(pathToFileURL(dir + file).href)) as Record<string, unknown>;
  const run = Object.entries(mod).find(([name, v]) => /^run.*Bench$/.test(name) && typeof v === 'function')?.[1] as (() => unknown) | undefined;
  if (run === undefined) throw new Error(`${file} exports no run...Bench function`);
  await run();
}

// The embedded SurrealDB engine keeps the process alive after its stores are closed (see the
// storage-adapters README); every benchmark has finished and printed by now.
process.exit(0);

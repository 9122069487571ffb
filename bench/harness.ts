// A tiny benchmark harness: each case runs for a fixed time after a warm-up, and a group
// prints ops/s and the ratio of every case to the group's baseline, measured in the same run.

/** One measured case. */
export interface BenchCase {
  name: string;
  fn: () => unknown;
}

/** The result of one case. */
export interface BenchResult {
  name: string;
  opsPerSecond: number;
  /** opsPerSecond divided by the baseline's. */
  ratio: number;
}

/** How long each case runs, in milliseconds (env BENCH_MS overrides; default 1000). */
export const benchMilliseconds = Number(globalThis.process?.env?.BENCH_MS ?? 1000);

// Keeps results alive so the engine cannot drop the work as dead code.
let sink: unknown;

/** Runs `fn` for about `ms` milliseconds and returns ops/s. */
export function measure(fn: () => unknown, ms = benchMilliseconds): number {
  let ops = 0;
  let batch = 1;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < batch; i++) sink = fn();
    ops += batch;
    now = performance.now();
    if (now - start < ms / 50) batch *= 2;
  }
  return (ops * 1000) / (now - start);
}

/** How many interleaved rounds a group runs; each case's figure is its median over the rounds. */
export const benchRounds = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/**
 * Measures every case of a group; the first case is the baseline. The cases run in
 * interleaved rounds (A B C, A B C, ...) so that a change of machine load affects all of them
 * alike, and each reports its median. Prints a table and returns the results.
 */
export function runGroup(title: string, cases: readonly BenchCase[]): BenchResult[] {
  const [baseline] = cases;
  if (baseline === undefined) return [];
  for (const c of cases) measure(c.fn, benchMilliseconds / 4); // warm-up
  const samples = cases.map(() => [] as number[]);
  for (let r = 0; r < benchRounds; r++) {
    cases.forEach((c, i) => samples[i]?.push(measure(c.fn, benchMilliseconds / benchRounds)));
  }
  const raw = cases.map((c, i) => ({ name: c.name, opsPerSecond: median(samples[i] ?? []) }));
  const base = raw[0]?.opsPerSecond ?? 1;
  const results = raw.map((r) => ({ ...r, ratio: r.opsPerSecond / base }));
  console.log(`\n${title} (baseline: ${baseline.name})`);
  for (const r of results) {
    console.log(`  ${r.name.padEnd(52)} ${formatOps(r.opsPerSecond).padStart(14)} ops/s  ${r.ratio.toFixed(2)}x`);
  }
  void sink;
  return results;
}

function formatOps(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}

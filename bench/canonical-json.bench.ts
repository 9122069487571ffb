// Canonical JSON benchmark: canonicalJson against json-canonicalize (RFC 8785, the baseline)
// and JSON.stringify (no sorting, no validation: an upper bound), on a small message PDU, a
// create event and a power-levels event with 1,000 users, each as a server builds it (keys in
// insertion order) and as received from the network (parsed canonical JSON, keys sorted).
// Target: canonicalJson >= 1.5x json-canonicalize.
//
// Run alone: pnpm tsx --conditions=@maxtryx/source bench/canonical-json.bench.ts
import { pathToFileURL } from 'node:url';
import { canonicalize } from 'json-canonicalize';
import { canonicalJson } from '../packages/federation-core/src/index.js';
import { asReceived, createEvent, messageEvent, powerLevelsEvent } from './events.js';
import { runGroup } from './harness.js';

/** Runs the canonical JSON groups and prints a summary of canonicalJson / json-canonicalize. */
export function runCanonicalJsonBench(): void {
  const summary: string[] = [];
  const events: [string, Record<string, unknown>][] = [
    ['message PDU', messageEvent()],
    ['create event', createEvent()],
    ['power levels, 1,000 users', powerLevelsEvent(1000)],
  ];
  // A server changing a received power-levels event: one user added at the end (nearly sorted).
  const changed = asReceived(powerLevelsEvent(1000), canonicalJson);
  (changed.content as { users: Record<string, number> }).users['@newcomer:example.org'] = 50;
  events.push(['power levels, 1,000 users, one added', changed]);
  for (const [name, built] of events) {
    const received = asReceived(built, canonicalJson);
    const forms = name.endsWith('one added') ? ([['changed', built]] as const) : ([['built', built], ['received', received]] as const);
    if (canonicalJson(built) !== canonicalize(built)) throw new Error(`${name}: canonicalJson and json-canonicalize disagree`);
    for (const [form, value] of forms) {
      const bytes = new TextEncoder().encode(canonicalJson(value)).length;
      const results = runGroup(`canonical JSON: ${name} (${form}, ${bytes} bytes)`, [
        { name: 'json-canonicalize', fn: () => canonicalize(value) },
        { name: 'canonicalJson', fn: () => canonicalJson(value) },
        { name: 'JSON.stringify (unsorted, unchecked)', fn: () => JSON.stringify(value) },
      ]);
      summary.push(`  ${`${name} (${form})`.padEnd(52)} canonicalJson = ${results[1]?.ratio.toFixed(2)}x json-canonicalize`);
    }
  }
  console.log(`\ncanonical JSON summary (target >= 1.5x):\n${summary.join('\n')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runCanonicalJsonBench();

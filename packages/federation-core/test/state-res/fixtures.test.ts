import { describe, expect, it } from 'vitest';
import { resolveState } from '@maxtryx/federation-core';
import type { DagBase, DagCase } from './dag-harness.js';
import { endStateDiff, runDag } from './dag-harness.js';
import synapseDags from './fixtures/synapse-v2-dags.json' with { type: 'json' };
import explicit from './fixtures/explicit-cases.json' with { type: 'json' };
import type { CompactEvent } from './room-builder.js';
import { buildEvents, entries, MemoryProvider, stateOf } from './room-builder.js';

const base = synapseDags as unknown as DagBase & { cases: DagCase[] };
const v2Versions = ['2', '3', '4', '5', '6', '7', '8', '9', '10', '11'];

describe('DAG fixtures replayed event by event (Synapse test_v2 scenarios)', () => {
  for (const c of base.cases) {
    for (const rv of v2Versions) {
      it(`${c.name} (room v${rv})`, async () => {
        const run = await runDag(rv, base, c.events, c.edges);
        expect(run.resolutions).toBeGreaterThan(0);
        const { actual, wanted } = endStateDiff(run, c.expected);
        expect(entries(actual)).toEqual(entries(wanted));
      });
    }
  }
});

interface ExplicitCase {
  name: string;
  events: CompactEvent[];
  stateSets: string[][];
  expected: Record<string, string[]>;
}

const resolveBoth = async (rv: string, c: ExplicitCase, reversed: boolean) => {
  const events = buildEvents(rv, c.events);
  const sets = c.stateSets.map((ids) => stateOf(events, ids));
  if (reversed) sets.reverse();
  return { events, resolved: await resolveState(rv, sets, new MemoryProvider(events)) };
};

describe('explicit fixtures (MSC4297 state resets, v12 creators, tie-breaks)', () => {
  for (const c of (explicit as unknown as { cases: ExplicitCase[] }).cases) {
    for (const [rv, expectedIds] of Object.entries(c.expected)) {
      it(`${c.name} (room v${rv})`, async () => {
        for (const reversed of [false, true]) {
          const { events, resolved } = await resolveBoth(rv, c, reversed);
          expect(entries(resolved)).toEqual(entries(stateOf(events, expectedIds)));
        }
      });
    }
  }

  it('the MSC4297 cases really differ between v2 and v2.1', async () => {
    const cases = (explicit as unknown as { cases: ExplicitCase[] }).cases.filter((c) => c.name.startsWith('MSC4297'));
    expect(cases).toHaveLength(2);
    for (const c of cases) {
      const v11 = (await resolveBoth('11', c, false)).resolved;
      const v12 = (await resolveBoth('12', c, false)).resolved;
      expect(entries(v11)).not.toEqual(entries(v12));
    }
  });
});

describe('the auth chain reading (authChainsIncludeStateEvents) does not change the fixtures', () => {
  for (const c of (explicit as unknown as { cases: ExplicitCase[] }).cases) {
    for (const [rv, expectedIds] of Object.entries(c.expected)) {
      if (rv === '1') continue;
      it(`${c.name} (room v${rv}, Synapse's reading)`, async () => {
        const events = buildEvents(rv, c.events);
        const sets = c.stateSets.map((ids) => stateOf(events, ids));
        const resolved = await resolveState(rv, sets, new MemoryProvider(events), { authChainsIncludeStateEvents: true });
        expect(entries(resolved)).toEqual(entries(stateOf(events, expectedIds)));
      });
    }
  }
});


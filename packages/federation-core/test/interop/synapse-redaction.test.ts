// Synapse PruneEventTestCase scenarios (see fixtures/synapse-redaction.json).
import { describe, expect, it } from 'vitest';
import { redactEvent } from '@maxtryx/federation-core';
import fixture from './fixtures/synapse-redaction.json' with { type: 'json' };

describe('Synapse redaction (prune_event) scenarios', () => {
  it.each(fixture.cases.map((c) => [`${c.source.test} v${c.roomVersion}: ${c.name}`, c] as const))('%s', (_title, c) => {
    const input = structuredClone(c.input) as Record<string, unknown>;
    expect(redactEvent(input, c.roomVersion)).toEqual(c.expected);
    expect(input).toEqual(c.input);
  });
});

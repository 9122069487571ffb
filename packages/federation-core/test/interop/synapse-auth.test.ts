// Synapse tests/test_event_auth.py scenarios (see fixtures/synapse-auth.json).
import { describe, it } from 'vitest';
import fixture from './fixtures/synapse-auth.json' with { type: 'json' };
import type { AuthInteropGroup } from './auth-harness.js';
import { rows, runAuthCase } from './auth-harness.js';

describe('Synapse authorization scenarios', () => {
  it.each(rows(fixture.groups as unknown as AuthInteropGroup[]))('%s', (_title, group, c) => runAuthCase(group, c));
});


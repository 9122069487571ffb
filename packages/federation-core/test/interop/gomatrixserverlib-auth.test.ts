// gomatrixserverlib eventauth_test.go scenarios (see fixtures/gomatrixserverlib-auth.json).
import { describe, expect, it } from 'vitest';
import { getUserPowerLevel, powerLevelsFromEvents } from '@maxtryx/federation-core';
import fixture from './fixtures/gomatrixserverlib-auth.json' with { type: 'json' };
import type { AuthInteropGroup } from './auth-harness.js';
import { normalise, rows, runAuthCase } from './auth-harness.js';

describe('gomatrixserverlib authorization scenarios', () => {
  it.each(rows(fixture.groups as unknown as AuthInteropGroup[]))('%s', (_title, group, c) => runAuthCase(group, c));
});

describe('gomatrixserverlib power level queries', () => {
  for (const q of fixture.powerLevelQueries) {
    const create = normalise(q.create as Record<string, unknown>, true, '');
    const pl = normalise(q.powerLevels as Record<string, unknown>, true, '!x');
    const levels = powerLevelsFromEvents(create, pl, q.roomVersion);
    it.each(q.levels)(`${q.source.test}: %s`, (_name, user, level) => {
      expect(getUserPowerLevel(levels, user as string)).toBe(level === 'Infinity' ? Infinity : level);
    });
  }
});

// Runs every fixture in ./fixtures: each case is checked with checkEventAuth in
// every room version it names, and (for state-dependent rules) again with
// checkEventAuthAgainstState over the state its auth events form.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AuthOptions, RoomEvent } from '@maxtryx/federation-core';
import {
  authStateFromEvents,
  checkEventAuth,
  checkEventAuthAgainstState,
  getRoomVersion,
  ruleNumber,
} from '@maxtryx/federation-core';
import type { EventTemplate } from './fixture-room.js';
import { buildEvents, eventIdFor, inRange, refOf, versionsIn } from './fixture-room.js';

interface Expectation {
  allow?: true;
  reject?: { step: string; reason?: string };
}
interface FixtureCase {
  name: string;
  versions?: string;
  event: string | EventTemplate;
  auth: string[];
  /** v12: keep the create event in auth_events (it is always supplied). */
  listCreate?: boolean;
  /** Referenced in auth_events but not supplied. */
  missing?: string[];
  /** Supplied but not referenced. */
  extra?: string[];
  prev?: string[];
  rejected?: string[];
  signedBy?: string[];
  expect: Expectation;
  byVersion?: Record<string, Expectation>;
}
interface Fixture {
  description: string;
  versions?: string;
  events?: Record<string, EventTemplate>;
  cases: FixtureCase[];
}

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));
const base = JSON.parse(readFileSync(`${dir}_room.json`, 'utf8')) as { events: Record<string, EventTemplate> };
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('_'));
const stateIndependent = /^(format|create\.|room_id|auth_events\.)/;

describe.each(files)('fixture %s', (file) => {
  const fixture = JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as Fixture;
  const templates = { ...base.events, ...fixture.events };
  const rows = fixture.cases.flatMap((c) =>
    versionsIn(fixture.versions)
      .filter((v) => !c.versions || inRange(c.versions, v))
      .map((v) => [`v${v} ${c.name}`, v, c] as const),
  );
  it.each(rows)('%s', (_title, version, c) => {
    const rv = getRoomVersion(version);
    const all: Record<string, EventTemplate> = { ...templates, ...(typeof c.event === 'string' ? {} : { subject: c.event }) };
    const createName = c.auth.find((n) => all[n]?.type === 'm.room.create') ?? 'create';
    const events = buildEvents(all, rv, createName);
    const subject = structuredClone(events[typeof c.event === 'string' ? c.event : 'subject']!);
    const idOf = (name: string) => events[name]?.event_id ?? eventIdFor(name, '@x:a.example', rv);
    const listed = c.auth.filter((n) => c.listCreate || !rv.roomIdIsCreateEventHash || events[n]?.type !== 'm.room.create');
    subject.auth_events = [...listed, ...(c.missing ?? [])].map((n) => refOf(idOf(n), rv));
    subject.prev_events = (c.prev ?? ['prior']).map((n) => refOf(idOf(n), rv));
    const supplied: RoomEvent[] = [...c.auth, ...(c.extra ?? [])].map((n) => {
      const e = events[n];
      if (!e) throw new Error(`fixture ${file}: no event ${n}`);
      return e;
    });
    const rejected = new Set((c.rejected ?? []).map(idOf));
    const options: AuthOptions = {
      isRejected: (id) => rejected.has(id),
      ...(c.signedBy ? { isSignedBy: (_e: RoomEvent, server: string) => c.signedBy!.includes(server) } : {}),
    };
    const expectation = Object.entries(c.byVersion ?? {}).find(([range]) => inRange(range, version))?.[1] ?? c.expect;

    const result = checkEventAuth(subject, supplied, rv, options);
    if (expectation.allow) {
      expect(result).toEqual({ allowed: true });
    } else {
      const want = expectation.reject!;
      expect(result.allowed, 'should be rejected').toBe(false);
      if (result.allowed) return;
      expect(result.step).toBe(want.step);
      expect(result.rule).toBe(ruleNumber(rv, result.step));
      if (want.reason) expect(result.reason).toContain(want.reason);
    }
    // The state-dependent rules alone agree, unless a state-independent rule decided.
    if (!expectation.allow && stateIndependent.test(expectation.reject!.step)) return;
    const create = supplied.find((e) => e.type === 'm.room.create');
    const againstState = checkEventAuthAgainstState(subject, authStateFromEvents(supplied), rv, { ...options, createEvent: create });
    expect(againstState).toEqual(result);
  });
});

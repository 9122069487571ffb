// Canonical JSON scenarios of python-canonicaljson and gomatrixserverlib (see fixtures/canonical-json.json).
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, StrictJsonError, canonicalJson, canonicalJsonOptionsFor, getRoomVersion, parseStrictJson } from '@maxtryx/federation-core';
import fixture from './fixtures/canonical-json.json' with { type: 'json' };

describe('canonical JSON encoding (python-canonicaljson, gomatrixserverlib)', () => {
  it.each(fixture.encode.map((c, i) => [`${c.source.repository} ${c.source.test} #${i}: ${c.input}`, c] as const))('%s', (_title, c) => {
    expect(canonicalJson(JSON.parse(c.input))).toBe(c.canonical);
    expect(canonicalJson(parseStrictJson(c.input))).toBe(c.canonical);
  });

  it.each(fixture.encodeErrors.map((c) => [c.value, c] as const))('refuses %s', (_v, c) => {
    expect(() => canonicalJson(Number(c.value))).toThrow(CanonicalJsonError);
  });

  it('refuses a lone surrogate (gomatrixserverlib drops it; Synapse and Ruma refuse it)', () => {
    const c = fixture.loneSurrogate;
    expect(() => parseStrictJson(c.input)).toThrow(StrictJsonError);
    expect(() => canonicalJson(JSON.parse(c.input))).toThrow(CanonicalJsonError);
  });
});

describe('canonical JSON validation of PDU bodies by room version (gomatrixserverlib)', () => {
  it.each(fixture.validate.map((c) => [`${c.source.test} v${c.roomVersion}: ${c.input}`, c] as const))('%s', (_title, c) => {
    const rv = getRoomVersion(c.roomVersion);
    const check = () => canonicalJson(parseStrictJson(c.input, { numbers: rv.strictCanonicalJson ? 'plain' : 'lenient' }), canonicalJsonOptionsFor(rv));
    if (c.valid) expect(check).not.toThrow();
    else expect(check).toThrow();
  });
});

// The auth event lists a StateResolver keeps between resolutions: lining up a new list
// of unconflicted events with the last one must only ever match an event with itself
// (else an event would be given another event's auth events), and merging must give
// every event its own auth events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuthRefLists } from '../../src/state-res/auth-ref-lists.js';
import { AuthRefListBuilder, lineUp, mergeRefs } from '../../src/state-res/auth-ref-lists.js';

/** The lists of `ids`, each event citing the nodes `refsOf(id)`, missing where `missing(id)`. */
function listsOf(ids: readonly string[], refsOf: (id: string) => number[], missing: (id: string) => boolean = () => false): AuthRefLists {
  const out = new AuthRefListBuilder(ids.length);
  ids.forEach((id, i) => {
    if (missing(id)) return out.endMissing(i);
    for (const a of refsOf(id)) out.push(a);
    out.end(i);
  });
  return out.done(ids);
}

function refsAt(lists: AuthRefLists, i: number): number[] {
  return [...lists.nodes.subarray(lists.start[i]!, lists.start[i + 1]!)];
}

/** Auth events derived from the ID, so that every event has its own. */
const refsOf = (id: string): number[] => [id.length, id.charCodeAt(1), id.charCodeAt(id.length - 1) + 1000];
const ids = (n: number, prefix = '$e'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('lineUp', () => {
  const before = listsOf(ids(8), refsOf);

  it('matches a list with itself, event by event', () => {
    expect([...lineUp(ids(8), before)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('walks past an event dropped, added or replaced', () => {
    const dropped = ids(8).filter((id) => id !== '$e3');
    expect([...lineUp(dropped, before)]).toEqual([0, 1, 2, 4, 5, 6, 7]);
    const added = [...ids(8).slice(0, 3), '$new', ...ids(8).slice(3)];
    expect([...lineUp(added, before)]).toEqual([0, 1, 2, -1, 3, 4, 5, 6, 7]);
    const replaced = ids(8).map((id) => (id === '$e5' ? '$other' : id));
    expect([...lineUp(replaced, before)]).toEqual([0, 1, 2, 3, 4, -1, 6, 7]);
  });

  it('does not match events that were missing when read', () => {
    const withMissing = listsOf(ids(4), refsOf, (id) => id === '$e2');
    expect([...lineUp(ids(4), withMissing)]).toEqual([0, 1, -1, 3]);
  });

  it('matches nothing in a list of other events, and copes with empty lists', () => {
    expect([...lineUp(ids(5, '$x'), before)]).toEqual([-1, -1, -1, -1, -1]);
    expect([...lineUp([], before)]).toEqual([]);
    expect([...lineUp(ids(3), listsOf([], refsOf))]).toEqual([-1, -1, -1]);
  });

  it('only ever matches an event found before with itself, whatever the two lists', () => {
    const list = fc.array(fc.constantFrom(...ids(12)), { maxLength: 30 });
    fc.assert(
      fc.property(list, list, fc.array(fc.boolean(), { maxLength: 30 }), (now, old, missingFlags) => {
        const missing = new Set(old.filter((_, i) => missingFlags[i] === true));
        const lists = listsOf(old, refsOf, (id) => missing.has(id));
        const at = lineUp(now, lists);
        expect(at.length).toBe(now.length);
        at.forEach((j, i) => {
          if (j < 0) return;
          expect(old[j]).toBe(now[i]);
          expect(lists.found[j]).toBe(1);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('mergeRefs', () => {
  it('gives every event its own auth events, from the old lists or the new reading', () => {
    const list = fc.array(fc.constantFrom(...ids(12)), { maxLength: 30 });
    fc.assert(
      fc.property(list, list, fc.array(fc.boolean(), { maxLength: 30 }), (now, old, internedFlags) => {
        const before = listsOf(old, refsOf);
        const known = lineUp(now, before);
        // The events not lined up are read now, except some the graph had interned.
        const interned = new Set(now.filter((id, i) => known[i]! < 0 && internedFlags[i] === true));
        const unread = now.filter((id, i) => known[i]! < 0 && !interned.has(id));
        const merged = mergeRefs(now, known, before, listsOf(unread, refsOf));
        expect(merged.ids).toBe(now);
        // Every node cited is listed in `cited`, however few times.
        expect(new Set(merged.cited)).toEqual(new Set(merged.nodes));
        now.forEach((id, i) => {
          if (merged.found[i] === 1) expect(refsAt(merged, i)).toEqual(refsOf(id));
          else expect(interned.has(id)).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('marks the events missing from the new reading as not found', () => {
    const now = ids(3);
    const merged = mergeRefs(now, undefined, undefined, listsOf(now, refsOf, (id) => id === '$e1'));
    expect([...merged.found]).toEqual([1, 0, 1]);
    expect(refsAt(merged, 2)).toEqual(refsOf('$e2'));
  });
});

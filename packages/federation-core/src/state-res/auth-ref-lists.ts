/**
 * The auth events of a list of events as graph nodes, in one flat array: how the
 * auth events of the unconflicted events (most of the room) are read, and kept by a
 * `StateResolver` from one resolution to the next.
 *
 * @module
 */

/**
 * The auth events (as nodes) of a list of events, read by `readAuthRefs`: those of
 * `ids[i]` are `nodes[start[i]]` up to `nodes[start[i + 1]]`, none when `found[i]` is 0
 * (the event is missing).
 */
export interface AuthRefLists {
  readonly ids: readonly string[];
  readonly found: Uint8Array;
  readonly start: Int32Array;
  readonly nodes: Int32Array;
  /**
   * Every node of `nodes`, at least once, but few times: a node equal to the one at
   * the same place in the previous event's list is left out (the events of a room
   * mostly cite the same create, power-levels and join-rules events).
   */
  readonly cited: readonly number[];
}

/** Builds {@link AuthRefLists} event by event, in order. */
export class AuthRefListBuilder {
  private readonly found: Uint8Array;
  private readonly start: Int32Array;
  private nodes: Int32Array;
  private count = 0;
  private readonly cited: number[] = [];
  /** The nodes pushed at each place of an event's list, the last time one was. */
  private readonly lastAt: number[] = [];
  /** The place in the current event's list. */
  private at = 0;

  /** @param events - the number of events */
  constructor(events: number) {
    this.found = new Uint8Array(events);
    this.start = new Int32Array(events + 1);
    this.nodes = new Int32Array(events * 4 + 8);
  }

  /** Adds an auth event of the current event. */
  push(node: number): void {
    if (this.count === this.nodes.length) {
      const grown = new Int32Array(this.nodes.length * 2);
      grown.set(this.nodes);
      this.nodes = grown;
    }
    this.nodes[this.count++] = node;
    if (this.lastAt[this.at] !== node) {
      this.lastAt[this.at] = node;
      this.cited.push(node);
    }
    this.at++;
  }

  /** Ends event `i`, found, with the auth events pushed since the last one. */
  end(i: number): void {
    this.found[i] = 1;
    this.start[i + 1] = this.count;
    this.at = 0;
  }

  /** Ends event `i`, missing. */
  endMissing(i: number): void {
    this.start[i + 1] = this.count;
    this.at = 0;
  }

  /** The lists, for the events of `ids`. */
  done(ids: readonly string[]): AuthRefLists {
    return { ids, found: this.found, start: this.start, nodes: this.nodes.subarray(0, this.count), cited: this.cited };
  }
}

/**
 * For each of `ids`, the index of the same event in `before.ids` when the two lists
 * line up there (walked side by side, past an event added or dropped), or -1: a
 * resolver's successive state sets mostly list the same events in the same order.
 * Only events found by the earlier read are matched.
 */
export function lineUp(ids: readonly string[], before: AuthRefLists): Int32Array {
  const at = new Int32Array(ids.length).fill(-1);
  const old = before.ids;
  let j = 0;
  for (let i = 0; i < ids.length && j < old.length; i++) {
    const id = ids[i]!;
    if (old[j] === id) {
      if (before.found[j] === 1) at[i] = j;
      j++;
    } else if (old[j + 1] === id) {
      // old[j] was dropped
      if (before.found[j + 1] === 1) at[i] = j + 1;
      j += 2;
    } else if (ids[i + 1] !== old[j]) j++; // replaced (else: this one was added)
  }
  return at;
}

/**
 * The auth event lists of `ids`: the lined-up ones from `before`, the others from
 * `read` (the reading of the unmatched ones not interned, in order); events
 * that were interned instead count as not found (they are looked up next time).
 */
export function mergeRefs(ids: readonly string[], known: Int32Array | undefined, before: AuthRefLists | undefined, read: AuthRefLists): AuthRefLists {
  const out = new AuthRefListBuilder(ids.length);
  let r = 0;
  for (let i = 0; i < ids.length; i++) {
    const j = known === undefined ? -1 : known[i]!;
    if (j >= 0) {
      for (let k = before!.start[j]!; k < before!.start[j + 1]!; k++) out.push(before!.nodes[k]!);
      out.end(i);
    } else if (r < read.ids.length && read.ids[r] === ids[i]) {
      if (read.found[r] === 1) {
        for (let k = read.start[r]!; k < read.start[r + 1]!; k++) out.push(read.nodes[k]!);
        out.end(i);
      } else out.endMissing(i);
      r++;
    } else out.endMissing(i);
  }
  return out.done(ids);
}

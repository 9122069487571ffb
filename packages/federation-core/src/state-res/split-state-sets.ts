/**
 * Splitting state sets into unconflicted state and conflicted state.
 *
 * @module
 */
import type { StateKey } from '../events/pdu.js';
import type { StateMap } from './types.js';

/** The unconflicted state map and the conflicted state set of some state sets. */
export interface SplitStateSets {
  /** The keys with the same event in every state set. */
  readonly unconflicted: Map<StateKey, string>;
  /** The other keys, each with every event it has in some state set. */
  readonly conflicted: Map<StateKey, Set<string>>;
}

/**
 * Splits state sets as state resolution v2 and v2.1 define it (spec: "Unconflicted
 * state map and conflicted state set"): a key is unconflicted when it is present
 * in *every* state set with the same event; otherwise each of its events is
 * conflicted, so a key missing from one set is conflicted.
 *
 * @example
 * const a = new Map([[stateKeyOf('m.room.topic', ''), '$t1'], [stateKeyOf('m.room.name', ''), '$n']]);
 * const b = new Map([[stateKeyOf('m.room.topic', ''), '$t2'], [stateKeyOf('m.room.name', ''), '$n']]);
 * splitConflictedState([a, b]);
 * // unconflicted: name -> $n; conflicted: topic -> { $t1, $t2 }
 */
export function splitConflictedState(stateSets: readonly StateMap[]): SplitStateSets {
  const unconflicted = new Map<StateKey, string>();
  const conflicted = new Map<StateKey, Set<string>>();
  const [first, ...rest] = stateSets;
  if (first === undefined) return { unconflicted, conflicted };
  // Every key of the first set: unconflicted if every other set agrees.
  const found = new Array<number>(rest.length).fill(0);
  for (const [key, id] of first) {
    let values: Set<string> | undefined;
    for (let i = 0; i < rest.length; i++) {
      const other = rest[i]!.get(key);
      if (other !== undefined) found[i]!++;
      if (other === id) continue;
      values ??= new Set([id]);
      if (other !== undefined) values.add(other);
    }
    if (values === undefined) unconflicted.set(key, id);
    else conflicted.set(key, values);
  }
  // Keys absent from the first set are conflicted (none when a set holds only keys of the first).
  for (let i = 0; i < rest.length; i++) {
    const set = rest[i]!;
    if (found[i] === set.size) continue;
    for (const [key, id] of set) {
      if (first.has(key)) continue;
      let values = conflicted.get(key);
      if (values === undefined) conflicted.set(key, (values = new Set()));
      values.add(id);
    }
  }
  return { unconflicted, conflicted };
}

/**
 * Splits state sets as state resolution v1 defines it (room v1, spec: "A
 * *conflict* occurs between states where those states have different
 * `event_ids` for the same `(event_type, state_key)`"): a key present in only
 * some sets is not a conflict and goes to the unconflicted state, as in Synapse.
 *
 * @example
 * const a = new Map([[stateKeyOf('m.room.topic', ''), '$t1']]);
 * const b = new Map([[stateKeyOf('m.room.name', ''), '$n']]);
 * splitConflictedStateV1([a, b]).unconflicted.size; // 2
 */
export function splitConflictedStateV1(stateSets: readonly StateMap[]): SplitStateSets {
  const unconflicted = new Map<StateKey, string>();
  const conflicted = new Map<StateKey, Set<string>>();
  for (const set of stateSets) {
    for (const [key, id] of set) {
      const values = conflicted.get(key);
      if (values !== undefined) {
        values.add(id);
        continue;
      }
      const seen = unconflicted.get(key);
      if (seen === undefined) unconflicted.set(key, id);
      else if (seen !== id) {
        unconflicted.delete(key);
        conflicted.set(key, new Set([seen, id]));
      }
    }
  }
  return { unconflicted, conflicted };
}

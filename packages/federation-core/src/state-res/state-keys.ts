/**
 * State keys interned as small integers for the iterative auth checks.
 *
 * @module
 */
import type { RoomEvent, StateKey } from '../events/pdu.js';
import { stateKeyOf } from '../events/pdu.js';

/** A `(type, state_key)` pair, interned: its state-map key and its slot. */
export interface AuthKey {
  readonly type: string;
  readonly stateKey: string;
  /** `stateKeyOf(type, stateKey)` */
  readonly key: StateKey;
  /** Its index in the {@link StateKeyTable} (0, 1, 2, ...), for state held in arrays. */
  readonly slot: number;
}

/**
 * The `(type, state_key)` pairs met so far, each interned once as an {@link AuthKey}:
 * its key string is built (and hashed by the maps it is looked up in) once, not
 * once per event, and state can be held in arrays indexed by slot.
 */
export class StateKeyTable {
  /** Slot to interned key. */
  readonly keys: AuthKey[] = [];
  private readonly byType = new Map<string, Map<string, AuthKey>>();

  /** The interned key of `(type, stateKey)`, interning it if new. */
  of(type: string, stateKey: string): AuthKey {
    let byStateKey = this.byType.get(type);
    if (byStateKey === undefined) this.byType.set(type, (byStateKey = new Map()));
    let key = byStateKey.get(stateKey);
    if (key === undefined) {
      key = { type, stateKey, key: stateKeyOf(type, stateKey), slot: this.keys.length };
      byStateKey.set(stateKey, key);
      this.keys.push(key);
    }
    return key;
  }

  /** The interned key of a state event, or `undefined` for an event without a string `state_key`. */
  ofEvent(event: RoomEvent): AuthKey | undefined {
    return typeof event.state_key === 'string' && typeof event.type === 'string' ? this.of(event.type, event.state_key) : undefined;
  }
}

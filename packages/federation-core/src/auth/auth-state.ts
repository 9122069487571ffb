/**
 * The state an event is authorized against: a map keyed by `stateKeyOf(type, stateKey)`,
 * or a lookup function (e.g. over a partially resolved state in state resolution).
 *
 * @module
 */
import type { RoomEvent, StateKey } from '../events/pdu.js';
import { stateKeyOf } from '../events/pdu.js';

/** Looks up the state event of `(type, stateKey)`, or undefined. */
export type AuthStateLookup = (type: string, stateKey: string) => RoomEvent | undefined;

/** A state map keyed by {@link stateKeyOf}, or a lookup function. */
export type AuthState = ReadonlyMap<StateKey, RoomEvent> | AuthStateLookup;

/**
 * The lookup function of an {@link AuthState}.
 *
 * @example
 * const lookup = toAuthStateLookup(new Map([[stateKeyOf('m.room.create', ''), create]]));
 * lookup('m.room.create', ''); // create
 */
export function toAuthStateLookup(state: AuthState): AuthStateLookup {
  if (typeof state === 'function') return state;
  return (type, stateKey) => state.get(stateKeyOf(type, stateKey));
}

/**
 * The auth state made of a list of events, keyed by `(type, state_key)`; events
 * without a state key are left out. When two events share a key, the last wins
 * (the auth-events list checks reject such a list before it is used).
 *
 * @example
 * const state = authStateFromEvents([create, powerLevels, aliceJoin]);
 */
export function authStateFromEvents(events: Iterable<RoomEvent>): Map<StateKey, RoomEvent> {
  const state = new Map<StateKey, RoomEvent>();
  for (const e of events) {
    if (e && typeof e.type === 'string' && typeof e.state_key === 'string') state.set(stateKeyOf(e.type, e.state_key), e);
  }
  return state;
}

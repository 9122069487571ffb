/**
 * The authorization rules as state resolution uses them.
 *
 * @module
 */
import { authEventTypesFor } from '../auth/auth-event-types.js';
import type { AuthState } from '../auth/auth-state.js';
import { checkEventAuthAgainstState } from '../auth/event-auth-against-state.js';
import type { RoomEvent, StateKey } from '../events/pdu.js';
import { stateKeyOf } from '../events/pdu.js';
import type { RoomVersion } from '../room-versions/room-version.js';

/** A `(type, state_key)` pair of the auth events selection, with its state key string. */
export interface AuthKey {
  readonly type: string;
  readonly stateKey: string;
  /** `stateKeyOf(type, stateKey)` */
  readonly key: StateKey;
}

/**
 * The two questions state resolution asks of the authorization rules (internal:
 * `resolveState` always uses the library's own rules, see `defaultAuthRules`).
 */
export interface StateResAuthRules {
  /** The state keys the rules may read to authorize `event` (the auth events selection). */
  authTypes(event: RoomEvent): readonly AuthKey[];
  /**
   * Whether `event` passes the state-dependent authorization rules against
   * `authState` (its auth events by key, as a map or a lookup). Signatures, hashes and the shape of
   * `auth_events` were checked when the event was received; state resolution
   * re-checks only what depends on the state.
   */
  allowed(event: RoomEvent, authState: AuthState): boolean;
}

/**
 * The library's authorization rules for a room version, as state resolution asks them:
 * `authEventTypesFor` and `checkEventAuthAgainstState`.
 *
 * `isSignedBy` answers the one membership rule that reads a signature
 * (`join_authorised_via_users_server`, v8+). That rule depends only on the event,
 * which was verified when received (Synapse checks it with the state-independent
 * rules, not during state resolution); the default answers `true`.
 */
export function defaultAuthRules(
  roomVersion: RoomVersion,
  isSignedBy: (event: RoomEvent, serverName: string) => boolean = () => true,
): StateResAuthRules {
  const options = { isSignedBy };
  // The state keys built so far, by type and state key: each key string is built
  // (and hashed by the maps it is looked up in) once, not once per event.
  const keys = new Map<string, Map<string, StateKey>>();
  const keyOf = (type: string, stateKey: string): StateKey => {
    let byStateKey = keys.get(type);
    if (byStateKey === undefined) keys.set(type, (byStateKey = new Map()));
    let key = byStateKey.get(stateKey);
    if (key === undefined) byStateKey.set(stateKey, (key = stateKeyOf(type, stateKey)));
    return key;
  };
  return {
    authTypes: (event) => {
      const types = authEventTypesFor(event, roomVersion);
      const out = new Array<AuthKey>(types.length);
      for (let i = 0; i < types.length; i++) {
        const { type, stateKey } = types[i]!;
        out[i] = { type, stateKey, key: keyOf(type, stateKey) };
      }
      return out;
    },
    allowed: (event, authState) => checkEventAuthAgainstState(event, authState, roomVersion, options).allowed,
  };
}

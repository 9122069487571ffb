/**
 * The authorization rules as state resolution uses them.
 *
 * @module
 */
import { selectAuthEventTypes } from '../auth/auth-event-types.js';
import type { AuthState } from '../auth/auth-state.js';
import { checkEventAuthAgainstState } from '../auth/event-auth-against-state.js';
import type { RoomEvent } from '../events/pdu.js';
import type { RoomVersion } from '../room-versions/room-version.js';
import type { AuthKey } from './state-keys.js';
import { StateKeyTable } from './state-keys.js';

/**
 * The two questions state resolution asks of the authorization rules (internal:
 * `resolveState` always uses the library's own rules, see `defaultAuthRules`).
 */
export interface StateResAuthRules {
  /** The state keys the rules may read to authorize `event` (the auth events selection), interned in `keys`. */
  authTypes(event: RoomEvent): readonly AuthKey[];
  /** The table the keys of `authTypes` are interned in. */
  readonly keys: StateKeyTable;
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
 * the auth events selection (`authEventTypesFor`) and `checkEventAuthAgainstState`.
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
  // Each key is interned once, not built (and hashed) once per event.
  const keys = new StateKeyTable();
  // The selection of one event is gathered in the first `count` entries of `selected`
  // (reused: emptying an array by setting its length showed in profiles) by `select` (made once).
  const selected: AuthKey[] = [];
  let count = 0;
  const select = (type: string, stateKey: string): void => {
    // A pair equal to the last one (a member event's sender and target) is not interned again.
    const last = count > 0 ? selected[count - 1]! : undefined;
    if (last !== undefined && last.stateKey === stateKey && last.type === type) return;
    const key = keys.of(type, stateKey);
    for (let i = 0; i < count; i++) if (selected[i] === key) return;
    selected[count++] = key;
  };
  return {
    keys,
    authTypes: (event) => {
      count = 0;
      selectAuthEventTypes(event, roomVersion, select);
      return selected.slice(0, count);
    },
    allowed: (event, authState) => checkEventAuthAgainstState(event, authState, roomVersion, options).allowed,
  };
}

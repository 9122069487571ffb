/**
 * Whether a user may join a room given its state, for the client and federation
 * APIs of a resident server (`/join`, `/make_join`, `/send_join`), and which
 * residents could authorise a restricted join.
 *
 * @module
 */
import type { RoomEvent, StateKey } from '../events/pdu.js';
import type { AuthState } from '../auth/auth-state.js';
import { toAuthStateLookup } from '../auth/auth-state.js';
import { membershipOf } from '../auth/membership-rules.js';
import { domainOf } from '../auth/user-id.js';
import { MalformedPowerLevelsError } from '../power-levels/malformed-power-levels-error.js';
import { getPowerLevelField, getUserPowerLevel, powerLevelsFromEvents } from '../power-levels/room-power-levels.js';
import type { RoomVersion, RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { allowConditionsOf, joinRuleOf } from './join-rules-content.js';

/** How a join is allowed. */
export type JoinVia = 'already_joined' | 'invited' | 'public' | 'restricted';

/** The decision of {@link checkJoinAllowed}. */
export type JoinDecision =
  | {
      readonly allowed: true;
      /** Why the join is allowed. */
      readonly via: JoinVia;
      /** For `restricted`: the allowed room the user is joined to. The join event then needs `join_authorised_via_users_server`. */
      readonly allowedRoomId?: string;
    }
  | {
      readonly allowed: false;
      /** `M_FORBIDDEN` (403), or `M_UNABLE_TO_AUTHORISE_JOIN` (400) when no allow condition could be checked. */
      readonly errcode: 'M_FORBIDDEN' | 'M_UNABLE_TO_AUTHORISE_JOIN';
      /** Why, in words. */
      readonly reason: string;
    };

/** The inputs of {@link checkJoinAllowed}. */
export interface JoinCheckInput {
  /** The room's current state. */
  readonly state: AuthState;
  /** The room version. */
  readonly roomVersion: RoomVersionInput;
  /** The user who wants to join. */
  readonly userId: string;
  /**
   * For restricted rooms: whether the user is joined to the room `roomId` of an
   * allow condition; undefined when the server cannot tell (it lacks that room's state).
   */
  readonly isJoinedToRoom?: (roomId: string) => boolean | undefined;
}

function isRestrictedRule(rv: RoomVersion, rule: string | undefined): boolean {
  return (rv.restrictedJoinRule && rule === 'restricted') || (rv.knockRestrictedJoinRule && rule === 'knock_restricted');
}

/**
 * Whether `userId` may join the room, following the join rules of the room
 * version: banned users never; joined or invited users yes (unless the join
 * rule is unknown); `public` yes; `invite`/`knock` only when invited;
 * `restricted`/`knock_restricted` (v8/v10) when the user is joined to an
 * allowed room, in which case the join must be authorised by a resident (see
 * {@link findJoinAuthorisers}).
 *
 * @example
 * checkJoinAllowed({ state, roomVersion: '10', userId: '@bob:y.org', isJoinedToRoom: (id) => id === '!space:x.org' });
 * // { allowed: true, via: 'restricted', allowedRoomId: '!space:x.org' }
 */
export function checkJoinAllowed(input: JoinCheckInput): JoinDecision {
  const rv = resolveRoomVersion(input.roomVersion);
  const lookup = toAuthStateLookup(input.state);
  const membership = membershipOf(lookup('m.room.member', input.userId));
  if (membership === 'ban') return { allowed: false, errcode: 'M_FORBIDDEN', reason: `${input.userId} is banned from the room` };
  const joinRulesContent = lookup('m.room.join_rules', '')?.content;
  const rule = joinRuleOf(joinRulesContent);
  const knownRule = rule === 'public' || rule === 'invite' || (rv.knocking && rule === 'knock') || isRestrictedRule(rv, rule);
  if (!knownRule) return { allowed: false, errcode: 'M_FORBIDDEN', reason: `the join rule ${JSON.stringify(rule)} does not allow joining` };
  if (membership === 'join') return { allowed: true, via: 'already_joined' };
  if (rule === 'public') return { allowed: true, via: 'public' };
  if (membership === 'invite') return { allowed: true, via: 'invited' };
  if (!isRestrictedRule(rv, rule)) return { allowed: false, errcode: 'M_FORBIDDEN', reason: `the room is ${rule}-only and ${input.userId} is not invited` };
  const conditions = allowConditionsOf(joinRulesContent);
  if (conditions.length === 0) return { allowed: false, errcode: 'M_FORBIDDEN', reason: 'the room is restricted and has no usable allow condition' };
  let unknown = false;
  for (const c of conditions) {
    const joined = input.isJoinedToRoom?.(c.roomId);
    if (joined === true) return { allowed: true, via: 'restricted', allowedRoomId: c.roomId };
    if (joined === undefined) unknown = true;
  }
  if (unknown) return { allowed: false, errcode: 'M_UNABLE_TO_AUTHORISE_JOIN', reason: 'the allow conditions of the room cannot be checked' };
  return { allowed: false, errcode: 'M_FORBIDDEN', reason: `${input.userId} meets none of the allow conditions` };
}

/** Options of {@link findJoinAuthorisers}. */
export interface FindJoinAuthorisersOptions {
  /** Only users of this server (the resident server that will sign the join). */
  readonly serverName?: string;
}

/**
 * The joined users who could authorise a restricted join
 * (`join_authorised_via_users_server`): joined members whose power level
 * reaches the invite level, highest level first, then by user ID. Empty when
 * the power levels are malformed.
 *
 * @example
 * findJoinAuthorisers(state, '10', { serverName: 'example.org' }); // ['@admin:example.org', ...]
 */
export function findJoinAuthorisers(
  state: ReadonlyMap<StateKey, RoomEvent> | Iterable<RoomEvent>,
  roomVersion: RoomVersionInput,
  options?: FindJoinAuthorisersOptions,
): string[] {
  const rv = resolveRoomVersion(roomVersion);
  const events: Iterable<RoomEvent> = state instanceof Map ? state.values() : (state as Iterable<RoomEvent>);
  let create: RoomEvent | undefined;
  let powerLevels: RoomEvent | undefined;
  const joined: string[] = [];
  for (const e of events) {
    if (!e || e.state_key === undefined) continue;
    if (e.type === 'm.room.create' && e.state_key === '') create = e;
    else if (e.type === 'm.room.power_levels' && e.state_key === '') powerLevels = e;
    else if (e.type === 'm.room.member' && membershipOf(e) === 'join') {
      if (options?.serverName === undefined || domainOf(e.state_key) === options.serverName) joined.push(e.state_key);
    }
  }
  const pl = powerLevelsFromEvents(create, powerLevels, rv);
  try {
    const invite = getPowerLevelField(pl, 'invite');
    const levels = new Map(joined.map((u) => [u, getUserPowerLevel(pl, u)] as const));
    return joined
      .filter((u) => levels.get(u)! >= invite)
      .sort((a, b) => levels.get(b)! - levels.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  } catch (error) {
    if (error instanceof MalformedPowerLevelsError) return [];
    throw error;
  }
}

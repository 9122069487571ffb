/**
 * Whether a membership change asked for through the client-server API is
 * valid, with the Matrix error to answer when it is not.
 *
 * @module
 */
import type { RoomEvent } from '../events/pdu.js';
import type { JsonObject } from '../json/json-value.js';
import { isJsonObject } from '../json/json-value.js';
import { checkJoinAllowed } from '../join-rules/join-check.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import type { AuthState } from './auth-state.js';
import { toAuthStateLookup } from './auth-state.js';
import { checkEventAuthAgainstState } from './event-auth-against-state.js';
import { isHistoricalUserId } from './user-id.js';

/** The inputs of {@link checkMembershipTransition}. */
export interface MembershipTransitionInput {
  /** The room version. */
  readonly roomVersion: RoomVersionInput;
  /** The room's current state. */
  readonly state: AuthState;
  /** The user asking for the change. */
  readonly sender: string;
  /** The user whose membership changes (the sender for join, leave, knock). */
  readonly target: string;
  /** The membership wanted: `join`, `invite`, `leave`, `ban`, or `knock` (v7+). */
  readonly to: string;
  /** The target's current membership, if the caller knows better than `state` (`leave` for none). */
  readonly from?: string;
  /** Further content of the membership event (e.g. `reason`, `join_authorised_via_users_server`). */
  readonly content?: JsonObject;
  /** For joins to restricted rooms: whether the sender is joined to an allowed room (undefined: cannot tell). */
  readonly isJoinedToRoom?: (roomId: string) => boolean | undefined;
}

/** The errcodes {@link checkMembershipTransition} answers with. */
export type MembershipErrcode = 'M_FORBIDDEN' | 'M_BAD_JSON' | 'M_INVALID_PARAM' | 'M_UNABLE_TO_AUTHORISE_JOIN';

/** The result of {@link checkMembershipTransition}. */
export type MembershipTransitionResult =
  | {
      readonly ok: true;
      /** A join to a restricted room: the server must add `join_authorised_via_users_server` naming a resident who can invite. */
      readonly needsAuthoriser?: true;
    }
  | {
      readonly ok: false;
      /** The HTTP status: 400 or 403. */
      readonly status: 400 | 403;
      /** The Matrix error code. */
      readonly errcode: MembershipErrcode;
      /** A human-readable message. */
      readonly error: string;
    };

/**
 * Checks a membership change against the room's state with the room
 * version's authorization rules (the same rules a server applies to the
 * resulting `m.room.member` event), answering as the client-server API does:
 * `400 M_BAD_JSON` for an unknown membership (or `knock` before v7),
 * `400 M_INVALID_PARAM` for a sender or target that is not a user ID,
 * `403 M_FORBIDDEN` when the rules refuse, and for joins to restricted rooms
 * `400 M_UNABLE_TO_AUTHORISE_JOIN` when no allow condition can be checked.
 *
 * The event is taken as signed by every server it needs (the calling server
 * builds and signs it), so a `join_authorised_via_users_server` in `content` is
 * checked only for the authorising user's membership and power.
 *
 * @throws {UnsupportedRoomVersionError} for an unknown room version.
 * @example
 * checkMembershipTransition({ roomVersion: '10', state, sender: '@mod:x.org', target: '@bob:y.org', to: 'ban' });
 * // { ok: true } or { ok: false, status: 403, errcode: 'M_FORBIDDEN', error: '...' }
 */
export function checkMembershipTransition(input: MembershipTransitionInput): MembershipTransitionResult {
  const rv = resolveRoomVersion(input.roomVersion);
  const known = ['join', 'invite', 'leave', 'ban', ...(rv.knocking ? ['knock'] : [])];
  if (!known.includes(input.to)) {
    return { ok: false, status: 400, errcode: 'M_BAD_JSON', error: `membership ${JSON.stringify(input.to)} is not valid in room version ${rv.id}` };
  }
  if (!isHistoricalUserId(input.sender)) return { ok: false, status: 400, errcode: 'M_INVALID_PARAM', error: `${JSON.stringify(input.sender)} is not a user ID` };
  if (!isHistoricalUserId(input.target)) return { ok: false, status: 400, errcode: 'M_INVALID_PARAM', error: `${JSON.stringify(input.target)} is not a user ID` };
  if (input.content !== undefined && !isJsonObject(input.content)) {
    return { ok: false, status: 400, errcode: 'M_BAD_JSON', error: 'content is not an object' };
  }

  const base = toAuthStateLookup(input.state);
  const lookup =
    input.from === undefined
      ? base
      : (type: string, stateKey: string): RoomEvent | undefined => {
          if (type !== 'm.room.member' || stateKey !== input.target) return base(type, stateKey);
          const current = base(type, stateKey);
          return { ...(current ?? placeholder(input.target)), content: { membership: input.from! } } as RoomEvent;
        };

  const withAuthoriser = isJsonObject(input.content) && typeof input.content['join_authorised_via_users_server'] === 'string';
  if (input.to === 'join' && input.sender === input.target && !withAuthoriser) {
    const decision = checkJoinAllowed({ state: lookup, roomVersion: rv, userId: input.sender, isJoinedToRoom: input.isJoinedToRoom });
    if (!decision.allowed) {
      return decision.errcode === 'M_UNABLE_TO_AUTHORISE_JOIN'
        ? { ok: false, status: 400, errcode: decision.errcode, error: decision.reason }
        : { ok: false, status: 403, errcode: 'M_FORBIDDEN', error: decision.reason };
    }
    return decision.via === 'restricted' ? { ok: true, needsAuthoriser: true } : { ok: true };
  }

  const create = base('m.room.create', '');
  const event = {
    ...placeholder(input.sender),
    room_id: create?.room_id ?? (create ? `!${create.event_id.slice(1)}` : '!unknown'),
    state_key: input.target,
    content: { ...(input.content ?? {}), membership: input.to },
  } as RoomEvent;
  const result = checkEventAuthAgainstState(event, lookup, rv, { isSignedBy: () => true });
  if (result.allowed) return { ok: true };
  return { ok: false, status: 403, errcode: 'M_FORBIDDEN', error: result.reason };
}

function placeholder(sender: string): RoomEvent {
  return {
    event_id: '$membership-transition',
    type: 'm.room.member',
    sender,
    state_key: sender,
    content: {},
    origin_server_ts: 0,
    depth: 0,
    prev_events: [],
    auth_events: [],
    hashes: { sha256: '' },
    signatures: {},
  };
}

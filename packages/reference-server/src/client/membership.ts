/**
 * Membership changes asked for by local users (client-server API "Room membership":
 * join, invite, leave, kick, ban, unban, knock). The change is first checked with
 * `checkMembershipTransition` (federation-core) against the room's current state, to
 * answer with the spec's errcode before any event is built; the auth rules, applied
 * when the event is built, have the final word (`403 M_FORBIDDEN`).
 *
 * @module
 */
import { MatrixError } from '@maxtryx/entity';
import {
  canInvite,
  checkMembershipTransition,
  isJsonObject,
  powerLevelsFromState,
  stateKeyOf,
  type JsonObject,
  type RoomEvent,
  type StateKey,
} from '@maxtryx/federation-core';
import { inviteRemoteUser } from '../federation/remote-invite.js';
import { serverOf } from '../rooms/room-events.js';
import type { Services } from '../services.js';
import { memberProfileContent } from './profile.js';
import { sendClientEvent } from './send-event.js';

/** The most allowed rooms of a restricted join rule looked at. */
const MAX_ALLOW_ROOMS = 50;

/** A membership change. */
export interface MembershipChange {
  readonly roomId: string;
  /** The local user asking. */
  readonly sender: string;
  /** Whose membership changes (the sender for join, leave, knock). */
  readonly target: string;
  readonly membership: 'join' | 'invite' | 'leave' | 'ban' | 'knock';
  readonly reason?: string | undefined;
  /** Further content (e.g. `is_direct` of an invite). */
  readonly extraContent?: JsonObject;
}

/** The state a membership check reads: create, power levels, join rules, both members. */
async function membershipState(services: Services, roomId: string, sender: string, target: string): Promise<Map<StateKey, RoomEvent>> {
  return services.rooms.currentStateEvents(roomId, [
    stateKeyOf('m.room.create', ''),
    stateKeyOf('m.room.power_levels', ''),
    stateKeyOf('m.room.join_rules', ''),
    stateKeyOf('m.room.member', sender),
    stateKeyOf('m.room.member', target),
  ]);
}

/** The sender's memberships of the rooms a restricted join rule allows (`none` in a known room without one). */
async function allowedRoomMemberships(services: Services, joinRules: RoomEvent | undefined, userId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const allow = isJsonObject(joinRules?.content) ? joinRules.content.allow : undefined;
  if (!Array.isArray(allow)) return out;
  for (const condition of allow.slice(0, MAX_ALLOW_ROOMS)) {
    if (!isJsonObject(condition) || typeof condition.room_id !== 'string' || !condition.room_id.startsWith('!')) continue;
    const record = await services.store.getMembership(condition.room_id, userId).catch(() => undefined);
    if (record) out.set(condition.room_id, record.membership);
    // A room this server knows in which the user has no membership: not joined, for sure.
    else if ((await services.rooms.context(condition.room_id).catch(() => undefined)) !== undefined) out.set(condition.room_id, 'none');
  }
  return out;
}

/** A local joined member who may invite, to authorise a join to a restricted room. */
async function findAuthoriser(services: Services, roomId: string, state: Map<StateKey, RoomEvent>): Promise<string | undefined> {
  const rv = (await services.rooms.requireContext(roomId)).roomVersion;
  const pl = powerLevelsFromState((type, key) => state.get(stateKeyOf(type, key)), rv);
  for (const member of await services.store.getRoomMembers(roomId, 'join')) {
    if (serverOf(member) !== services.config.serverName) continue;
    try {
      if (canInvite(pl, member)) return member;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Checks and sends a membership change in a room this server is in. A room it does not
 * know is `404 M_NOT_FOUND`; the spec's errcodes come from `checkMembershipTransition`.
 * An invite of a user of another server goes through the federation invite API.
 */
export async function changeMembership(services: Services, change: MembershipChange): Promise<RoomEvent> {
  const { roomId, sender, target, membership } = change;
  const ctx = await services.rooms.requireContext(roomId);
  if (membership === 'invite' && serverOf(target) === services.config.serverName && !(await services.store.getUser(target))) {
    throw new MatrixError('M_INVALID_PARAM', `unknown user ${target}`, { httpStatus: 400 });
  }
  const state = await membershipState(services, roomId, sender, target);
  const allowed = await allowedRoomMemberships(services, state.get(stateKeyOf('m.room.join_rules', '')), sender);
  const content: JsonObject = { ...(change.extraContent ?? {}), membership };
  if (change.reason !== undefined) content.reason = change.reason;
  // Joins and invites carry the member's profile ("Events on Change of Profile Information").
  if (membership === 'join' && serverOf(sender) === services.config.serverName) Object.assign(content, await memberProfileContent(services, sender));
  if (membership === 'invite' && serverOf(target) === services.config.serverName) Object.assign(content, await memberProfileContent(services, target));
  content.membership = membership;

  const check = checkMembershipTransition({
    roomVersion: ctx.roomVersion,
    state,
    sender,
    target,
    to: membership,
    content,
    isJoinedToRoom: (id) => (allowed.has(id) ? allowed.get(id) === 'join' : undefined),
  });
  if (!check.ok) throw new MatrixError(check.errcode, check.error, { httpStatus: check.status });
  if (check.needsAuthoriser) {
    // Restricted rooms: a resident who can invite vouches for the join.
    const authoriser = await findAuthoriser(services, roomId, state);
    if (!authoriser) throw new MatrixError('M_UNABLE_TO_AUTHORISE_JOIN', 'No user of this server can authorise the join', { httpStatus: 400 });
    content.join_authorised_via_users_server = authoriser;
  }
  if (membership === 'invite' && serverOf(target) !== services.config.serverName) {
    return inviteRemoteUser(services, roomId, sender, target, content);
  }
  const extra = membership === 'invite' || membership === 'ban' || membership === 'leave' ? [serverOf(target)] : [];
  return sendClientEvent(services, roomId, { type: 'm.room.member', state_key: target, sender, content }, extra);
}

/**
 * The result of an authorization check, and the names of the rules.
 *
 * Each rejection carries a `step`: a stable name of the rule that rejected,
 * the same in every room version; and `rule`: that rule's number in the room
 * version's own list (the numbering shifts between versions: the aliases rule
 * is 4 in v1 to v5 and gone from v6, v12 inserts a room-ID rule 2).
 *
 * @module
 */
import type { RoomVersion } from '../room-versions/room-version.js';

/** A stable name for each authorization rule that can reject (see {@link ruleNumber}). */
export type AuthStep =
  | 'format'
  | 'create.prev_events'
  | 'create.room_id'
  | 'create.room_version'
  | 'create.creator'
  | 'create.additional_creators'
  | 'room_id'
  | 'auth_events.missing'
  | 'auth_events.duplicate'
  | 'auth_events.unexpected'
  | 'auth_events.rejected'
  | 'auth_events.no_create'
  | 'auth_events.room_id'
  | 'federate'
  | 'aliases.state_key'
  | 'aliases.domain'
  | 'member.fields'
  | 'member.authoriser_signature'
  | 'member.power_levels'
  | 'member.join.sender'
  | 'member.join.banned'
  | 'member.join.restricted'
  | 'member.join.forbidden'
  | 'member.invite.third_party.banned'
  | 'member.invite.third_party.signed'
  | 'member.invite.third_party.mxid_token'
  | 'member.invite.third_party.mxid'
  | 'member.invite.third_party.invite_event'
  | 'member.invite.third_party.sender'
  | 'member.invite.third_party.signature'
  | 'member.invite.sender'
  | 'member.invite.target'
  | 'member.invite.level'
  | 'member.leave.self'
  | 'member.leave.sender'
  | 'member.leave.unban'
  | 'member.leave.level'
  | 'member.ban.sender'
  | 'member.ban.level'
  | 'member.knock.join_rule'
  | 'member.knock.sender'
  | 'member.knock.membership'
  | 'member.unknown'
  | 'sender'
  | 'third_party_invite'
  | 'required_level'
  | 'state_key'
  | 'power_levels.users'
  | 'power_levels.fields_int'
  | 'power_levels.maps_int'
  | 'power_levels.creators'
  | 'power_levels.compare'
  | 'power_levels.fields'
  | 'power_levels.events_old'
  | 'power_levels.events_new'
  | 'power_levels.users_old'
  | 'power_levels.users_new'
  | 'power_levels.state'
  | 'redaction';

/** The outcome of an authorization check. */
export type AuthResult =
  | { readonly allowed: true }
  | {
      readonly allowed: false;
      /** Why, in words. */
      readonly reason: string;
      /** The rule's number in this room version's list, e.g. `"5.3.3"` (v8) or `"4.2.3"` (v6); `"format"` for malformed input. */
      readonly rule: string;
      /** The rule's stable name, the same in every room version. */
      readonly step: AuthStep;
    };

/** The allowed result. */
export const AUTH_ALLOWED: AuthResult = Object.freeze({ allowed: true as const });

/** Top-level rule numbers of a room version. */
function tops(rv: RoomVersion) {
  const aliases = rv.specialCaseAliasesAuth ? 1 : 0;
  const v12 = rv.roomIdIsCreateEventHash ? 1 : 0;
  const member = 4 + aliases + v12;
  return {
    authEvents: 2 + v12,
    federate: 3 + v12,
    member,
    sender: member + 1,
    thirdPartyInvite: member + 2,
    required: member + 3,
    stateKey: member + 4,
    powerLevels: member + 5,
    redaction: member + 6,
  };
}

/**
 * The number of a rule in a room version's list of authorization rules.
 *
 * @example
 * ruleNumber(getRoomVersion('1'), 'sender'); // '6'
 * ruleNumber(getRoomVersion('6'), 'sender'); // '5'
 * ruleNumber(getRoomVersion('12'), 'sender'); // '6'
 */
export function ruleNumber(rv: RoomVersion, step: AuthStep): string {
  const t = tops(rv);
  const r = rv.restrictedJoinRule ? 1 : 0;
  const m = t.member;
  const join = `${m}.${2 + r}`;
  const invite = `${m}.${3 + r}`;
  const leave = `${m}.${4 + r}`;
  const ban = `${m}.${5 + r}`;
  const knock = `${m}.${6 + r}`;
  const k = rv.integerPowerLevels ? 2 : 0;
  const c = rv.privilegedCreators ? 1 : 0;
  const p = t.powerLevels;
  switch (step) {
    case 'format':
      return 'format';
    case 'create.prev_events':
      return '1.1';
    case 'create.room_id':
      return '1.2';
    case 'create.room_version':
      return '1.3';
    case 'create.creator':
    case 'create.additional_creators':
      return '1.4';
    case 'room_id':
      return '2';
    case 'auth_events.missing':
      return `${t.authEvents}`;
    case 'auth_events.duplicate':
      return `${t.authEvents}.1`;
    case 'auth_events.unexpected':
      return `${t.authEvents}.2`;
    case 'auth_events.rejected':
      return `${t.authEvents}.3`;
    case 'auth_events.no_create':
      // v12 has no rule "no create event among auth_events"; its rule 2 (room ID) covers a missing create event.
      return rv.createEventInAuthEvents ? `${t.authEvents}.4` : '2';
    case 'auth_events.room_id':
      return `${t.authEvents}.5`;
    case 'federate':
      return `${t.federate}`;
    case 'aliases.state_key':
      return '4.1';
    case 'aliases.domain':
      return '4.2';
    case 'member.fields':
      return `${m}.1`;
    case 'member.authoriser_signature':
      return `${m}.2`;
    case 'member.power_levels':
      return `${m}`;
    case 'member.join.sender':
      return `${join}.2`;
    case 'member.join.banned':
      return `${join}.3`;
    case 'member.join.restricted':
      return `${join}.5.2`;
    case 'member.join.forbidden':
      return `${join}.${6 + r}`;
    case 'member.invite.third_party.banned':
      return `${invite}.1.1`;
    case 'member.invite.third_party.signed':
      return `${invite}.1.2`;
    case 'member.invite.third_party.mxid_token':
      return `${invite}.1.3`;
    case 'member.invite.third_party.mxid':
      return `${invite}.1.4`;
    case 'member.invite.third_party.invite_event':
      return `${invite}.1.5`;
    case 'member.invite.third_party.sender':
      return `${invite}.1.6`;
    case 'member.invite.third_party.signature':
      return `${invite}.1.8`;
    case 'member.invite.sender':
      return `${invite}.2`;
    case 'member.invite.target':
      return `${invite}.3`;
    case 'member.invite.level':
      return `${invite}.5`;
    case 'member.leave.self':
      return `${leave}.1`;
    case 'member.leave.sender':
      return `${leave}.2`;
    case 'member.leave.unban':
      return `${leave}.3`;
    case 'member.leave.level':
      return `${leave}.5`;
    case 'member.ban.sender':
      return `${ban}.1`;
    case 'member.ban.level':
      return `${ban}.3`;
    case 'member.knock.join_rule':
      return `${knock}.1`;
    case 'member.knock.sender':
      return `${knock}.2`;
    case 'member.knock.membership':
      return `${knock}.4`;
    case 'member.unknown':
      return `${m}.${6 + r + (rv.knocking ? 1 : 0)}`;
    case 'sender':
      return `${t.sender}`;
    case 'third_party_invite':
      return `${t.thirdPartyInvite}`;
    case 'required_level':
      return `${t.required}`;
    case 'state_key':
      return `${t.stateKey}`;
    case 'power_levels.fields_int':
      return `${p}.1`;
    case 'power_levels.maps_int':
      return `${p}.2`;
    case 'power_levels.users':
      return `${p}.${1 + k}`;
    case 'power_levels.creators':
      return `${p}.4`;
    case 'power_levels.state':
    case 'power_levels.compare':
      return `${p}`;
    case 'power_levels.fields':
      return `${p}.${3 + k + c}`;
    case 'power_levels.events_old':
      return `${p}.${4 + k + c}`;
    case 'power_levels.events_new':
      return `${p}.${5 + k + c}`;
    case 'power_levels.users_old':
      return `${p}.${6 + k + c}`;
    case 'power_levels.users_new':
      return `${p}.${7 + k + c}`;
    case 'redaction':
      return `${t.redaction}.3`;
  }
}

/**
 * A rejection by `step`, numbered for the room version.
 *
 * @example
 * rejectAuth(getRoomVersion('6'), 'sender', '@a:x.org is not joined');
 * // { allowed: false, rule: '5', step: 'sender', reason: '@a:x.org is not joined' }
 */
export function rejectAuth(rv: RoomVersion, step: AuthStep, reason: string): AuthResult {
  return { allowed: false, reason, rule: ruleNumber(rv, step), step };
}

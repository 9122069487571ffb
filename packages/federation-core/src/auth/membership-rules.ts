/**
 * The `m.room.member` authorization rules (rule 5 of v1 to v5, 4 of v6 to v11, 5 of v12).
 *
 * @module
 */
import type { RoomEvent } from '../events/pdu.js';
import { prevEventIds } from '../events/pdu.js';
import { isJsonObject } from '../json/json-value.js';
import { joinRuleOf } from '../join-rules/join-rules-content.js';
import type { RoomPowerLevels } from '../power-levels/room-power-levels.js';
import { getPowerLevelField, getUserPowerLevel } from '../power-levels/room-power-levels.js';
import type { RoomVersion } from '../room-versions/room-version.js';
import type { AuthOptions } from './auth-options.js';
import type { AuthResult } from './auth-result.js';
import { AUTH_ALLOWED, rejectAuth } from './auth-result.js';
import type { AuthStateLookup } from './auth-state.js';
import { thirdPartyInvitePublicKeys, verifyThirdPartyInviteSigned } from './third-party-invite-signature.js';
import { domainOf, isHistoricalUserId } from './user-id.js';

/**
 * The `membership` of a member event's content, or undefined.
 *
 * @example
 * membershipOf({ content: { membership: 'join' } }); // 'join'
 */
export function membershipOf(event: { readonly content?: unknown } | undefined): string | undefined {
  if (!event || !isJsonObject(event.content)) return undefined;
  const m = event.content['membership'];
  return typeof m === 'string' ? m : undefined;
}

/** The inputs of the membership rules, gathered by the caller. */
export interface MembershipRuleInput {
  /** The member event, already shape-checked. */
  readonly event: RoomEvent;
  /** The auth state. */
  readonly lookup: AuthStateLookup;
  /** The room's create event (from the state or the options). */
  readonly createEvent: RoomEvent;
  /** The power levels in force. */
  readonly powerLevels: RoomPowerLevels;
  /** The room version. */
  readonly rv: RoomVersion;
  /** The caller's options. */
  readonly options: AuthOptions | undefined;
}

/**
 * The membership rules for an `m.room.member` event against an auth state.
 * May throw `MalformedPowerLevelsError` when a needed level is malformed; the caller turns it into a rejection.
 *
 * @example
 * checkMembershipRules({ event, lookup, createEvent, powerLevels, rv, options: undefined });
 */
export function checkMembershipRules(input: MembershipRuleInput): AuthResult {
  const { event, lookup, createEvent, powerLevels: pl, rv, options } = input;
  const content = event.content;
  // rule 5.1: no state_key, or no membership in content -> reject
  if (typeof event.state_key !== 'string') return rejectAuth(rv, 'member.fields', 'the member event has no state_key');
  if (!Object.hasOwn(content, 'membership')) return rejectAuth(rv, 'member.fields', 'the member event content has no membership');
  const membership = content['membership'];
  const sender = event.sender;
  const target = event.state_key;

  // v8 rule 4.2 (5.2 of v12): join_authorised_via_users_server present -> the event must be signed by that user's server
  if (rv.restrictedJoinRule && Object.hasOwn(content, 'join_authorised_via_users_server')) {
    const authoriser = content['join_authorised_via_users_server'];
    if (!isHistoricalUserId(authoriser)) {
      return rejectAuth(rv, 'member.authoriser_signature', `join_authorised_via_users_server ${JSON.stringify(authoriser)} is not a user ID`);
    }
    const server = domainOf(authoriser)!;
    if (!options?.isSignedBy) {
      return rejectAuth(rv, 'member.authoriser_signature', `cannot verify the signature of ${server}: no isSignedBy option given`);
    }
    if (!options.isSignedBy(event, server)) {
      return rejectAuth(rv, 'member.authoriser_signature', `the event is not signed by ${server}, the server of the authorising user`);
    }
  }

  const senderMembership = membershipOf(lookup('m.room.member', sender));
  const targetMembership = membershipOf(lookup('m.room.member', target));

  if (membership === 'join') {
    // rule 5.2.1: the only prev event is the create event and the state_key is the creator -> allow
    // (creator: content.creator until v10, the create event's sender from v11)
    // (the state_key is compared first: it is cheaper than reading prev_events)
    const creator = rv.creatorIsCreateEventSender ? createEvent.sender : createEvent.content['creator'];
    if (target === creator) {
      const prev = prevEventIds(event);
      if (prev.length === 1 && prev[0] === createEvent.event_id) return AUTH_ALLOWED;
    }
    // rule 5.2.2: sender != state_key -> reject
    if (sender !== target) return rejectAuth(rv, 'member.join.sender', `${sender} cannot join ${target} to the room`);
    // rule 5.2.3: sender banned -> reject
    if (senderMembership === 'ban') return rejectAuth(rv, 'member.join.banned', `${sender} is banned`);
    const joinRule = joinRuleOf(lookup('m.room.join_rules', '')?.content);
    // rule 5.2.4: join_rule invite (v7: or knock) -> allow if membership is invite or join
    if (joinRule === 'invite' || (rv.knocking && joinRule === 'knock')) {
      if (senderMembership === 'invite' || senderMembership === 'join') return AUTH_ALLOWED;
      return rejectAuth(rv, 'member.join.forbidden', `the join rule is ${joinRule} and ${sender} is not invited`);
    }
    // v8 rule 4.3.5: join_rule restricted (v10: or knock_restricted)
    if ((rv.restrictedJoinRule && joinRule === 'restricted') || (rv.knockRestrictedJoinRule && joinRule === 'knock_restricted')) {
      // v8 rule 4.3.5.1: membership join or invite -> allow
      if (senderMembership === 'join' || senderMembership === 'invite') return AUTH_ALLOWED;
      // v8 rule 4.3.5.2: the authorising user lacks invite power or is not joined -> reject
      const authoriser = content['join_authorised_via_users_server'];
      if (typeof authoriser !== 'string') {
        return rejectAuth(rv, 'member.join.restricted', `the join rule is ${joinRule} and the join has no join_authorised_via_users_server`);
      }
      if (membershipOf(lookup('m.room.member', authoriser)) !== 'join') {
        return rejectAuth(rv, 'member.join.restricted', `the authorising user ${authoriser} is not joined`);
      }
      if (getUserPowerLevel(pl, authoriser) < getPowerLevelField(pl, 'invite')) {
        return rejectAuth(rv, 'member.join.restricted', `the authorising user ${authoriser} cannot invite`);
      }
      // v8 rule 4.3.5.3: otherwise allow
      return AUTH_ALLOWED;
    }
    // rule 5.2.5: join_rule public -> allow
    if (joinRule === 'public') return AUTH_ALLOWED;
    // rule 5.2.6: otherwise reject
    return rejectAuth(rv, 'member.join.forbidden', `the join rule ${JSON.stringify(joinRule)} does not let ${sender} join`);
  }

  if (membership === 'invite') {
    // rule 5.3.1: content has third_party_invite
    if (Object.hasOwn(content, 'third_party_invite')) {
      // rule 5.3.1.1: target banned -> reject
      if (targetMembership === 'ban') return rejectAuth(rv, 'member.invite.third_party.banned', `${target} is banned`);
      // rule 5.3.1.2: no signed -> reject
      const tpi = content['third_party_invite'];
      const signed = isJsonObject(tpi) ? tpi['signed'] : undefined;
      if (!isJsonObject(signed)) return rejectAuth(rv, 'member.invite.third_party.signed', 'third_party_invite has no signed object');
      // rule 5.3.1.3: signed lacks mxid or token -> reject
      const mxid = signed['mxid'];
      const token = signed['token'];
      if (typeof mxid !== 'string' || typeof token !== 'string') {
        return rejectAuth(rv, 'member.invite.third_party.mxid_token', 'third_party_invite.signed lacks mxid or token');
      }
      // rule 5.3.1.4: mxid != state_key -> reject
      if (mxid !== target) return rejectAuth(rv, 'member.invite.third_party.mxid', `signed.mxid ${mxid} is not the target ${target}`);
      // rule 5.3.1.5: no m.room.third_party_invite with state_key token -> reject
      const invite = lookup('m.room.third_party_invite', token);
      if (!invite) return rejectAuth(rv, 'member.invite.third_party.invite_event', `no m.room.third_party_invite for token ${token}`);
      // rule 5.3.1.6: sender differs from the third-party invite's sender -> reject
      if (invite.sender !== sender) {
        return rejectAuth(rv, 'member.invite.third_party.sender', `${sender} did not send the m.room.third_party_invite (${invite.sender} did)`);
      }
      // rule 5.3.1.7: any signature in signed matches any public key -> allow
      if (verifyThirdPartyInviteSigned(signed, thirdPartyInvitePublicKeys(invite.content))) return AUTH_ALLOWED;
      // rule 5.3.1.8: otherwise reject
      return rejectAuth(rv, 'member.invite.third_party.signature', 'no signature in signed matches a public key of the m.room.third_party_invite');
    }
    // rule 5.3.2: sender not joined -> reject
    if (senderMembership !== 'join') return rejectAuth(rv, 'member.invite.sender', `${sender} is not joined`);
    // rule 5.3.3: target joined or banned -> reject
    if (targetMembership === 'join' || targetMembership === 'ban') {
      return rejectAuth(rv, 'member.invite.target', `${target} is ${targetMembership === 'join' ? 'already joined' : 'banned'}`);
    }
    // rule 5.3.4: sender's level >= invite level -> allow
    if (getUserPowerLevel(pl, sender) >= getPowerLevelField(pl, 'invite')) return AUTH_ALLOWED;
    // rule 5.3.5: otherwise reject
    return rejectAuth(rv, 'member.invite.level', `${sender} is below the invite level`);
  }

  if (membership === 'leave') {
    // rule 5.4.1: sender == state_key -> allow iff membership is invite or join (v7: or knock)
    if (sender === target) {
      if (senderMembership === 'invite' || senderMembership === 'join' || (rv.knocking && senderMembership === 'knock')) return AUTH_ALLOWED;
      return rejectAuth(rv, 'member.leave.self', `${sender} cannot leave: membership is ${senderMembership ?? 'none'}`);
    }
    // rule 5.4.2: sender not joined -> reject
    if (senderMembership !== 'join') return rejectAuth(rv, 'member.leave.sender', `${sender} is not joined`);
    const senderLevel = getUserPowerLevel(pl, sender);
    // rule 5.4.3: target banned and sender below the ban level -> reject
    if (targetMembership === 'ban' && senderLevel < getPowerLevelField(pl, 'ban')) {
      return rejectAuth(rv, 'member.leave.unban', `${sender} is below the ban level and cannot unban ${target}`);
    }
    // rule 5.4.4: sender >= kick level and target below sender -> allow
    if (senderLevel >= getPowerLevelField(pl, 'kick') && getUserPowerLevel(pl, target) < senderLevel) return AUTH_ALLOWED;
    // rule 5.4.5: otherwise reject
    return rejectAuth(rv, 'member.leave.level', `${sender} cannot kick ${target}`);
  }

  if (membership === 'ban') {
    // rule 5.5.1: sender not joined -> reject
    if (senderMembership !== 'join') return rejectAuth(rv, 'member.ban.sender', `${sender} is not joined`);
    // rule 5.5.2: sender >= ban level and target below sender -> allow
    const senderLevel = getUserPowerLevel(pl, sender);
    if (senderLevel >= getPowerLevelField(pl, 'ban') && getUserPowerLevel(pl, target) < senderLevel) return AUTH_ALLOWED;
    // rule 5.5.3: otherwise reject
    return rejectAuth(rv, 'member.ban.level', `${sender} cannot ban ${target}`);
  }

  if (membership === 'knock' && rv.knocking) {
    const joinRule = joinRuleOf(lookup('m.room.join_rules', '')?.content);
    // v7 rule 4.6.1: join_rule other than knock (v10: or knock_restricted) -> reject
    if (!(joinRule === 'knock' || (rv.knockRestrictedJoinRule && joinRule === 'knock_restricted'))) {
      return rejectAuth(rv, 'member.knock.join_rule', `the join rule ${JSON.stringify(joinRule)} does not allow knocking`);
    }
    // v7 rule 4.6.2: sender != state_key -> reject
    if (sender !== target) return rejectAuth(rv, 'member.knock.sender', `${sender} cannot knock for ${target}`);
    // v7 rule 4.6.3: sender's membership not ban, invite or join -> allow
    if (senderMembership !== 'ban' && senderMembership !== 'invite' && senderMembership !== 'join') return AUTH_ALLOWED;
    // v7 rule 4.6.4: otherwise reject
    return rejectAuth(rv, 'member.knock.membership', `${sender} cannot knock while ${senderMembership}`);
  }

  // rule 5.6 (v7: 4.7, v8: 4.8): unknown membership -> reject
  return rejectAuth(rv, 'member.unknown', `unknown membership ${JSON.stringify(membership)}`);
}

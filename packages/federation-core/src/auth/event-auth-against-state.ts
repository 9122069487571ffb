/**
 * The state-dependent authorization rules: everything after the `auth_events`
 * checks, evaluated against an auth state (the event's auth events, the state
 * before the event, the current state, or a partially resolved state during
 * state resolution's iterative auth checks).
 *
 * @module
 */
import type { RoomEvent } from '../events/pdu.js';
import { MalformedPowerLevelsError } from '../power-levels/malformed-power-levels-error.js';
import type { RoomPowerLevels } from '../power-levels/room-power-levels.js';
import { getPowerLevelField, getRequiredPowerLevel, getUserPowerLevel, powerLevelsFromEvents } from '../power-levels/room-power-levels.js';
import type { RoomVersion, RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import type { AuthOptions } from './auth-options.js';
import type { AuthResult, AuthStep } from './auth-result.js';
import { AUTH_ALLOWED, rejectAuth } from './auth-result.js';
import type { AuthState, AuthStateLookup } from './auth-state.js';
import { toAuthStateLookup } from './auth-state.js';
import { checkCreateEventRules } from './create-event-rules.js';
import { eventShapeProblem } from './event-shape.js';
import { checkMembershipRules, membershipOf } from './membership-rules.js';
import { checkPowerLevelsRules } from './power-levels-rules.js';
import { domainOf } from './user-id.js';

/** A malformed power level needed by a rule: a rejection at that rule's step; any other error is rethrown. */
function rejectMalformed(rv: RoomVersion, step: AuthStep, error: unknown): AuthResult {
  if (error instanceof MalformedPowerLevelsError) return rejectAuth(rv, step, `the power levels in force are malformed: ${error.message}`);
  throw error;
}

function checkAfterMembership(event: RoomEvent, lookup: AuthStateLookup, pl: RoomPowerLevels, rv: RoomVersion): AuthResult {
  const sender = event.sender;
  // rule 6 (v6: 5): sender not joined -> reject
  if (membershipOf(lookup('m.room.member', sender)) !== 'join') return rejectAuth(rv, 'sender', `${sender} is not joined to the room`);
  const senderLevel = getUserPowerLevel(pl, sender);
  // rule 7 (v6: 6): m.room.third_party_invite -> allow iff the sender reaches the invite level
  if (event.type === 'm.room.third_party_invite') {
    if (senderLevel >= getPowerLevelField(pl, 'invite')) return AUTH_ALLOWED;
    return rejectAuth(rv, 'third_party_invite', `${sender} is below the invite level`);
  }
  const isState = typeof event.state_key === 'string';
  // rule 8 (v6: 7): the event type's required power level above the sender's -> reject
  const required = getRequiredPowerLevel(pl, event.type, isState);
  if (required > senderLevel) {
    return rejectAuth(rv, 'required_level', `${event.type} needs level ${required}; ${sender} has ${senderLevel}`);
  }
  // rule 9 (v6: 8): a state_key starting with @ other than the sender -> reject
  if (isState && event.state_key!.startsWith('@') && event.state_key !== sender) {
    return rejectAuth(rv, 'state_key', `${sender} cannot set state keyed by another user (${event.state_key})`);
  }
  // rule 10 (v6: 9): m.room.power_levels
  if (event.type === 'm.room.power_levels') return checkPowerLevelsRules(event, pl, rv);
  // v1 rule 11 (v1, v2 only): m.room.redaction
  if (rv.redactionAuthByEventIdDomain && event.type === 'm.room.redaction') {
    // v1 rule 11.1: the sender reaches the redact level -> allow
    if (senderLevel >= getPowerLevelField(pl, 'redact')) return AUTH_ALLOWED;
    // v1 rule 11.2: the redacted event's ID has the redaction's event-ID domain -> allow
    const redacts = event.redacts;
    const domain = domainOf(redacts);
    if (domain !== undefined && domain === domainOf(event.event_id)) return AUTH_ALLOWED;
    // v1 rule 11.3: otherwise reject
    return rejectAuth(rv, 'redaction', `${sender} is below the redact level and ${JSON.stringify(redacts)} is from another domain`);
  }
  // last rule: otherwise allow
  return AUTH_ALLOWED;
}

/**
 * The state-dependent authorization rules of `event` against `authState`:
 * `m.federate`, `m.room.aliases` (v1 to v5), memberships, the sender's
 * membership, `m.room.third_party_invite`, required power levels, `@` state
 * keys, `m.room.power_levels` changes, redactions (v1, v2). A create event is
 * checked by rule 1 alone.
 *
 * The room's create event is read from the state, else `options.createEvent`
 * (v12 state maps built from `auth_events` lack it). Does not run the
 * state-independent checks: see `checkAuthEventsList` and `checkEventAuth`.
 *
 * @throws {UnsupportedRoomVersionError} for an unknown room version.
 * @example
 * const state = new Map([[stateKeyOf('m.room.create', ''), create], [stateKeyOf('m.room.member', alice), aliceJoin]]);
 * checkEventAuthAgainstState(aliceMessage, state, '10'); // { allowed: true }
 */
export function checkEventAuthAgainstState(
  event: RoomEvent,
  authState: AuthState,
  roomVersion: RoomVersionInput,
  options?: AuthOptions,
): AuthResult {
  const rv = resolveRoomVersion(roomVersion);
  const isCreate = (event as { type?: unknown } | null)?.type === 'm.room.create';
  const problem = eventShapeProblem(event, isCreate && rv.roomIdIsCreateEventHash);
  if (problem) return rejectAuth(rv, 'format', problem);
  // rule 1: create events
  if (event.type === 'm.room.create') return checkCreateEventRules(event, rv);
  const lookup = toAuthStateLookup(authState);
  const createEvent = lookup('m.room.create', '') ?? options?.createEvent;
  // rule 2.4 (v12: rule 2): without the create event nothing can be authorized
  if (!createEvent || createEvent.type !== 'm.room.create' || typeof createEvent.sender !== 'string') {
    return rejectAuth(rv, 'auth_events.no_create', 'the auth state has no m.room.create event');
  }
  const createContent = (createEvent.content ?? {}) as Record<string, unknown>;

  // rule 3 (v12: 4): m.federate false and the sender's domain is not the create event sender's -> reject
  if (createContent['m.federate'] === false && domainOf(event.sender) !== domainOf(createEvent.sender)) {
    return rejectAuth(rv, 'federate', `the room is not federated and ${event.sender} is not from ${domainOf(createEvent.sender)}`);
  }
  // v1 rule 4 (v1 to v5): m.room.aliases
  if (rv.specialCaseAliasesAuth && event.type === 'm.room.aliases') {
    // v1 rule 4.1: no state_key -> reject
    if (typeof event.state_key !== 'string') return rejectAuth(rv, 'aliases.state_key', 'm.room.aliases has no state_key');
    // v1 rule 4.2: the sender's domain is not the state_key -> reject
    if (event.state_key !== domainOf(event.sender)) {
      return rejectAuth(rv, 'aliases.domain', `the state_key ${event.state_key} is not ${event.sender}'s domain`);
    }
    // v1 rule 4.3: otherwise allow
    return AUTH_ALLOWED;
  }

  const pl = powerLevelsFromEvents(createEvent, lookup('m.room.power_levels', ''), rv);
  // rule 5 (v6: 4): m.room.member
  if (event.type === 'm.room.member') {
    try {
      return checkMembershipRules({ event, lookup, createEvent, powerLevels: pl, rv, options });
    } catch (error) {
      return rejectMalformed(rv, 'member.power_levels', error);
    }
  }
  try {
    return checkAfterMembership(event, lookup, pl, rv);
  } catch (error) {
    return rejectMalformed(rv, 'power_levels.state', error);
  }
}

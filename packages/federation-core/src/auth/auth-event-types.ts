/**
 * The spec's auth events selection (server-server API, "Auth events selection").
 *
 * @module
 */
import type { Pdu } from '../events/pdu.js';
import { isJsonObject } from '../json/json-value.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';

/** A `(type, state_key)` pair that an event's `auth_events` may reference. */
export interface AuthEventType {
  /** The event type. */
  readonly type: string;
  /** The state key. */
  readonly stateKey: string;
}

/**
 * The `(type, state_key)` pairs selected as auth events of `event` (the events
 * themselves are the room state's current events of those keys, when present):
 * - none for `m.room.create`;
 * - `m.room.create` (not in v12), `m.room.power_levels`, the sender's `m.room.member`;
 * - for `m.room.member`: the target's membership; `m.room.join_rules` for
 *   `join`, `invite` and `knock`; for an invite with `third_party_invite`, the
 *   `m.room.third_party_invite` of `signed.token`; for a join with
 *   `join_authorised_via_users_server` (v8+), that user's membership.
 *
 * Never throws: unreadable content simply selects fewer types.
 *
 * @example
 * authEventTypesFor({ type: 'm.room.message', sender: '@a:x.org', content: {} }, '10');
 * // [{ type: 'm.room.create', stateKey: '' }, { type: 'm.room.power_levels', stateKey: '' },
 * //  { type: 'm.room.member', stateKey: '@a:x.org' }]
 */
export function authEventTypesFor(
  event: Pick<Pdu, 'type' | 'sender' | 'content' | 'state_key'>,
  roomVersion: RoomVersionInput,
): AuthEventType[] {
  const out: AuthEventType[] = [];
  selectAuthEventTypes(event, roomVersion, (type, stateKey) => addType(out, type, stateKey));
  return out;
}

/**
 * The auth events selection of {@link authEventTypesFor}, given pair by pair to
 * `select` in the same order, without building a list (state resolution interns
 * the pairs as it goes). A pair may be given twice (the sender's and the target's
 * membership when they are the same user): callers drop the repeats.
 *
 * @example
 * const keys: string[] = [];
 * selectAuthEventTypes(joinEvent, '10', (type, stateKey) => keys.push(stateKeyOf(type, stateKey)));
 */
export function selectAuthEventTypes(
  event: Pick<Pdu, 'type' | 'sender' | 'content' | 'state_key'>,
  roomVersion: RoomVersionInput,
  select: (type: string, stateKey: string) => void,
): void {
  const rv = resolveRoomVersion(roomVersion);
  if (event.type === 'm.room.create') return;
  // v12: the create event MUST NOT be selected; earlier versions require it.
  if (rv.createEventInAuthEvents) select('m.room.create', '');
  select('m.room.power_levels', '');
  if (typeof event.sender === 'string') select('m.room.member', event.sender);
  if (event.type === 'm.room.member' && isJsonObject(event.content)) {
    const content = event.content;
    const membership = content['membership'];
    if (typeof event.state_key === 'string') select('m.room.member', event.state_key);
    if (membership === 'join' || membership === 'invite' || membership === 'knock') select('m.room.join_rules', '');
    if (membership === 'invite' && isJsonObject(content['third_party_invite'])) {
      const signed = content['third_party_invite']['signed'];
      if (isJsonObject(signed) && typeof signed['token'] === 'string') select('m.room.third_party_invite', signed['token']);
    }
    const authoriser = content['join_authorised_via_users_server'];
    if (membership === 'join' && rv.restrictedJoinRule && typeof authoriser === 'string') select('m.room.member', authoriser);
  }
}

function addType(out: AuthEventType[], type: string, stateKey: string): void {
  for (const t of out) if (t.type === type && t.stateKey === stateKey) return;
  out.push({ type, stateKey });
}

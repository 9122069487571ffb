/**
 * Room versions 1 to 12 as a frozen table of rule flags (spec: `content/rooms/`).
 *
 * Algorithms branch on these flags, never on version strings: each version is
 * spread from the previous one and changes only what its spec page changes.
 *
 * @module
 */

/** The rule flags of one room version. */
export interface RoomVersion {
  /** The version identifier, e.g. `"10"`. */
  readonly id: string;
  /** Whether the spec lists the version as stable. */
  readonly stability: 'stable' | 'unstable';
  /**
   * Event format. `v1`: events carry `event_id`; `prev_events` / `auth_events`
   * are `[eventId, hashes]` pairs. `v3`: no `event_id`, references are plain IDs
   * (also used by v4 to v10; v4 only changes the ID encoding). `v11` redefines
   * `m.room.create` (no `creator`) and `m.room.redaction` (`redacts` in content).
   * `v12`: the create event has no `room_id`; the room ID is derived from it.
   */
  readonly eventFormat: 'v1' | 'v3' | 'v11' | 'v12';
  /**
   * How event IDs are formed. `server`: `$opaque:server`, carried in the event
   * (v1, v2). `base64`: `$` + unpadded standard base64 of the reference hash (v3).
   * `urlSafeBase64`: the URL-safe alphabet (v4 onwards).
   */
  readonly eventIdFormat: 'server' | 'base64' | 'urlSafeBase64';
  /** v12: the room ID is `!` + the create event's reference hash; the create event has no `room_id`. */
  readonly roomIdIsCreateEventHash: boolean;
  /** State resolution algorithm: v1 (room v1), v2 (v2 to v11), v2.1 (v12). */
  readonly stateResolution: 'v1' | 'v2' | 'v2.1';
  /** v5: signing keys must be valid (`valid_until_ts`) at the event's `origin_server_ts`. */
  readonly enforceSigningKeyValidity: boolean;
  /** v6: events must be canonical JSON (integers in range, no floats); v1 to v5 tolerate otherwise. */
  readonly strictCanonicalJson: boolean;
  /** v1 to v5: the auth rules special-case `m.room.aliases` (rule 4 of v1). */
  readonly specialCaseAliasesAuth: boolean;
  /** v1, v2: a redaction is allowed if the redacted event's ID has the sender's domain (rule 11.2 of v1). v3 moved this out of auth. */
  readonly redactionAuthByEventIdDomain: boolean;
  /** v6: changes to `notifications` in `m.room.power_levels` need the sender's level (rule 10.5 of v6). */
  readonly limitNotificationsPowerLevels: boolean;
  /** v7: the `knock` membership and join rule. */
  readonly knocking: boolean;
  /** v8: the `restricted` join rule and `join_authorised_via_users_server`. */
  readonly restrictedJoinRule: boolean;
  /** v10: the `knock_restricted` join rule. */
  readonly knockRestrictedJoinRule: boolean;
  /** v10: power-level values must be integers (v1 to v9 also accept numeric strings and, in practice, floats). */
  readonly integerPowerLevels: boolean;
  /** v11: the room creator is the create event's `sender` (earlier: `content.creator`). */
  readonly creatorIsCreateEventSender: boolean;
  /** v11: `m.room.redaction` carries `redacts` in `content` rather than at the top level. */
  readonly redactsInContent: boolean;
  /** v12: creators (sender and `additional_creators`) have infinite power and cannot appear in `users`. */
  readonly privilegedCreators: boolean;
  /** v12: `m.room.create` is never selected for, nor allowed in, `auth_events`. */
  readonly createEventInAuthEvents: boolean;
  /** The redaction algorithm's variant: v1, v6 (no `aliases`), v8 (`allow`), v9 (`join_authorised_via_users_server`), v11. */
  readonly redaction: 'v1' | 'v6' | 'v8' | 'v9' | 'v11';
}

const v1: RoomVersion = Object.freeze({
  id: '1',
  stability: 'stable',
  eventFormat: 'v1',
  eventIdFormat: 'server',
  roomIdIsCreateEventHash: false,
  stateResolution: 'v1',
  enforceSigningKeyValidity: false,
  strictCanonicalJson: false,
  specialCaseAliasesAuth: true,
  redactionAuthByEventIdDomain: true,
  limitNotificationsPowerLevels: false,
  knocking: false,
  restrictedJoinRule: false,
  knockRestrictedJoinRule: false,
  integerPowerLevels: false,
  creatorIsCreateEventSender: false,
  redactsInContent: false,
  privilegedCreators: false,
  createEventInAuthEvents: true,
  redaction: 'v1',
});
const v2: RoomVersion = Object.freeze({ ...v1, id: '2', stateResolution: 'v2' });
const v3: RoomVersion = Object.freeze({
  ...v2,
  id: '3',
  eventFormat: 'v3',
  eventIdFormat: 'base64',
  redactionAuthByEventIdDomain: false,
});
const v4: RoomVersion = Object.freeze({ ...v3, id: '4', eventIdFormat: 'urlSafeBase64' });
const v5: RoomVersion = Object.freeze({ ...v4, id: '5', enforceSigningKeyValidity: true });
const v6: RoomVersion = Object.freeze({
  ...v5,
  id: '6',
  strictCanonicalJson: true,
  specialCaseAliasesAuth: false,
  limitNotificationsPowerLevels: true,
  redaction: 'v6',
});
const v7: RoomVersion = Object.freeze({ ...v6, id: '7', knocking: true });
const v8: RoomVersion = Object.freeze({ ...v7, id: '8', restrictedJoinRule: true, redaction: 'v8' });
const v9: RoomVersion = Object.freeze({ ...v8, id: '9', redaction: 'v9' });
const v10: RoomVersion = Object.freeze({
  ...v9,
  id: '10',
  knockRestrictedJoinRule: true,
  integerPowerLevels: true,
});
const v11: RoomVersion = Object.freeze({
  ...v10,
  id: '11',
  eventFormat: 'v11',
  creatorIsCreateEventSender: true,
  redactsInContent: true,
  redaction: 'v11',
});
const v12: RoomVersion = Object.freeze({
  ...v11,
  id: '12',
  eventFormat: 'v12',
  roomIdIsCreateEventHash: true,
  stateResolution: 'v2.1',
  privilegedCreators: true,
  createEventInAuthEvents: false,
});

/** Every room version this library implements, by identifier. */
export const roomVersions: Readonly<Record<string, RoomVersion>> = Object.freeze({
  '1': v1,
  '2': v2,
  '3': v3,
  '4': v4,
  '5': v5,
  '6': v6,
  '7': v7,
  '8': v8,
  '9': v9,
  '10': v10,
  '11': v11,
  '12': v12,
});

/** The identifiers of every implemented room version, oldest first. */
export const roomVersionIds: readonly string[] = Object.freeze(Object.keys(roomVersions).sort((a, b) => Number(a) - Number(b)));

/** The room version a new room gets when none is asked for (the spec recommends a default; servers use 10 or later). */
export const defaultRoomVersionId = '11';

/** Thrown for a room version this library does not implement. It is never let through. */
export class UnsupportedRoomVersionError extends Error {
  override readonly name = 'UnsupportedRoomVersionError';
  constructor(readonly roomVersion: unknown) {
    super(`unsupported room version ${JSON.stringify(roomVersion)}`);
  }
}

/**
 * The rule flags of a room version.
 *
 * @throws {UnsupportedRoomVersionError} for an unknown identifier.
 * @example
 * getRoomVersion('10').integerPowerLevels; // true
 * getRoomVersion('org.example.custom'); // throws UnsupportedRoomVersionError
 */
export function getRoomVersion(id: string): RoomVersion {
  if (typeof id === 'string' && Object.hasOwn(roomVersions, id)) return roomVersions[id]!;
  throw new UnsupportedRoomVersionError(id);
}

/**
 * Whether `id` names a room version this library implements.
 *
 * @example
 * isSupportedRoomVersion('12'); // true
 * isSupportedRoomVersion('org.example.v1'); // false
 */
export function isSupportedRoomVersion(id: unknown): id is string {
  return typeof id === 'string' && Object.hasOwn(roomVersions, id);
}

/** A room version given either by identifier or as its rule table. */
export type RoomVersionInput = string | RoomVersion;

/**
 * Resolves a room version given by identifier or rule table.
 * A rule table is accepted only if it is one of {@link roomVersions}.
 *
 * @throws {UnsupportedRoomVersionError}
 *
 * @example
 * resolveRoomVersion('9') === roomVersions['9']; // true
 */
export function resolveRoomVersion(input: RoomVersionInput): RoomVersion {
  if (typeof input === 'string') return getRoomVersion(input);
  if (input && typeof input === 'object' && roomVersions[input.id] === input) return input;
  throw new UnsupportedRoomVersionError(input);
}

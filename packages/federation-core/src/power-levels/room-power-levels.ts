/**
 * The power levels in force in a room, and the questions asked of them.
 *
 * Build one with {@link powerLevelsFromState} (from a room state) or
 * {@link powerLevelsFromEvents}; then ask {@link getUserPowerLevel},
 * {@link getRequiredPowerLevel}, {@link canInvite}, {@link canKick},
 * {@link canBan}, {@link canRedact}, {@link canSendState}, {@link canSendEvent},
 * {@link canNotify}. Every function throws {@link MalformedPowerLevelsError}
 * when the value it needs is malformed in the room's power-levels event.
 *
 * @module
 */
import type { AuthStateLookup } from '../auth/auth-state.js';
import type { RoomVersion, RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { MalformedPowerLevelsError } from './malformed-power-levels-error.js';
import type { ParsedPowerLevels, PowerLevelField } from './power-levels-content.js';
import { defaultCreatorPowerLevel, defaultNotificationLevel, powerLevelDefaults, readPowerLevelsContent } from './power-levels-content.js';
import type { CreateEventLike } from './room-creators.js';
import { roomCreators } from './room-creators.js';

/** The power levels in force: the room version, the creators and the parsed power-levels content (undefined when the room has none). */
export interface RoomPowerLevels {
  /** The room version's rule flags. */
  readonly roomVersion: RoomVersion;
  /** The room's creators (see `roomCreators`). */
  readonly creators: ReadonlySet<string>;
  /** The `m.room.power_levels` content as read, or undefined when the room has no such event. */
  readonly powerLevels: ParsedPowerLevels | undefined;
}

/**
 * The power levels of a room from its create and power-levels events (either may be absent).
 *
 * @example
 * const pl = powerLevelsFromEvents(createEvent, powerLevelsEvent, '11');
 * getUserPowerLevel(pl, '@alice:example.org');
 */
export function powerLevelsFromEvents(
  createEvent: CreateEventLike | undefined,
  powerLevelsEvent: { readonly content: unknown } | undefined,
  roomVersion: RoomVersionInput,
): RoomPowerLevels {
  const rv = resolveRoomVersion(roomVersion);
  // The same pair of events is asked for again and again (every check of a batch of
  // events reads the room's current create and power-levels events): the last answer is kept.
  const last = lastPowerLevels;
  const content = powerLevelsEvent?.content;
  if (
    last !== undefined &&
    last.createEvent === createEvent &&
    last.createContent === createEvent?.content &&
    last.content === content &&
    last.hasPowerLevels === (powerLevelsEvent !== undefined) &&
    last.result.roomVersion === rv
  ) {
    return last.result;
  }
  const result: RoomPowerLevels = {
    roomVersion: rv,
    creators: creatorsOf(createEvent, rv),
    powerLevels: powerLevelsEvent ? readPowerLevelsContent(content, rv) : undefined,
  };
  // Kept by identity of the create event and of both contents, which are read as
  // immutable (as by `readPowerLevelsContent`); only when they are objects.
  if (typeof createEvent === 'object' && (powerLevelsEvent === undefined || (typeof content === 'object' && content !== null))) {
    lastPowerLevels = { createEvent, createContent: createEvent?.content, content, hasPowerLevels: powerLevelsEvent !== undefined, result };
  }
  return result;
}

let lastPowerLevels:
  | { createEvent: CreateEventLike | undefined; createContent: unknown; content: unknown; hasPowerLevels: boolean; result: RoomPowerLevels }
  | undefined;

// Events are read as immutable (as contents are by `readPowerLevelsContent`): the creators
// are memoised per create event object and room version, not recomputed for every check.
const creatorsCache = new WeakMap<object, { rv: RoomVersion; creators: ReadonlySet<string> }>();
const NO_CREATORS: ReadonlySet<string> = new Set();

function creatorsOf(createEvent: CreateEventLike | undefined, rv: RoomVersion): ReadonlySet<string> {
  if (!createEvent) return NO_CREATORS;
  if (typeof createEvent !== 'object') return roomCreators(createEvent, rv);
  const cached = creatorsCache.get(createEvent);
  if (cached !== undefined && cached.rv === rv) return cached.creators;
  const creators = roomCreators(createEvent, rv);
  creatorsCache.set(createEvent, { rv, creators });
  return creators;
}

/**
 * The power levels of a room from a state lookup (`m.room.create` and `m.room.power_levels`, state key `""`).
 *
 * @example
 * const pl = powerLevelsFromState((type, key) => state.get(stateKeyOf(type, key)), '10');
 * canBan(pl, '@mod:example.org', '@spammer:example.org');
 */
export function powerLevelsFromState(lookup: AuthStateLookup, roomVersion: RoomVersionInput): RoomPowerLevels {
  return powerLevelsFromEvents(lookup('m.room.create', ''), lookup('m.room.power_levels', ''), roomVersion);
}

function fail(pl: ParsedPowerLevels, ...paths: string[]): never {
  throw new MalformedPowerLevelsError(pl.problems.filter((p) => paths.includes(p.path)));
}

/**
 * The value of a top-level field (`ban`, `kick`, `invite`, `redact`, `state_default`,
 * `events_default`, `users_default`), or its default.
 *
 * @example
 * getPowerLevelField(pl, 'kick'); // 50 unless the room sets it
 */
export function getPowerLevelField(pl: RoomPowerLevels, field: PowerLevelField): number {
  const parsed = pl.powerLevels;
  if (!parsed) return powerLevelDefaults[field];
  if (parsed.problemPaths.has(field)) fail(parsed, field);
  return parsed.fields[field] ?? powerLevelDefaults[field];
}

/**
 * A user's power level: infinite for a creator in v12; else the `users` entry,
 * or `users_default`; with no power-levels event, 100 for the creator (v1 to 11)
 * and 0 for everyone else.
 *
 * @example
 * getUserPowerLevel(powerLevelsFromEvents(create, undefined, '11'), create.sender); // 100
 * getUserPowerLevel(powerLevelsFromEvents(create, undefined, '12'), create.sender); // Infinity
 */
export function getUserPowerLevel(pl: RoomPowerLevels, userId: string): number {
  // v12: creators have infinite power, whatever the power-levels event says.
  if (pl.roomVersion.privilegedCreators && pl.creators.has(userId)) return Number.POSITIVE_INFINITY;
  const parsed = pl.powerLevels;
  if (!parsed) return pl.creators.has(userId) ? defaultCreatorPowerLevel : powerLevelDefaults.users_default;
  if (parsed.problemPaths.has('users')) fail(parsed, 'users');
  if (parsed.problemPaths.has(`users.${userId}`)) fail(parsed, `users.${userId}`);
  const level = parsed.users.get(userId);
  return level ?? getPowerLevelField(pl, 'users_default');
}

/**
 * The *required power level* of an event type: its `events` entry, else
 * `state_default` (state events) or `events_default`.
 *
 * @example
 * getRequiredPowerLevel(pl, 'm.room.name', true); // 50 by default
 * getRequiredPowerLevel(pl, 'm.room.message', false); // 0 by default
 */
export function getRequiredPowerLevel(pl: RoomPowerLevels, eventType: string, isState: boolean): number {
  const parsed = pl.powerLevels;
  if (parsed) {
    if (parsed.problemPaths.has('events')) fail(parsed, 'events');
    if (parsed.problemPaths.has(`events.${eventType}`)) fail(parsed, `events.${eventType}`);
    const level = parsed.events.get(eventType);
    if (level !== undefined) return level;
  }
  return getPowerLevelField(pl, isState ? 'state_default' : 'events_default');
}

/**
 * The level needed for a notification key (`room` for `@room`): the
 * `notifications` entry, else 50.
 *
 * @example
 * getNotificationPowerLevel(pl, 'room'); // 50 by default
 */
export function getNotificationPowerLevel(pl: RoomPowerLevels, key: string): number {
  const parsed = pl.powerLevels;
  if (parsed) {
    if (parsed.problemPaths.has('notifications')) fail(parsed, 'notifications');
    if (parsed.problemPaths.has(`notifications.${key}`)) fail(parsed, `notifications.${key}`);
    const level = parsed.notifications.get(key);
    if (level !== undefined) return level;
  }
  return defaultNotificationLevel;
}

/**
 * Whether `userId`'s level reaches the invite level.
 *
 * @example
 * canInvite(pl, '@alice:example.org');
 */
export function canInvite(pl: RoomPowerLevels, userId: string): boolean {
  return getUserPowerLevel(pl, userId) >= getPowerLevelField(pl, 'invite');
}

/**
 * Whether `sender` may kick `target`: the kick level, and strictly above the target.
 *
 * @example
 * canKick(pl, '@mod:example.org', '@troll:example.org');
 */
export function canKick(pl: RoomPowerLevels, sender: string, target: string): boolean {
  const level = getUserPowerLevel(pl, sender);
  return level >= getPowerLevelField(pl, 'kick') && getUserPowerLevel(pl, target) < level;
}

/**
 * Whether `sender` may ban `target`: the ban level, and strictly above the target.
 *
 * @example
 * canBan(pl, '@mod:example.org', '@troll:example.org');
 */
export function canBan(pl: RoomPowerLevels, sender: string, target: string): boolean {
  const level = getUserPowerLevel(pl, sender);
  return level >= getPowerLevelField(pl, 'ban') && getUserPowerLevel(pl, target) < level;
}

/**
 * Whether `userId` may redact events of other users (the redact level). Redacting
 * one's own events needs only the level to send `m.room.redaction`.
 *
 * @example
 * canRedact(pl, '@mod:example.org');
 */
export function canRedact(pl: RoomPowerLevels, userId: string): boolean {
  return getUserPowerLevel(pl, userId) >= getPowerLevelField(pl, 'redact');
}

/**
 * Whether `userId` reaches the required level of a state event type.
 *
 * @example
 * canSendState(pl, '@alice:example.org', 'm.room.topic');
 */
export function canSendState(pl: RoomPowerLevels, userId: string, eventType: string): boolean {
  return getUserPowerLevel(pl, userId) >= getRequiredPowerLevel(pl, eventType, true);
}

/**
 * Whether `userId` reaches the required level of a message (non-state) event type.
 *
 * @example
 * canSendEvent(pl, '@alice:example.org', 'm.room.message');
 */
export function canSendEvent(pl: RoomPowerLevels, userId: string, eventType: string): boolean {
  return getUserPowerLevel(pl, userId) >= getRequiredPowerLevel(pl, eventType, false);
}

/**
 * Whether `userId` may trigger the notification `key` (e.g. `room` for `@room`).
 *
 * @example
 * canNotify(pl, '@alice:example.org', 'room');
 */
export function canNotify(pl: RoomPowerLevels, userId: string, key: string): boolean {
  return getUserPowerLevel(pl, userId) >= getNotificationPowerLevel(pl, key);
}

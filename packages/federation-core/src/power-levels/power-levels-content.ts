/**
 * Reading an `m.room.power_levels` content per room version, with the spec's
 * defaults (client-server API, `m.room.power_levels` schema).
 *
 * @module
 */
import { isJsonObject } from '../json/json-value.js';
import type { RoomVersion, RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { isHistoricalUserId } from '../auth/user-id.js';
import type { PowerLevelsProblem } from './malformed-power-levels-error.js';
import { parsePowerLevelValue } from './power-level-value.js';

/** The top-level integer properties of a power-levels content. */
export type PowerLevelField = 'users_default' | 'events_default' | 'state_default' | 'ban' | 'redact' | 'kick' | 'invite';

/** Every {@link PowerLevelField}, in the order the auth rules list them. */
export const powerLevelFields: readonly PowerLevelField[] = Object.freeze([
  'users_default',
  'events_default',
  'state_default',
  'ban',
  'redact',
  'kick',
  'invite',
]);

/** The default of each field when absent, or when there is no power-levels event. */
export const powerLevelDefaults: Readonly<Record<PowerLevelField, number>> = Object.freeze({
  users_default: 0,
  events_default: 0,
  state_default: 50,
  ban: 50,
  redact: 50,
  kick: 50,
  invite: 0,
});

/** The default level of a notification key: `room` is 50 (the schema); other keys have no spec'd default and take 50 too. */
export const defaultNotificationLevel = 50;

/** The level the creator has when the room has no power-levels event (room versions 1 to 11). */
export const defaultCreatorPowerLevel = 100;

/**
 * A power-levels content as read in one room version. Malformed values are left
 * out of the maps and listed in `problems`, so the caller decides whether a
 * problem matters (the auth rules fail only when they need the value).
 */
export interface ParsedPowerLevels {
  /** The top-level fields that are present and valid. */
  readonly fields: Readonly<Partial<Record<PowerLevelField, number>>>;
  /** `events`: event type -> level. */
  readonly events: ReadonlyMap<string, number>;
  /** `notifications`: key -> level. */
  readonly notifications: ReadonlyMap<string, number>;
  /** `users`: user ID -> level. */
  readonly users: ReadonlyMap<string, number>;
  /** Malformed parts, by path (`ban`, `events`, `events.<type>`, `users.<id>`, ...). */
  readonly problems: readonly PowerLevelsProblem[];
  /** The paths of `problems`, for lookup. */
  readonly problemPaths: ReadonlySet<string>;
}

function readMap(
  content: Record<string, unknown>,
  key: 'events' | 'notifications' | 'users',
  rv: RoomVersion,
  problems: PowerLevelsProblem[],
): Map<string, number> {
  const out = new Map<string, number>();
  if (!Object.hasOwn(content, key)) return out;
  const raw = content[key];
  if (!isJsonObject(raw)) {
    problems.push({ path: key, reason: 'not an object' });
    return out;
  }
  for (const [k, v] of Object.entries(raw)) {
    if (key === 'users' && !isHistoricalUserId(k)) {
      problems.push({ path: `${key}.${k}`, reason: 'key is not a valid user ID' });
      continue;
    }
    const level = parsePowerLevelValue(v, rv);
    if (level === undefined) {
      problems.push({ path: `${key}.${k}`, reason: `${JSON.stringify(v) ?? String(v)} is not a valid power level in room version ${rv.id}` });
      continue;
    }
    out.set(k, level);
  }
  return out;
}

/**
 * Reads a power-levels content in a room version, keeping what is valid and
 * listing what is not. Never throws. The content is treated as immutable: the
 * result is cached per content object (weakly) and room version.
 *
 * @example
 * const pl = readPowerLevelsContent({ ban: '60', users: { '@a:x.org': 100 } }, '9');
 * pl.fields.ban; // 60
 * pl.problems; // []
 * readPowerLevelsContent({ ban: '60' }, '10').problems; // [{ path: 'ban', ... }]
 */
export function readPowerLevelsContent(content: unknown, roomVersion: RoomVersionInput): ParsedPowerLevels {
  const rv = resolveRoomVersion(roomVersion);
  // Contents are read as immutable: the result is cached per content object and room version.
  const cacheable = typeof content === 'object' && content !== null;
  const cached = cacheable ? cache.get(content)?.get(rv.id) : undefined;
  if (cached) return cached;
  const parsed = parseContent(content, rv);
  if (cacheable) {
    let byVersion = cache.get(content);
    if (!byVersion) cache.set(content, (byVersion = new Map()));
    byVersion.set(rv.id, parsed);
  }
  return parsed;
}

const cache = new WeakMap<object, Map<string, ParsedPowerLevels>>();

function parseContent(content: unknown, rv: RoomVersion): ParsedPowerLevels {
  const problems: PowerLevelsProblem[] = [];
  const fields: Partial<Record<PowerLevelField, number>> = {};
  let events = new Map<string, number>();
  let notifications = new Map<string, number>();
  let users = new Map<string, number>();
  if (!isJsonObject(content)) {
    problems.push({ path: '', reason: 'content is not an object' });
  } else {
    for (const field of powerLevelFields) {
      if (!Object.hasOwn(content, field)) continue;
      const level = parsePowerLevelValue(content[field], rv);
      if (level === undefined) {
        problems.push({ path: field, reason: `${JSON.stringify(content[field]) ?? String(content[field])} is not a valid power level in room version ${rv.id}` });
      } else {
        fields[field] = level;
      }
    }
    events = readMap(content, 'events', rv, problems);
    notifications = readMap(content, 'notifications', rv, problems);
    users = readMap(content, 'users', rv, problems);
  }
  return {
    fields,
    events,
    notifications,
    users,
    problems,
    problemPaths: new Set(problems.map((p) => p.path)),
  };
}

/** The typed result of {@link parsePowerLevelsContent}. */
export type PowerLevelsParseResult =
  | { readonly ok: true; readonly powerLevels: ParsedPowerLevels }
  | { readonly ok: false; readonly problems: readonly PowerLevelsProblem[] };

/**
 * Parses a power-levels content strictly: any malformed value makes the
 * result `ok: false` with every problem listed.
 *
 * @example
 * parsePowerLevelsContent({ kick: 50.5 }, '5'); // { ok: true, ... } (kick 50)
 * parsePowerLevelsContent({ kick: 50.5 }, '6'); // { ok: false, problems: [{ path: 'kick', ... }] }
 */
export function parsePowerLevelsContent(content: unknown, roomVersion: RoomVersionInput): PowerLevelsParseResult {
  const powerLevels = readPowerLevelsContent(content, roomVersion);
  return powerLevels.problems.length === 0 ? { ok: true, powerLevels } : { ok: false, problems: powerLevels.problems };
}

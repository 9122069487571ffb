/**
 * The `m.room.power_levels` authorization rules (rule 10 of v1 to v5, 9 of v6 to v11, 10 of v12).
 *
 * @module
 */
import type { RoomEvent } from '../events/pdu.js';
import { isJsonObject } from '../json/json-value.js';
import { powerLevelFields, readPowerLevelsContent } from '../power-levels/power-levels-content.js';
import type { RoomPowerLevels } from '../power-levels/room-power-levels.js';
import { getUserPowerLevel } from '../power-levels/room-power-levels.js';
import type { RoomVersion } from '../room-versions/room-version.js';
import type { AuthResult } from './auth-result.js';
import { AUTH_ALLOWED, rejectAuth } from './auth-result.js';

function isIntegerMap(value: unknown): boolean {
  return isJsonObject(value) && Object.values(value).every((v) => typeof v === 'number' && Number.isSafeInteger(v));
}

/**
 * The power-levels rules for a new `m.room.power_levels` event, given the
 * power levels in force before it (`current`, whose `powerLevels` is undefined
 * when the room has none yet).
 *
 * @example
 * checkPowerLevelsRules(newPowerLevels, current, getRoomVersion('10'));
 */
export function checkPowerLevelsRules(event: RoomEvent, current: RoomPowerLevels, rv: RoomVersion): AuthResult {
  const content = event.content;
  if (rv.integerPowerLevels) {
    // v10 rule 9.1: any of the seven fields present and not an integer -> reject
    for (const field of powerLevelFields) {
      if (Object.hasOwn(content, field)) {
        const v = content[field];
        if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
          return rejectAuth(rv, 'power_levels.fields_int', `${field} is ${JSON.stringify(v)}, not an integer`);
        }
      }
    }
    // v10 rule 9.2: events or notifications present and not an object of integers -> reject
    for (const key of ['events', 'notifications'] as const) {
      if (Object.hasOwn(content, key) && !isIntegerMap(content[key])) {
        return rejectAuth(rv, 'power_levels.maps_int', `${key} is not an object with integer values`);
      }
    }
  }
  // rule 10.1 (v10: 9.3): users not an object of valid user IDs to integers (v1 to v9: or integer strings) -> reject
  const next = readPowerLevelsContent(content, rv);
  const userProblem = next.problems.find((p) => p.path === 'users' || p.path.startsWith('users.'));
  if (userProblem) return rejectAuth(rv, 'power_levels.users', `users: ${userProblem.path} ${userProblem.reason}`);

  // v12 rule 10.4: users contains a creator -> reject
  if (rv.privilegedCreators) {
    for (const creator of current.creators) {
      if (next.users.has(creator)) return rejectAuth(rv, 'power_levels.creators', `users lists the room creator ${creator}`);
    }
  }
  // rule 10.2: no previous m.room.power_levels -> allow
  const previous = current.powerLevels;
  if (!previous) return AUTH_ALLOWED;

  // v1 to v9 can hold malformed values outside `users` (rule 10.1 validates only users, and the first
  // power-levels event is allowed unread): comparing such a value is impossible, so reject.
  const unreadable = [...next.problems, ...previous.problems].find(
    (p) => rv.limitNotificationsPowerLevels || !(p.path === 'notifications' || p.path.startsWith('notifications.')),
  );
  if (unreadable) return rejectAuth(rv, 'power_levels.compare', `cannot compare power levels: ${unreadable.path} ${unreadable.reason}`);

  const senderLevel = getUserPowerLevel(current, event.sender);
  // rule 10.3: each of the seven fields added, changed or removed
  for (const field of powerLevelFields) {
    const before = previous.fields[field];
    const after = next.fields[field];
    if (before === after) continue;
    // rule 10.3.1: the current value above the sender's level -> reject
    if (before !== undefined && before > senderLevel) {
      return rejectAuth(rv, 'power_levels.fields', `${field} is ${before}, above ${event.sender}'s level ${senderLevel}`);
    }
    // rule 10.3.2: the new value above the sender's level -> reject
    if (after !== undefined && after > senderLevel) {
      return rejectAuth(rv, 'power_levels.fields', `${field} would be ${after}, above ${event.sender}'s level ${senderLevel}`);
    }
  }
  // rules 10.4 and 10.5: events (v6: and notifications)
  const maps: Array<[string, ReadonlyMap<string, number>, ReadonlyMap<string, number>]> = [['events', previous.events, next.events]];
  if (rv.limitNotificationsPowerLevels) maps.push(['notifications', previous.notifications, next.notifications]);
  for (const [name, before, after] of maps) {
    for (const [key, old] of before) {
      // rule 10.4: an entry changed or removed whose current value is above the sender's level -> reject
      if (after.get(key) !== old && old > senderLevel) {
        return rejectAuth(rv, 'power_levels.events_old', `${name}.${key} is ${old}, above ${event.sender}'s level ${senderLevel}`);
      }
    }
    for (const [key, value] of after) {
      // rule 10.5: an entry added or changed whose new value is above the sender's level -> reject
      if (before.get(key) !== value && value > senderLevel) {
        return rejectAuth(rv, 'power_levels.events_new', `${name}.${key} would be ${value}, above ${event.sender}'s level ${senderLevel}`);
      }
    }
  }
  const before = previous.users;
  const after = next.users;
  for (const [user, old] of before) {
    // rule 10.6: an entry other than the sender's changed or removed whose current value is >= the sender's level -> reject
    if (user !== event.sender && after.get(user) !== old && old >= senderLevel) {
      return rejectAuth(rv, 'power_levels.users_old', `users.${user} is ${old}, not below ${event.sender}'s level ${senderLevel}`);
    }
  }
  for (const [user, value] of after) {
    // rule 10.7: an entry added or changed whose new value is above the sender's level -> reject
    if (before.get(user) !== value && value > senderLevel) {
      return rejectAuth(rv, 'power_levels.users_new', `users.${user} would be ${value}, above ${event.sender}'s level ${senderLevel}`);
    }
  }
  // rule 10.8: otherwise allow
  return AUTH_ALLOWED;
}

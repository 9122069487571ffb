/**
 * One power-level value, read per room version.
 *
 * - v10 onwards (`integerPowerLevels`): a JSON integer only.
 * - v1 to v9 ("stringy" fragment): an integer, or a string holding a base-10
 *   integer with optional sign, leading zeroes and surrounding whitespace
 *   (`" +0100 "` is 100).
 * - v1 to v5 only ("floaty" fragment, no canonical JSON yet): a float is
 *   truncated at the decimal point (`50.57` is 50); `Infinity`/`NaN` (what a JSON
 *   parser gives for out-of-range numbers) are malformed. From v6 canonical JSON
 *   forbids floats, so a non-integer number is malformed there.
 *
 * Integers outside the canonical JSON range are malformed from v6.
 *
 * @module
 */
import type { RoomVersion } from '../room-versions/room-version.js';

const MAX_CANONICAL = Number.MAX_SAFE_INTEGER;
const STRINGY_INTEGER = /^[+-]?[0-9]+$/;

/**
 * Reads one power-level value in the given room version: the level, or
 * undefined when the value is not a valid power level there.
 *
 * @example
 * parsePowerLevelValue(' +050 ', getRoomVersion('9')); // 50
 * parsePowerLevelValue('50', getRoomVersion('10')); // undefined
 * parsePowerLevelValue(50.57, getRoomVersion('5')); // 50
 * parsePowerLevelValue(50.57, getRoomVersion('6')); // undefined
 */
export function parsePowerLevelValue(value: unknown, roomVersion: RoomVersion): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined; // floaty fragment: Infinity, -Infinity, NaN rejected
    if (Number.isInteger(value)) {
      if (roomVersion.strictCanonicalJson && Math.abs(value) > MAX_CANONICAL) return undefined;
      return value === 0 ? 0 : value;
    }
    if (roomVersion.strictCanonicalJson || roomVersion.integerPowerLevels) return undefined;
    const truncated = Math.trunc(value); // floaty fragment: truncate at the decimal point
    return truncated === 0 ? 0 : truncated;
  }
  if (typeof value === 'string' && !roomVersion.integerPowerLevels) {
    // stringy fragment: optional whitespace, optional single sign, base-10 digits
    const trimmed = value.trim();
    if (!STRINGY_INTEGER.test(trimmed)) return undefined;
    const parsed = Number(trimmed);
    if (!Number.isFinite(parsed)) return undefined;
    if (roomVersion.strictCanonicalJson && Math.abs(parsed) > MAX_CANONICAL) return undefined;
    return parsed === 0 ? 0 : parsed;
  }
  return undefined;
}

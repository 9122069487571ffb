/**
 * The error for a power-levels content that cannot be read.
 *
 * @module
 */

/** One malformed part of an `m.room.power_levels` content. */
export interface PowerLevelsProblem {
  /** The path of the value: `ban`, `users`, `users.@alice:example.org`, `events.m.room.name`, ... */
  readonly path: string;
  /** What is wrong with it. */
  readonly reason: string;
}

/**
 * Thrown when a power level is needed but the `m.room.power_levels` content
 * holds a malformed value there (v1 to v9 can accept such an event into the
 * room when it is the first one, since only `users` is validated then).
 */
export class MalformedPowerLevelsError extends Error {
  override readonly name = 'MalformedPowerLevelsError';
  /** @param problems - the malformed parts, at least one */
  constructor(readonly problems: readonly PowerLevelsProblem[]) {
    super(`malformed m.room.power_levels: ${problems.map((p) => `${p.path}: ${p.reason}`).join('; ')}`);
  }
}

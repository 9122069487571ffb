/**
 * The error thrown when an event lacks what an algorithm must read.
 *
 * @module
 */

/**
 * Thrown when an event is not shaped as an algorithm needs it: not a JSON object,
 * `content` not an object, `type` or `sender` not a string, a v1/v2 `event_id`
 * that is missing or malformed, and the like. The message names the field.
 *
 * A signature or hash that does not check out is not malformed input: those
 * checks return `false` instead.
 */
export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
  /**
   * @param field - the path of the offending field, e.g. `content` or `event_id`
   * @param problem - what is wrong with it
   */
  constructor(
    readonly field: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`malformed event: ${field} ${problem}`, options);
  }
}

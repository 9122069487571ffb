/**
 * A provider given as an object or as its `getEvents` function.
 *
 * @module
 */
import type { EventsAnswer, MaybePromise, StateResolutionProvider } from './types.js';

/** A provider, or just its `getEvents` function. */
export type StateResolutionProviderInput =
  | StateResolutionProvider
  | ((eventIds: readonly string[]) => MaybePromise<EventsAnswer>);

/**
 * The provider of a `StateResolutionProviderInput`.
 *
 * @example
 * toProvider((ids) => events).getEvents(['$a']);
 */
export function toProvider(input: StateResolutionProviderInput): StateResolutionProvider {
  return typeof input === 'function' ? { getEvents: input } : input;
}


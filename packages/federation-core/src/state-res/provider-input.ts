/**
 * A provider given as an object or as its `getEvents` function.
 *
 * @module
 */
import type { RoomEvent } from '../events/pdu.js';
import type { MaybePromise, StateResolutionProvider } from './types.js';

/** A provider, or just its `getEvents` function. */
export type StateResolutionProviderInput =
  | StateResolutionProvider
  | ((eventIds: readonly string[]) => MaybePromise<ReadonlyMap<string, RoomEvent>>);

/**
 * The provider of a `StateResolutionProviderInput`.
 *
 * @example
 * toProvider((ids) => events).getEvents(['$a']);
 */
export function toProvider(input: StateResolutionProviderInput): StateResolutionProvider {
  return typeof input === 'function' ? { getEvents: input } : input;
}


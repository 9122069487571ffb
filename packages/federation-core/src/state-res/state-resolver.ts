/**
 * A state resolver for one room that keeps what it has read between resolutions.
 *
 * @module
 */
import type { StateKey } from '../events/pdu.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { defaultAuthRules } from './auth-rules.js';
import { EventGraph } from './event-graph.js';
import type { StateResolutionProviderInput } from './provider-input.js';
import { toProvider } from './provider-input.js';
import { resolveStateV1 } from './resolve-state-v1.js';
import { resolveStateV2 } from './resolve-state-v2.js';
import type { ResolveStateOptions, StateMap } from './types.js';

/** Resolves state sets of one room, reusing the events and auth graph read by earlier resolutions. */
export interface StateResolver {
  /** Resolves state sets exactly as `resolveState` does. */
  resolve(stateSets: readonly StateMap[]): Promise<Map<StateKey, string>>;
  /** The number of events read and kept so far. */
  readonly size: number;
}

/**
 * A resolver for one room: like `resolveState`, but the events it reads, their
 * auth events (as integers) and their room check are kept, so that later
 * resolutions of the same room only walk what they did not read before. Events
 * are immutable (their IDs are hashes from room v3), so keeping them is safe;
 * events that were missing are asked for again by each resolution. The auth events
 * of the last resolution's unconflicted events are kept too: those of the next
 * resolution that line up with them, in order, are not read again (state maps
 * derived from one another keep their keys' order). It holds the room's events in
 * memory: drop it to free them.
 *
 * @throws {UnsupportedRoomVersionError} for an unknown room version.
 * @example
 * const resolver = createStateResolver('10', (ids) => store.getEvents(ids), { roomId });
 * const state = await resolver.resolve([stateAfterA, stateAfterB]);
 */
export function createStateResolver(
  roomVersion: RoomVersionInput,
  provider: StateResolutionProviderInput,
  options: ResolveStateOptions = {},
): StateResolver {
  const rv = resolveRoomVersion(roomVersion);
  const graph = new EventGraph(rv, toProvider(provider), options);
  const rules = defaultAuthRules(rv, options.isSignedBy);
  return {
    async resolve(stateSets) {
      if (stateSets.length === 0) return new Map();
      if (stateSets.length === 1) return new Map(stateSets[0]!);
      graph.beginResolution();
      return rv.stateResolution === 'v1' ? resolveStateV1(graph, stateSets, rules) : resolveStateV2(graph, stateSets, rules);
    },
    get size() {
      return graph.size;
    },
  };
}

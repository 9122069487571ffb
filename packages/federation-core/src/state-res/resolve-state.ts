/**
 * State resolution: v1 (room v1), v2 (rooms v2 to v11) and v2.1 (room v12).
 *
 * @module
 */
import type { StateKey } from '../events/pdu.js';
import type { RoomVersionInput } from '../room-versions/room-version.js';
import type { StateResolutionProviderInput } from './provider-input.js';
import { createStateResolver } from './state-resolver.js';
import type { ResolveStateOptions, StateMap } from './types.js';

/**
 * Resolves a room's state sets into one state (spec: "Room State Resolution" of
 * the server-server API and the state resolution section of each room version):
 * - room v1: the v1 algorithm (`stateResolution: 'v1'`);
 * - rooms v2 to v11: v2 (`'v2'`);
 * - room v12: v2.1 (`'v2.1'`), whose first iterative auth checks start from an
 *   empty state map and whose full conflicted set adds the conflicted state subgraph.
 *
 * Input: each state set maps `stateKeyOf(type, stateKey)` to an event ID (the
 * state after each `prev_event`); the provider supplies events by ID, in batches.
 * Output: a new map; the input maps are not modified. No state sets give an
 * empty map; one state set gives a copy of it.
 *
 * Bad input: an unknown room version throws `UnsupportedRoomVersionError`; an
 * event of another room `EventRoomMismatchError`; a cycle of auth events
 * `AuthEventCycleError`; an event without a usable `auth_events`, `depth` (v1)
 * or `origin_server_ts` `MalformedEventError`; a power level that cannot be read
 * where the ordering needs it `MalformedPowerLevelsError` (as Synapse and Ruma
 * fail). Events the provider lacks are left out (conflicted events) or skipped
 * (auth events), as Synapse and Ruma do, unless `options.missingEvents` is
 * `'throw'`.
 *
 * Rejected events (`provider.isRejected`) are never used as auth events during
 * the iterative auth checks; otherwise they take part as usual (spec: "Rejected
 * events").
 *
 * To resolve the same room repeatedly, `createStateResolver` keeps the events
 * and auth graph read between resolutions.
 *
 * @throws {UnsupportedRoomVersionError | StateResolutionError | MalformedEventError | MalformedPowerLevelsError}
 * @example
 * const events = new Map(allEvents.map((e) => [e.event_id, e]));
 * const resolved = await resolveState('10', [stateAfterA, stateAfterB], (ids) => events);
 * resolved.get(stateKeyOf('m.room.power_levels', '')); // the winning power levels event ID
 */
export async function resolveState(
  roomVersion: RoomVersionInput,
  stateSets: readonly StateMap[],
  provider: StateResolutionProviderInput,
  options: ResolveStateOptions = {},
): Promise<Map<StateKey, string>> {
  return createStateResolver(roomVersion, provider, options).resolve(stateSets);
}

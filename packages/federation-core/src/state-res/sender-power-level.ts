/**
 * The power level of an event's sender "when looking at their respective
 * `auth_event`s", for the reverse topological power ordering.
 *
 * @module
 */
import { getUserPowerLevel, powerLevelsFromEvents } from '../power-levels/room-power-levels.js';
import type { EventGraph } from './event-graph.js';

/**
 * The power level of the sender of a node's event, read from the
 * `m.room.power_levels` and `m.room.create` events among its own auth events
 * (for v12, the create event implied by the room ID), as Synapse and Ruma read
 * it: infinite for a v12 creator; else the `users` entry or `users_default`;
 * with no power-levels auth event, 100 for the creator and 0 for anyone else.
 * Values are parsed per room version by the shared power-levels helpers, so a
 * malformed value throws `MalformedPowerLevelsError` (Synapse and Ruma fail too).
 * A missing event has level 0.
 */
export function senderPowerLevel(graph: EventGraph, n: number): number {
  const event = graph.event(n);
  if (event === undefined) return 0;
  const pl = graph.powerLevelsAuthEvent(n);
  const create = graph.createAuthEvent(n);
  const levels = powerLevelsFromEvents(
    create >= 0 ? graph.event(create) : undefined,
    pl >= 0 ? graph.event(pl) : undefined,
    graph.roomVersion,
  );
  return getUserPowerLevel(levels, event.sender);
}

/**
 * Reading room state out of the store: state maps, the events behind them, and the
 * state resolution that merges several.
 *
 * @module
 */
import {
  resolveState,
  stateKeyOf,
  type RoomEvent,
  type RoomVersion,
  type StateKey,
} from '@maxtryx/federation-core';
import type { Store } from '@maxtryx/storage-adapters';
import { toRoomEvent } from './room-events.js';

/** A state map: state key to event ID. */
export type StateIds = Map<StateKey, string>;

/** Loads the events of a state map (all of them, or those of `keys`). */
export async function loadStateEvents(
  store: Store,
  state: ReadonlyMap<StateKey, string>,
  keys?: Iterable<StateKey>,
): Promise<Map<StateKey, RoomEvent>> {
  const wanted = keys ? [...keys].filter((k) => state.has(k)) : [...state.keys()];
  const ids = wanted.map((k) => state.get(k)!);
  const events = new Map((await store.getEvents(ids)).map((e) => [e.eventId, toRoomEvent(e)]));
  const out = new Map<StateKey, RoomEvent>();
  for (const k of wanted) {
    const e = events.get(state.get(k)!);
    if (e) out.set(k, e);
  }
  return out;
}

/** The state after an event: the state before it, plus the event if it is a state event. */
export function stateAfter(before: ReadonlyMap<StateKey, string>, event: RoomEvent): StateIds {
  const after = new Map(before);
  if (typeof event.state_key === 'string') after.set(stateKeyOf(event.type, event.state_key), event.event_id);
  return after;
}

/** Resolves several state maps with the room version's algorithm, reading events from the store. */
export async function resolveStates(
  store: Store,
  roomId: string,
  rv: RoomVersion,
  sets: readonly ReadonlyMap<StateKey, string>[],
): Promise<StateIds> {
  const distinct = sets.filter((s, i) => sets.findIndex((t) => sameState(s, t)) === i);
  if (distinct.length === 1) return new Map(distinct[0]!);
  const rejected = new Set<string>();
  return resolveState(
    rv,
    distinct,
    {
      // The store answers in the order asked (missing events left out): passed on as a
      // list, which state resolution reads as it is, without building a map of the room.
      getEvents: async (ids) => {
        const found = await store.getEvents(ids);
        const out: RoomEvent[] = [];
        for (const e of found) {
          if (e.roomId !== roomId) continue;
          if (e.status === 'rejected') rejected.add(e.eventId);
          out.push(toRoomEvent(e));
        }
        return out;
      },
      isRejected: (id) => rejected.has(id),
    },
    { roomId },
  );
}

/** Whether two state maps are equal. */
export function sameState(a: ReadonlyMap<StateKey, string>, b: ReadonlyMap<StateKey, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** The current-state change from `before` to `after`. */
export function stateChange(
  before: ReadonlyMap<StateKey, string>,
  after: ReadonlyMap<StateKey, string>,
): { set: Map<StateKey, string>; remove: StateKey[] } {
  const set = new Map<StateKey, string>();
  for (const [k, v] of after) if (before.get(k) !== v) set.set(k, v);
  const remove = [...before.keys()].filter((k) => !after.has(k));
  return { set, remove };
}

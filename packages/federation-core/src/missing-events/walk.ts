/**
 * Breadth-first walks of `prev_events` for get_missing_events and backfill
 * (server-server API, "Backfilling and retrieving missing events").
 *
 * Both walks ask their source for one batch of events per level of the walk, never
 * one event at a time, and only ever return or follow events of the requested room.
 *
 * @module
 */
import { prevEventIds, type RoomEvent } from '../events/pdu.js';

/** Where the walks read events: one batched lookup per level. */
export interface RoomEventSource {
  /**
   * The events among `eventIds` that belong to `roomId` and have `depth >= minDepth`,
   * in any order; unknown IDs and events of other rooms are simply absent.
   */
  getEventsInRoom(
    roomId: string,
    eventIds: readonly string[],
    minDepth: number,
  ): Promise<Iterable<RoomEvent>> | Iterable<RoomEvent>;
}

/** Bounds of a walk. */
export interface WalkOptions {
  /**
   * The most IDs asked for in one level. A level wider than this (only hostile or
   * broken data makes one: each PDU has at most 20 `prev_events`) is cut to its
   * first IDs in sorted order. Default 1,000.
   */
  readonly maxLevelWidth?: number;
}

/** What a walk returns: the events, and how many batched lookups it made. */
export interface WalkResult {
  /** In walk order: level by level; within a level by depth descending, then event ID. */
  readonly events: RoomEvent[];
  /** The number of batched lookups made (one per level walked). */
  readonly lookups: number;
}

/** Stable order inside one level: deeper (newer) events first, then by event ID. */
function byDepthThenId(a: RoomEvent, b: RoomEvent): number {
  if (a.depth !== b.depth) return b.depth - a.depth;
  return a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0;
}

async function fetchLevel(
  source: RoomEventSource,
  roomId: string,
  ids: string[],
  minDepth: number,
  width: number,
): Promise<RoomEvent[]> {
  const asked = ids.length > width ? [...ids].sort().slice(0, width) : ids;
  const wanted = new Set(asked);
  const found: RoomEvent[] = [];
  const seen = new Set<string>();
  for (const event of await source.getEventsInRoom(roomId, asked, minDepth)) {
    // Trust nothing: an event of another room, one not asked for, or one below min_depth is dropped.
    if (event.room_id !== roomId || !wanted.has(event.event_id) || seen.has(event.event_id)) continue;
    if (!(event.depth >= minDepth)) continue;
    seen.add(event.event_id);
    found.push(event);
  }
  return found.sort(byDepthThenId);
}

/**
 * get_missing_events: a breadth-first walk of `prev_events` starting from the
 * `latest_events`, which are never returned themselves, skipping everything in
 * `earliest_events`, not going below `minDepth`, and stopping at `limit` events.
 *
 * @example
 * const { events } = await getMissingEvents(store, {
 *   roomId: '!room:a.org', latestEvents: ['$latest'], earliestEvents: ['$known'], limit: 10, minDepth: 0,
 * });
 */
export async function getMissingEvents(
  source: RoomEventSource,
  request: {
    readonly roomId: string;
    readonly latestEvents: readonly string[];
    readonly earliestEvents: readonly string[];
    readonly limit: number;
    readonly minDepth: number;
  },
  options: WalkOptions = {},
): Promise<WalkResult> {
  const width = options.maxLevelWidth ?? 1000;
  const { roomId, limit, minDepth } = request;
  // The latest and earliest events are never returned nor walked into again.
  const visited = new Set<string>([...request.latestEvents, ...request.earliestEvents]);
  const events: RoomEvent[] = [];
  let lookups = 0;
  // Level 0: the latest events themselves, to read their prev_events (min_depth
  // does not apply to them: it bounds what is returned).
  let level = await fetchLevel(source, roomId, [...request.latestEvents], 0, width);
  lookups++;
  let first = true;
  while (level.length > 0 && events.length < limit) {
    if (!first) {
      for (const event of level) {
        if (events.length >= limit) break;
        events.push(event);
      }
      if (events.length >= limit) break;
    }
    first = false;
    const next: string[] = [];
    for (const event of level) {
      for (const id of prevEventIds(event)) {
        if (visited.has(id)) continue;
        visited.add(id);
        next.push(id);
      }
    }
    if (next.length === 0) break;
    level = await fetchLevel(source, roomId, next, minDepth, width);
    lookups++;
  }
  return { events, lookups };
}

/**
 * backfill: the events given in `fromEventIds` and those that precede them, walked
 * breadth-first over `prev_events`, up to `limit` events in total.
 *
 * @example
 * const { events } = await backfill(store, '!room:a.org', ['$from'], 20);
 */
export async function backfill(
  source: RoomEventSource,
  roomId: string,
  fromEventIds: readonly string[],
  limit: number,
  options: WalkOptions = {},
): Promise<WalkResult> {
  const width = options.maxLevelWidth ?? 1000;
  const visited = new Set<string>(fromEventIds);
  const events: RoomEvent[] = [];
  let lookups = 0;
  let ids = [...visited];
  while (ids.length > 0 && events.length < limit) {
    const level = await fetchLevel(source, roomId, ids, 0, width);
    lookups++;
    const next: string[] = [];
    for (const event of level) {
      if (events.length >= limit) break;
      events.push(event);
      for (const id of prevEventIds(event)) {
        if (visited.has(id)) continue;
        visited.add(id);
        next.push(id);
      }
    }
    ids = next;
  }
  return { events, lookups };
}

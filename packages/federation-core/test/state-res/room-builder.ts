// Builds PDUs for state resolution tests from compact fixture data, in the format of
// each room version, and an in-memory provider over them.
import type { EventReference, JsonObject, RoomEvent, StateKey, StateResolutionProvider } from '@maxtryx/federation-core';
import { getRoomVersion, stateKeyOf } from '@maxtryx/federation-core';

/** A compact event of a fixture: its ID, what it says, and its explicit auth and prev events. */
export interface CompactEvent {
  id: string;
  type: string;
  state_key?: string;
  sender: string;
  content: JsonObject;
  auth: string[];
  prev: string[];
  ts: number;
  /** Content for some room versions instead of `content`. */
  contentByVersion?: Record<string, JsonObject>;
}

/** The room ID of a fixture room in a room version: v12 derives it from the create event's ID. */
export function roomIdFor(roomVersion: string, createId: string): string {
  return getRoomVersion(roomVersion).roomIdIsCreateEventHash ? '!' + createId.slice(1) : '!room:example.com';
}

/**
 * A full PDU in the room version's format: references as `[id, hashes]` pairs in
 * v1/v2, plain IDs later; the create event is added to `auth_events` where the room
 * version lists it (not v12), and the v12 create event has no `room_id`.
 */
export function buildEvent(roomVersion: string, e: CompactEvent, createId: string, depth: number): RoomEvent {
  const rv = getRoomVersion(roomVersion);
  const isCreate = e.type === 'm.room.create';
  // The create event is listed in auth_events up to v11; v12 never lists it (the room ID implies it).
  const listed = e.auth.filter((id) => id !== createId);
  const auth = !isCreate && rv.createEventInAuthEvents ? [createId, ...listed] : listed;
  const ref = (id: string): EventReference => (rv.eventFormat === 'v1' ? [id, { sha256: 'AAAA' }] : id);
  let content = e.contentByVersion?.[roomVersion] ?? e.content;
  if (isCreate) {
    content = { ...content, room_version: roomVersion };
    if (!rv.creatorIsCreateEventSender) content['creator'] = e.sender;
  }
  const event: RoomEvent = {
    event_id: e.id,
    type: e.type,
    sender: e.sender,
    content,
    origin_server_ts: e.ts,
    depth,
    prev_events: e.prev.map(ref),
    auth_events: auth.map(ref),
    hashes: { sha256: 'AAAA' },
    signatures: {},
  };
  if (!(isCreate && rv.roomIdIsCreateEventHash)) event.room_id = roomIdFor(roomVersion, createId);
  if (e.state_key !== undefined) event.state_key = e.state_key;
  return event;
}

/** Builds every event of a fixture (create event first), computing depths from `prev`. */
export function buildEvents(roomVersion: string, events: readonly CompactEvent[]): Map<string, RoomEvent> {
  const create = events.find((e) => e.type === 'm.room.create');
  if (!create) throw new Error('fixture without create event');
  const depths = new Map<string, number>();
  const out = new Map<string, RoomEvent>();
  for (const e of events) {
    const depth = 1 + Math.max(0, ...e.prev.map((p) => depths.get(p) ?? 0));
    depths.set(e.id, depth);
    out.set(e.id, buildEvent(roomVersion, e, create.id, depth));
  }
  return out;
}

/** The state map of a list of state event IDs. */
export function stateOf(events: ReadonlyMap<string, RoomEvent>, ids: readonly string[]): Map<StateKey, string> {
  const state = new Map<StateKey, string>();
  for (const id of ids) {
    const e = events.get(id);
    if (!e || e.state_key === undefined) throw new Error(`not a state event: ${id}`);
    state.set(stateKeyOf(e.type, e.state_key), id);
  }
  return state;
}

/** Sorted `[key, id]` pairs of a state map, for readable comparisons. */
export function entries(state: ReadonlyMap<StateKey, string>): [string, string][] {
  return [...state].map(([k, v]): [string, string] => [k.replace('\u0000', '|'), v]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** An in-memory provider that counts its batched lookups and can mark events rejected. */
export class MemoryProvider implements StateResolutionProvider {
  /** The number of `getEvents` calls. */
  calls = 0;
  /** The number of IDs asked for, over all calls. */
  asked = 0;
  constructor(
    readonly events: ReadonlyMap<string, RoomEvent>,
    readonly rejected: ReadonlySet<string> = new Set(),
  ) {}
  getEvents(ids: readonly string[]): Map<string, RoomEvent> {
    this.calls++;
    this.asked += ids.length;
    const out = new Map<string, RoomEvent>();
    for (const id of ids) {
      const e = this.events.get(id);
      if (e) out.set(id, e);
    }
    return out;
  }
  isRejected(id: string): boolean {
    return this.rejected.has(id);
  }
}

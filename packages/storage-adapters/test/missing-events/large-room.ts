// A large room for the get_missing_events and backfill tests and benchmark: mostly a chain
// of messages with merges (an event with two prev events) and forks, plus a small second
// room whose event IDs some events of the large room wrongly cite as prev events.
import type { RoomEvent, RoomEventSource } from '@maxtryx/federation-core';
import type { EventInput, Store } from '@maxtryx/storage-adapters';
import { makePdu, rng } from '../conformance/room-generator.js';

/** The generated rooms, and a plain in-memory reference source over them. */
export interface LargeRoom {
  readonly roomId: string;
  readonly otherRoomId: string;
  readonly inputs: EventInput[];
  /** Event IDs of the large room, in creation order. */
  readonly ids: string[];
  readonly reference: RoomEventSource;
}

/** Builds a room of `count` events (and a 100-event other room). Deterministic. */
export function generateLargeRoom(count: number, seed = 7): LargeRoom {
  const random = rng(seed);
  const roomId = '!large:example.org';
  const otherRoomId = '!other:example.org';
  const inputs: EventInput[] = [];
  const byId = new Map<string, RoomEvent>();
  const add = (room: string, id: string, prevs: string[], depth: number, type = 'm.room.message') => {
    const pdu = makePdu({ roomId: room, type, sender: '@u:example.org', depth, prevs, auths: [], ...(type === 'm.room.create' ? { stateKey: '' } : {}), content: { body: id } });
    inputs.push({ roomVersion: '10', eventId: id, pdu, status: 'accepted' });
    byId.set(id, { ...pdu, event_id: id } as RoomEvent);
  };
  for (let i = 0; i < 100; i++) add(otherRoomId, `$other-${i}`, i === 0 ? [] : [`$other-${i - 1}`], i + 1, i === 0 ? 'm.room.create' : 'm.room.message');
  const ids: string[] = [];
  const depthOf = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const id = `$large-${i}`;
    let prevs: string[] = [];
    if (i > 0) {
      prevs = [ids[i - 1]!];
      const r = random();
      // A merge with an older event (a fork that rejoins), or a bad reference to the other room.
      if (r < 0.1 && i > 10) prevs.push(ids[i - 2 - Math.floor(random() * 8)]!);
      else if (r < 0.11) prevs.push(`$other-${Math.floor(random() * 100)}`);
    }
    const depth = 1 + Math.max(0, ...prevs.map((p) => depthOf.get(p) ?? 0));
    depthOf.set(id, depth);
    add(roomId, id, prevs, depth, i === 0 ? 'm.room.create' : 'm.room.message');
    ids.push(id);
  }
  const reference: RoomEventSource = {
    getEventsInRoom: (room, eventIds, minDepth) =>
      eventIds.map((id) => byId.get(id)).filter((e): e is RoomEvent => e !== undefined && e.room_id === room && e.depth >= minDepth),
  };
  return { roomId, otherRoomId, inputs, ids, reference };
}

/** Writes the rooms into a store in batches. */
export async function loadLargeRoom(store: Store, room: LargeRoom, batch = 2000): Promise<void> {
  for (let i = 0; i < room.inputs.length; i += batch) await store.putEvents(room.inputs.slice(i, i + batch));
}

/** The walks' event source over a store, counting its batched lookups. */
export function countingSource(store: Store): RoomEventSource & { calls: number } {
  const source = {
    calls: 0,
    async getEventsInRoom(roomId: string, eventIds: readonly string[], minDepth: number): Promise<RoomEvent[]> {
      source.calls++;
      const found = await store.getEventsInRoom(roomId, eventIds, minDepth);
      return found.map((e) => ({ ...e.pdu, event_id: e.eventId }) as RoomEvent);
    },
  };
  return source;
}

/**
 * Small conversions between stored events and the event views the algorithms take.
 *
 * @module
 */
import { getRoomVersion, stateKeyOf, type RoomEvent, type RoomVersion, type StateKey } from '@maxtryx/federation-core';
import type { StoredEvent } from '@maxtryx/storage-adapters';

/** The stored event as the algorithms see it: its PDU with `event_id` attached. */
export function toRoomEvent(stored: StoredEvent): RoomEvent {
  return { ...stored.pdu, event_id: stored.eventId } as RoomEvent;
}

/** The room version of a room's create event (`room_version` absent means "1"). */
export function roomVersionOfCreate(create: { content?: unknown }): RoomVersion {
  const content = create.content as { room_version?: unknown } | undefined;
  const id = typeof content?.room_version === 'string' ? content.room_version : '1';
  return getRoomVersion(id);
}

/** The state key of a state event. */
export function stateKeyOfEvent(event: { type: string; state_key?: string }): StateKey | undefined {
  return typeof event.state_key === 'string' ? stateKeyOf(event.type, event.state_key) : undefined;
}

/** The server part of a user ID, event ID (v1) or room ID (before v12). */
export function serverOf(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}

/** Serialises async work per key: each task starts when the previous one for that key ends. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task of `key`. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

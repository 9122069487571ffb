/**
 * Which events of a room are redacted, and by which redaction (client-server API
 * "Redactions"). The store keeps every PDU as received, so the redactions of a room are
 * indexed here: built by reading the room's accepted events in stream order once, then
 * kept up to date from the last position read.
 *
 * A redaction applies when its sender may redact the event: the same server as the
 * event's sender, or the redact power level in the state before the redaction (room
 * versions 3 and later leave this check to the point of applying a redaction;
 * versions 1 and 2 make it in the auth rules, to the same effect).
 *
 * @module
 */
import { canRedact, getRoomVersion, powerLevelsFromState, stateKeyOf, type RoomEvent } from '@maxtryx/federation-core';
import type { Store, StoredEvent } from '@maxtryx/storage-adapters';
import { KeyedMutex, serverOf, toRoomEvent } from '../rooms/room-events.js';
import { loadStateEvents } from '../rooms/room-state.js';

const PAGE = 500;

interface RoomIndex {
  /** Stream position read up to. */
  scanned: number;
  /** Redacted event ID -> the IDs of the redactions naming it, oldest first. */
  readonly byTarget: Map<string, string[]>;
}

/** The event a redaction names (top-level `redacts` before v11, `content.redacts` from v11). */
export function redactsOf(event: { type: string; redacts?: unknown; content?: unknown }, roomVersion: string): string | undefined {
  if (event.type !== 'm.room.redaction') return undefined;
  const inContent = (event.content as { redacts?: unknown } | undefined)?.redacts;
  const top = event.redacts;
  const rv = getRoomVersion(roomVersion);
  const value = rv.redactsInContent ? (inContent ?? top) : (top ?? inContent);
  return typeof value === 'string' ? value : undefined;
}

/** The redactions of every room the server has been asked about. */
export class RedactionIndex {
  private readonly rooms = new Map<string, RoomIndex>();
  private readonly mutex = new KeyedMutex();
  /** Redaction event ID + target ID -> whether it may redact that event. */
  private readonly valid = new Map<string, boolean>();

  constructor(private readonly store: Store) {}

  /** For each of `events` (of one room) that a valid redaction names: that redaction. */
  async redactionsFor(roomId: string, events: readonly StoredEvent[]): Promise<Map<string, RoomEvent>> {
    const out = new Map<string, RoomEvent>();
    if (events.length === 0) return out;
    const index = await this.catchUp(roomId);
    for (const event of events) {
      const ids = index.byTarget.get(event.eventId);
      if (!ids) continue;
      for (const redaction of await this.store.getEvents(ids)) {
        if (await this.isValid(roomId, redaction, event)) {
          out.set(event.eventId, toRoomEvent(redaction));
          break;
        }
      }
    }
    return out;
  }

  private async isValid(roomId: string, redaction: StoredEvent, target: StoredEvent): Promise<boolean> {
    const key = `${redaction.eventId}\u0000${target.eventId}`;
    const known = this.valid.get(key);
    if (known !== undefined) return known;
    let ok = serverOf(redaction.sender) === serverOf(target.sender);
    if (!ok) {
      const before = await this.store.getStateBefore(roomId, redaction.eventId);
      if (before) {
        const state = await loadStateEvents(this.store, before, [stateKeyOf('m.room.create', ''), stateKeyOf('m.room.power_levels', '')]);
        try {
          const pl = powerLevelsFromState((type, stateKey) => state.get(stateKeyOf(type, stateKey)), redaction.roomVersion);
          ok = canRedact(pl, redaction.sender);
        } catch {
          ok = false;
        }
      }
    }
    this.valid.set(key, ok);
    if (this.valid.size > 100_000) this.valid.delete(this.valid.keys().next().value!);
    return ok;
  }

  /** Reads the room's events written since the last call. */
  private catchUp(roomId: string): Promise<RoomIndex> {
    return this.mutex.run(roomId, async () => {
      let index = this.rooms.get(roomId);
      if (!index) {
        index = { scanned: 0, byTarget: new Map() };
        this.rooms.set(roomId, index);
      }
      for (;;) {
        const page = await this.store.getRoomEventsByStream(roomId, {
          from: index.scanned,
          direction: 'forwards',
          limit: PAGE,
          statuses: ['accepted'],
        });
        for (const e of page) {
          index.scanned = Math.max(index.scanned, e.streamOrdering);
          const target = redactsOf(e.pdu, e.roomVersion);
          if (target === undefined) continue;
          const list = index.byTarget.get(target) ?? [];
          if (!list.includes(e.eventId)) list.push(e.eventId);
          index.byTarget.set(target, list);
        }
        if (page.length < PAGE) return index;
      }
    });
  }
}

import type { RoomEvent, RoomEventSource } from '@maxtryx/federation-core';

/** A test room: events by ID, built from `id: [prev ids]` lines, depth = 1 + max prev depth. */
export class TestDag implements RoomEventSource {
  readonly events = new Map<string, RoomEvent>();
  calls: Array<{ roomId: string; ids: readonly string[]; minDepth: number }> = [];

  add(id: string, prevs: string[], opts: { roomId?: string; depth?: number } = {}): RoomEvent {
    const depth =
      opts.depth ?? 1 + Math.max(0, ...prevs.map((p) => this.events.get(p)?.depth ?? 0));
    const event = {
      event_id: id,
      room_id: opts.roomId ?? '!room:a.org',
      type: 'm.room.message',
      sender: '@u:a.org',
      content: { body: id },
      origin_server_ts: depth,
      depth,
      prev_events: prevs,
      auth_events: [],
      hashes: { sha256: 'x' },
      signatures: {},
    } as RoomEvent;
    this.events.set(id, event);
    return event;
  }

  /** A chain `${prefix}1 <- ${prefix}2 <- ... <- ${prefix}n`. */
  chain(prefix: string, n: number, first: string[] = []): string[] {
    const ids: string[] = [];
    let prev = first;
    for (let i = 1; i <= n; i++) {
      const id = `$${prefix}${i}`;
      this.add(id, prev);
      ids.push(id);
      prev = [id];
    }
    return ids;
  }

  getEventsInRoom(roomId: string, ids: readonly string[], minDepth: number): RoomEvent[] {
    this.calls.push({ roomId, ids: [...ids], minDepth });
    const out: RoomEvent[] = [];
    for (const id of ids) {
      const e = this.events.get(id);
      if (e && e.room_id === roomId && e.depth >= minDepth) out.push(e);
    }
    return out;
  }
}

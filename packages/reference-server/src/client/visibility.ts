/**
 * Which events of a room a user may see (client-server API "Room History Visibility",
 * server behaviour), from the room state at each event:
 *
 * 1. `world_readable`: allow. 2. The user's membership was `join`: allow.
 * 3. `shared`, and the user joined the room at any point after the event: allow.
 * 4. The user's membership was `invite` and the visibility `invited`: allow. 5. Deny.
 *
 * `m.room.history_visibility` events and the user's own `m.room.member` events are
 * visible if the state before *or* after them allows. Absent or unknown visibility
 * is `shared`.
 *
 * "Joined at any point after the event" is read as: joined now, or the user's latest
 * membership change (a leave or ban) came after the event and left a `join`.
 *
 * @module
 */
import { normaliseHistoryVisibility, stateKeyOf, type HistoryVisibility } from '@maxtryx/federation-core';
import type { StateMap, Store, StoredEvent } from '@maxtryx/storage-adapters';

/** Decides visibility of a room's events for one user. */
export class UserVisibility {
  private readonly contents = new Map<string, unknown>();
  private joinedAfter: ((event: StoredEvent) => boolean) | undefined;

  constructor(
    private readonly store: Store,
    private readonly roomId: string,
    private readonly userId: string,
  ) {}

  /** The events among `events` the user may see, in the same order. */
  async filter(events: readonly StoredEvent[]): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for (const e of events) if (await this.maySee(e)) out.push(e);
    return out;
  }

  /** Whether the user may see one event. */
  async maySee(event: StoredEvent): Promise<boolean> {
    const before = (await this.store.getStateBefore(this.roomId, event.eventId)) ?? new Map();
    if (await this.allows(before, event)) return true;
    const isOwnMember = event.type === 'm.room.member' && event.stateKey === this.userId;
    const isVisibility = event.type === 'm.room.history_visibility' && event.stateKey === '';
    if (!isOwnMember && !isVisibility) return false;
    const after = new Map(before);
    after.set(stateKeyOf(event.type, event.stateKey!), event.eventId);
    this.contents.set(event.eventId, event.pdu.content);
    return this.allows(after, event);
  }

  private async allows(state: StateMap, event: StoredEvent): Promise<boolean> {
    const hvContent = await this.content(state.get(stateKeyOf('m.room.history_visibility', '')));
    const visibility: HistoryVisibility = normaliseHistoryVisibility((hvContent as { history_visibility?: unknown } | undefined)?.history_visibility);
    if (visibility === 'world_readable') return true;
    const memberContent = await this.content(state.get(stateKeyOf('m.room.member', this.userId)));
    const membership = (memberContent as { membership?: unknown } | undefined)?.membership;
    if (membership === 'join') return true;
    if (visibility === 'shared' && (await this.joinedAfterEvent(event))) return true;
    return membership === 'invite' && visibility === 'invited';
  }

  private async content(eventId: string | undefined): Promise<unknown> {
    if (eventId === undefined) return undefined;
    if (!this.contents.has(eventId)) {
      const e = await this.store.getEvent(eventId);
      this.contents.set(eventId, e?.pdu.content);
      if (this.contents.size > 10_000) this.contents.delete(this.contents.keys().next().value!);
    }
    return this.contents.get(eventId);
  }

  private async joinedAfterEvent(event: StoredEvent): Promise<boolean> {
    if (!this.joinedAfter) {
      const record = await this.store.getMembership(this.roomId, this.userId);
      if (record?.membership === 'join') this.joinedAfter = () => true;
      else if (record) {
        const current = await this.store.getEvent(record.eventId);
        const before = await this.store.getStateBefore(this.roomId, record.eventId);
        const prev = await this.content(before?.get(stateKeyOf('m.room.member', this.userId)));
        const wasJoined = (prev as { membership?: unknown } | undefined)?.membership === 'join';
        const leftAt = current?.streamOrdering ?? 0;
        this.joinedAfter = (e) => wasJoined && e.streamOrdering < leftAt;
      } else this.joinedAfter = () => false;
    }
    return this.joinedAfter(event);
  }
}

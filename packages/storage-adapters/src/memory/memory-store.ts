/**
 * The in-memory adapter: plain maps, nothing persisted. The reference for the conformance
 * suite and the baseline of the benchmarks.
 *
 * @module
 */
import type { StateKey } from '@maxtryx/federation-core';
import type {
  AuxKind,
  AuxOp,
  AuxRecord,
  CurrentStateChange,
  EventMeta,
  EventRow,
  ExtremityChange,
  MembershipQuery,
  PromotionRow,
  RoomEventsRead,
  StateGroupRecord,
  WriteTxn,
} from '../adapter.js';
import { AbstractStore, storedEventFromRow } from '../base.js';
import type { BaseStoreOptions } from '../base.js';
import type { FeedFilter, MembershipRecord, StateMap, StoredEvent } from '../types.js';

function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** Options of {@link MemoryStore}. */
export type MemoryStoreOptions = BaseStoreOptions;

/**
 * A store kept in memory. Writes of a batch are staged and applied in one synchronous step
 * at commit, so a reader never sees half a batch and a failed batch leaves nothing.
 *
 * @example
 * const store = new MemoryStore();
 * await store.putEvents([{ roomVersion: '10', eventId, pdu, status: 'accepted' }]);
 */
export class MemoryStore extends AbstractStore {
  #events = new Map<string, EventRow>();
  #roomEvents = new Map<string, Set<string>>();
  #children = new Map<string, Set<string>>();
  #extremities = new Map<string, Set<string>>();
  #groups = new Map<string, StateGroupRecord>();
  #currentState = new Map<string, StateMap>();
  #members = new Map<string, Map<string, MembershipRecord>>();
  #aux = new Map<AuxKind, Map<string, AuxRecord>>();
  #counters = new Map<string, number>();
  #maxStream = 0;

  /** @param options see {@link BaseStoreOptions}. */
  constructor(options: MemoryStoreOptions = {}) {
    super(options);
  }

  #stored(row: EventRow): StoredEvent {
    return storedEventFromRow(row);
  }

  protected override async readEventsByIds(ids: readonly string[]): Promise<StoredEvent[]> {
    return ids.flatMap((id) => {
      const r = this.#events.get(id);
      return r === undefined ? [] : [this.#stored(r)];
    });
  }

  protected override async readEventsInRoom(roomId: string, ids: readonly string[], minDepth: number): Promise<StoredEvent[]> {
    return ids.flatMap((id) => {
      const r = this.#events.get(id);
      return r !== undefined && r.roomId === roomId && r.depth >= minDepth ? [this.#stored(r)] : [];
    });
  }

  protected override async readChildren(roomId: string, ids: readonly string[]): Promise<Array<[string, string]>> {
    const out: Array<[string, string]> = [];
    for (const id of ids) {
      for (const c of this.#children.get(id) ?? []) if (this.#events.get(c)?.roomId === roomId) out.push([id, c]);
    }
    return out;
  }

  protected override async readForwardExtremities(roomId: string): Promise<string[]> {
    return [...(this.#extremities.get(roomId) ?? [])];
  }

  protected override async readRoomEvents(roomId: string, q: RoomEventsRead): Promise<StoredEvent[]> {
    const rows = [...(this.#roomEvents.get(roomId) ?? [])].map((id) => this.#events.get(id)!).filter((r) => q.statuses.includes(r.status));
    const key = (r: EventRow): [number, number] => (q.order === 'topological' ? [r.depth, r.streamOrdering] : [r.streamOrdering, 0]);
    const cmp = (a: [number, number], b: [number, number]): number => a[0] - b[0] || a[1] - b[1];
    const from: [number, number] | undefined =
      q.fromStream === undefined ? undefined : q.order === 'topological' ? [q.fromDepth ?? 0, q.fromStream] : [q.fromStream, 0];
    const sign = q.direction === 'forwards' ? 1 : -1;
    return rows
      .filter((r) => from === undefined || sign * cmp(key(r), from) > 0)
      .sort((a, b) => sign * cmp(key(a), key(b)))
      .slice(0, q.limit)
      .map((r) => this.#stored(r));
  }

  protected override async readEventMeta(ids: readonly string[]): Promise<Map<string, EventMeta>> {
    const out = new Map<string, EventMeta>();
    for (const id of ids) {
      const r = this.#events.get(id);
      if (r !== undefined) out.set(id, { roomId: r.roomId, status: r.status, stateGroup: r.stateGroup });
    }
    return out;
  }

  protected override async readStateGroups(ids: readonly string[]): Promise<StateGroupRecord[]> {
    return ids.flatMap((id) => this.#groups.get(id) ?? []);
  }

  protected override async readCurrentState(roomId: string): Promise<StateMap> {
    return new Map(this.#currentState.get(roomId) ?? []);
  }

  protected override async readMemberships(q: MembershipQuery): Promise<MembershipRecord[]> {
    const rooms = q.roomId !== undefined ? [q.roomId] : [...this.#members.keys()];
    const out: MembershipRecord[] = [];
    for (const room of rooms) {
      for (const m of this.#members.get(room)?.values() ?? []) {
        if (q.userId !== undefined && m.userId !== q.userId) continue;
        if (q.memberships !== undefined && !q.memberships.includes(m.membership)) continue;
        out.push({ ...m });
      }
    }
    return out;
  }

  protected override async readFeed(filter: FeedFilter, after: number, limit: number): Promise<StoredEvent[]> {
    let match: (r: EventRow) => boolean;
    if ('roomIds' in filter) {
      const rooms = new Set(filter.roomIds);
      match = (r) => rooms.has(r.roomId);
    } else {
      const rooms = new Set((await this.readMemberships({ userId: filter.userId, memberships: ['join'] })).map((m) => m.roomId));
      match = (r) => rooms.has(r.roomId) || (r.type === 'm.room.member' && r.stateKey === filter.userId);
    }
    const rows: EventRow[] = [];
    for (const r of this.#events.values()) if (r.streamOrdering > after && r.status === 'accepted' && match(r)) rows.push(r);
    return rows
      .sort((a, b) => a.streamOrdering - b.streamOrdering)
      .slice(0, limit)
      .map((r) => this.#stored(r));
  }

  protected override async readMaxStreamOrdering(): Promise<number> {
    return this.#maxStream;
  }

  protected override async runTransaction<T>(fn: (tx: WriteTxn) => Promise<T>): Promise<T> {
    const staged = new Map<string, EventRow>();
    const ops: Array<() => void> = [];
    let maxStream = this.#maxStream;
    const view = (id: string): EventRow | undefined => staged.get(id) ?? this.#events.get(id);
    const tx: WriteTxn = {
      readEventMeta: async (ids) => {
        const out = new Map<string, EventMeta>();
        for (const id of ids) {
          const r = view(id);
          if (r !== undefined) out.set(id, { roomId: r.roomId, status: r.status, stateGroup: r.stateGroup });
        }
        return out;
      },
      allocateStreamOrderings: async (n) => {
        const first = maxStream + 1;
        maxStream += n;
        return first;
      },
      insertEvents: async (rows) => {
        for (const r of rows) staged.set(r.eventId, { ...r, prevEventIds: [...r.prevEventIds] });
      },
      promoteEvents: async (rows: readonly PromotionRow[]) => {
        for (const p of rows) {
          const r = view(p.eventId);
          if (r !== undefined) staged.set(p.eventId, { ...r, status: p.status, rejectionReason: p.rejectionReason, streamOrdering: p.streamOrdering, stateGroup: p.stateGroup });
        }
      },
      insertStateGroups: async (groups) => {
        const copy = groups.map((g) => ({ ...g, delta: g.delta.map(([k, v]): [StateKey, string | null] => [k, v]) }));
        ops.push(() => {
          for (const g of copy) if (!this.#groups.has(g.id)) this.#groups.set(g.id, g);
        });
      },
      parentsWithAcceptedChild: async (roomId, ids) => {
        const wanted = new Set(ids);
        const out = new Set<string>();
        const counts = (r: EventRow | undefined): boolean => r !== undefined && r.status === 'accepted' && r.roomId === roomId;
        for (const id of ids) for (const c of this.#children.get(id) ?? []) if (counts(view(c))) out.add(id);
        for (const r of staged.values()) if (counts(r)) for (const p of r.prevEventIds) if (wanted.has(p)) out.add(p);
        return out;
      },
      updateForwardExtremities: async (changes: readonly ExtremityChange[]) => {
        ops.push(() => {
          for (const c of changes) {
            const set = getOrCreate(this.#extremities, c.roomId, () => new Set<string>());
            for (const id of c.remove) set.delete(id);
            for (const id of c.add) set.add(id);
          }
        });
      },
      readEvents: async (ids) => ids.flatMap((id) => {
        const r = view(id);
        return r === undefined ? [] : [this.#stored(r)];
      }),
      applyCurrentState: async (c: CurrentStateChange) => {
        ops.push(() => {
          const state = getOrCreate(this.#currentState, c.roomId, () => new Map());
          for (const k of c.remove) state.delete(k);
          for (const [k, e] of c.set) state.set(k, e);
          const members = getOrCreate(this.#members, c.roomId, () => new Map());
          for (const u of c.removeMemberships) members.delete(u);
          for (const m of c.upsertMemberships) members.set(m.userId, { ...m });
        });
      },
    };
    const result = await fn(tx);
    // Commit: one synchronous step.
    for (const [id, r] of staged) {
      const isNew = !this.#events.has(id);
      this.#events.set(id, r);
      const roomSet = getOrCreate(this.#roomEvents, r.roomId, () => new Set<string>());
      roomSet.delete(id);
      roomSet.add(id);
      if (isNew) for (const p of r.prevEventIds) getOrCreate(this.#children, p, () => new Set<string>()).add(id);
    }
    for (const op of ops) op();
    this.#maxStream = maxStream;
    return result;
  }

  #table(kind: AuxKind): Map<string, AuxRecord> {
    return getOrCreate(this.#aux, kind, () => new Map());
  }

  #copy(r: AuxRecord): AuxRecord {
    return { pk: r.pk, part: r.part, data: structuredClone(r.data) };
  }

  protected override async auxGet(kind: AuxKind, pk: string): Promise<AuxRecord | undefined> {
    const r = this.#table(kind).get(pk);
    return r === undefined ? undefined : this.#copy(r);
  }

  protected override async auxList(kind: AuxKind, part: string): Promise<AuxRecord[]> {
    return [...this.#table(kind).values()]
      .filter((r) => r.part === part)
      .sort((a, b) => (a.pk < b.pk ? -1 : a.pk > b.pk ? 1 : 0))
      .map((r) => this.#copy(r));
  }

  protected override async auxParts(kind: AuxKind): Promise<string[]> {
    return [...new Set([...this.#table(kind).values()].map((r) => r.part))].sort();
  }

  protected override async auxInsert(kind: AuxKind, record: AuxRecord): Promise<boolean> {
    const t = this.#table(kind);
    if (t.has(record.pk)) return false;
    t.set(record.pk, this.#copy(record));
    return true;
  }

  protected override async auxApply(ops: readonly AuxOp[]): Promise<void> {
    const copies = ops.map((op) => (op.op === 'put' ? { ...op, record: this.#copy(op.record) } : op));
    for (const op of copies) {
      const t = this.#table(op.kind);
      if (op.op === 'put') t.set(op.record.pk, op.record);
      else if (op.op === 'delete') t.delete(op.pk);
      else for (const [pk, r] of t) if (r.part === op.part) t.delete(pk);
    }
  }

  protected override async auxTake(kind: AuxKind, pk: string): Promise<AuxRecord | undefined> {
    const t = this.#table(kind);
    const r = t.get(pk);
    t.delete(pk);
    return r;
  }

  protected override async allocate(counter: string, n: number): Promise<number> {
    const first = (this.#counters.get(counter) ?? 0) + 1;
    this.#counters.set(counter, first + n - 1);
    return first;
  }

  protected override async closeStorage(): Promise<void> {
    this.#events.clear();
    this.#aux.clear();
  }
}

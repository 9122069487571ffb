/**
 * The abstract base of every adapter: it implements the {@link Store} interface once on top
 * of the primitives in `adapter.ts`, so adapters differ only in how they read and write.
 *
 * @module
 */
import { authEventIds, isJsonObject, prevEventIds, stateKeyOf } from '@maxtryx/federation-core';
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
} from './adapter.js';
import {
  AlreadyExistsError,
  InvalidArgumentError,
  InvalidEventError,
  MissingEventError,
  MissingRecordError,
  StateReferenceError,
  StorageEngineError,
  StoreClosedError,
  StoreError,
} from './errors.js';
import type { Store, SubscribeOptions } from './interfaces.js';
import type {
  AliasRecord,
  CurrentStateDelta,
  DestinationRetryState,
  DeviceRecord,
  EventInput,
  EventStatus,
  FeedFilter,
  FeedItem,
  FeedPage,
  InboundTransactionRecord,
  Membership,
  MembershipRecord,
  OutboundItem,
  OwnSigningKeyRecord,
  PutEventsOptions,
  PutEventsResult,
  QueuedOutboundItem,
  RoomEventsQuery,
  ServerKeyRecord,
  StateDelta,
  StateMap,
  StoredEvent,
  TokenRecord,
  TopologicalPosition,
  UserRecord,
} from './types.js';
import { checkLimit, checkStatuses, checkString, isPlausibleEventId, isPlausibleRoomId, isPlausibleUserId, validateEventInput, validateStateMap } from './validate.js';
import type { ValidatedEvent } from './validate.js';

/** Options every adapter accepts. */
export interface BaseStoreOptions {
  /**
   * Also poll for new events every this many milliseconds in `subscribe` (for writers in
   * other processes that this store cannot hear). Default: no polling.
   */
  pollIntervalMs?: number;
}

/** Statuses that belong to the DAG (everything but `outlier`). */
const dagStatuses: readonly EventStatus[] = Object.freeze(['accepted', 'rejected', 'soft_failed']);
const memberships: readonly string[] = ['join', 'invite', 'leave', 'ban', 'knock'];
/** A state group is a delta on its parent while the chain is shorter than this. */
const maxStateGroupChain = 24;
const stateCacheSize = 256;

function sep(...parts: string[]): string {
  return parts.join('\u0000');
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function serverOf(userId: string): string {
  return userId.slice(userId.indexOf(':') + 1);
}

function compareTopo(a: StoredEvent, b: StoredEvent): number {
  return a.depth - b.depth || a.streamOrdering - b.streamOrdering;
}

/** Builds a {@link StoredEvent} from the columns every adapter keeps. */
export function storedEventFromRow(row: {
  eventId: string;
  roomId: string;
  roomVersion: string;
  type: string;
  stateKey: string | null | undefined;
  sender: string;
  depth: number;
  status: string;
  rejectionReason: string | null | undefined;
  json: string;
  streamOrdering: number;
}): StoredEvent {
  return {
    roomVersion: row.roomVersion,
    eventId: row.eventId,
    roomId: row.roomId,
    type: row.type,
    stateKey: row.stateKey ?? undefined,
    sender: row.sender,
    pdu: JSON.parse(row.json) as StoredEvent['pdu'],
    status: row.status as EventStatus,
    rejectionReason: row.rejectionReason ?? undefined,
    depth: Number(row.depth),
    streamOrdering: Number(row.streamOrdering),
  };
}

/**
 * The base class of every adapter. It validates input, serialises writes of one instance,
 * computes what a batch changes (idempotency, promotions, forward extremities, state groups,
 * memberships) and derives the graph walks and the change feed from the adapter's primitives.
 *
 * An adapter implements the `protected abstract` methods; each `read*` method is one storage
 * query, and `runTransaction` runs its callback in one transaction that commits only if the
 * callback resolves.
 */
export abstract class AbstractStore implements Store {
  #closed = false;
  #writeQueue: Promise<unknown> = Promise.resolve();
  #changeWaiters: Array<() => void> = [];
  #stateCache = new Map<string, StateMap>();
  readonly #pollIntervalMs: number | undefined;

  /** @param options see {@link BaseStoreOptions}. */
  constructor(options: BaseStoreOptions = {}) {
    this.#pollIntervalMs = options.pollIntervalMs;
  }

  // ---------------------------------------------------------------- primitives

  /** The stored events among `ids` (any order). */
  protected abstract readEventsByIds(ids: readonly string[]): Promise<StoredEvent[]>;
  /** The stored events among `ids` in `roomId` with `depth >= minDepth` (any order), in one query. */
  protected abstract readEventsInRoom(roomId: string, ids: readonly string[], minDepth: number): Promise<StoredEvent[]>;
  /** `[parent, child]` pairs: stored events of `roomId` listing one of `ids` in `prev_events`. */
  protected abstract readChildren(roomId: string, ids: readonly string[]): Promise<Array<[string, string]>>;
  /** The forward extremities of the room (any order). */
  protected abstract readForwardExtremities(roomId: string): Promise<string[]>;
  /** A page of the room's events. */
  protected abstract readRoomEvents(roomId: string, query: RoomEventsRead): Promise<StoredEvent[]>;
  /** Status, room and state group of the stored events among `ids`. */
  protected abstract readEventMeta(ids: readonly string[]): Promise<Map<string, EventMeta>>;
  /** The stored state groups among `ids`. */
  protected abstract readStateGroups(ids: readonly string[]): Promise<StateGroupRecord[]>;
  /** The current state of the room. */
  protected abstract readCurrentState(roomId: string): Promise<StateMap>;
  /** Memberships matching the query (any order). */
  protected abstract readMemberships(query: MembershipQuery): Promise<MembershipRecord[]>;
  /** Accepted events matching the filter with `streamOrdering > after`, in stream order, at most `limit`. */
  protected abstract readFeed(filter: FeedFilter, after: number, limit: number): Promise<StoredEvent[]>;
  /** The largest stream ordering handed out (0 if none). */
  protected abstract readMaxStreamOrdering(): Promise<number>;
  /** Runs `fn` in one write transaction: committed if it resolves, rolled back if it throws. */
  protected abstract runTransaction<T>(fn: (tx: WriteTxn) => Promise<T>): Promise<T>;
  /** One auxiliary record. */
  protected abstract auxGet(kind: AuxKind, pk: string): Promise<AuxRecord | undefined>;
  /** The auxiliary records listed under `part`, sorted by `pk`. */
  protected abstract auxList(kind: AuxKind, part: string): Promise<AuxRecord[]>;
  /** The distinct `part` values of a table, sorted. */
  protected abstract auxParts(kind: AuxKind): Promise<string[]>;
  /** Inserts a record unless its `pk` exists; returns whether it was inserted. */
  protected abstract auxInsert(kind: AuxKind, record: AuxRecord): Promise<boolean>;
  /** Applies writes atomically. */
  protected abstract auxApply(ops: readonly AuxOp[]): Promise<void>;
  /** Deletes and returns a record, atomically. */
  protected abstract auxTake(kind: AuxKind, pk: string): Promise<AuxRecord | undefined>;
  /** Reserves `n` consecutive values of the named counter; returns the first (counters start at 1). */
  protected abstract allocate(counter: string, n: number): Promise<number>;
  /** Releases the storage. Called once. */
  protected abstract closeStorage(): Promise<void>;

  // ---------------------------------------------------------------- plumbing

  /** Whether `close` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Closes the store; later calls throw {@link StoreClosedError}; open subscriptions end. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.notifyChange();
    // Let a running write finish before the storage goes away.
    await this.#writeQueue.catch(() => undefined);
    await this.closeStorage();
  }

  /** Throws {@link StoreClosedError} once the store is closed. */
  protected ensureOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  /** Runs a call: refuses it on a closed store, wraps engine failures in {@link StorageEngineError}. */
  protected async call<T>(fn: () => Promise<T>): Promise<T> {
    this.ensureOpen();
    try {
      return await fn();
    } catch (e) {
      if (e instanceof StoreError) throw e;
      if (this.#closed) throw new StoreClosedError({ cause: e });
      throw new StorageEngineError(`storage engine failure: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }

  /** Runs a write call after every earlier write of this instance has finished. */
  protected write<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new StoreClosedError());
    const run = this.#writeQueue.then(() => this.call(fn));
    this.#writeQueue = run.catch(() => undefined);
    return run;
  }

  /** Wakes every waiting subscription (called after a commit, or by an adapter's own change signal). */
  protected notifyChange(): void {
    const waiters = this.#changeWaiters;
    this.#changeWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * Called when the first subscription starts waiting; an adapter that can hear writers in
   * other processes or clients (e.g. SurrealDB LIVE SELECT) starts listening here and calls
   * {@link notifyChange}. The default does nothing.
   */
  protected async startChangeListener(): Promise<void> {}

  // ---------------------------------------------------------------- events

  putEvents(events: readonly EventInput[], options: PutEventsOptions = {}): Promise<PutEventsResult> {
    if (this.#closed) return Promise.reject(new StoreClosedError());
    if (!Array.isArray(events)) return Promise.reject(new InvalidEventError('events must be an array'));
    let validated: ValidatedEvent[];
    let deltas: readonly CurrentStateDelta[];
    try {
      validated = events.map((e, i) => validateEventInput(e, i));
      deltas = this.#validateDeltas(options.currentState ?? []);
    } catch (e) {
      return Promise.reject(e instanceof StoreError ? e : new InvalidEventError('malformed batch', undefined, { cause: e }));
    }
    return this.write(async () => {
      const result = await this.#writeBatch(validated, deltas);
      if (result.written.length > 0) this.notifyChange();
      return result;
    });
  }

  #validateDeltas(deltas: readonly CurrentStateDelta[]): readonly CurrentStateDelta[] {
    if (!Array.isArray(deltas)) throw new InvalidArgumentError('currentState must be an array');
    for (const d of deltas) {
      if (!isJsonObject(d as unknown) || !isPlausibleRoomId(d.roomId)) throw new InvalidArgumentError('currentState: each entry needs a room ID');
      if (d.set !== undefined) validateStateMap(d.set, 'currentState.set');
      if (d.remove !== undefined && (!Array.isArray(d.remove) || (d.remove as readonly unknown[]).some((k) => typeof k !== 'string' || !k.includes('\u0000')))) {
        throw new InvalidArgumentError('currentState.remove must be an array of state keys');
      }
    }
    return deltas;
  }

  async #writeBatch(validated: ValidatedEvent[], deltas: readonly CurrentStateDelta[]): Promise<PutEventsResult> {
    // Within a batch the first entry of an event ID counts; a repeat is a re-put.
    const seenInBatch = new Set<string>();
    const unique: ValidatedEvent[] = [];
    const repeats: string[] = [];
    for (const v of validated) {
      if (seenInBatch.has(v.input.eventId)) repeats.push(v.input.eventId);
      else {
        seenInBatch.add(v.input.eventId);
        unique.push(v);
      }
    }
    const groups = await this.#planStateGroups(unique);
    return this.runTransaction(async (tx) => {
      const existing = unique.length === 0 ? new Map<string, EventMeta>() : await tx.readEventMeta(unique.map((v) => v.input.eventId));
      const fresh: ValidatedEvent[] = [];
      const promoted: ValidatedEvent[] = [];
      const unchanged: string[] = [];
      for (const v of unique) {
        const meta = existing.get(v.input.eventId);
        if (meta === undefined) fresh.push(v);
        else if (meta.roomId !== v.roomId) {
          throw new InvalidEventError(`event ${v.input.eventId} is already stored in another room`);
        } else if (meta.status === 'outlier' && v.input.status !== 'outlier') promoted.push(v);
        else unchanged.push(v.input.eventId);
      }
      const written: PutEventsResult['written'] = [];
      const total = fresh.length + promoted.length;
      if (total > 0) {
        let next = await tx.allocateStreamOrderings(total);
        const order = new Map<string, number>();
        // Stream orderings follow batch order.
        const writing = new Set([...fresh, ...promoted]);
        for (const v of unique) if (writing.has(v)) order.set(v.input.eventId, next++);
        const usedGroups = new Set<string>();
        const groupOf = (v: ValidatedEvent): string | null => {
          const g = groups.eventGroups.get(v.input.eventId) ?? null;
          if (g !== null) usedGroups.add(g);
          return g;
        };
        const rows: EventRow[] = fresh.map((v) => ({
          eventId: v.input.eventId,
          roomId: v.roomId,
          roomVersion: v.input.roomVersion,
          type: v.input.pdu.type,
          stateKey: v.input.pdu.state_key ?? null,
          sender: v.input.pdu.sender,
          depth: v.input.pdu.depth,
          status: v.input.status,
          rejectionReason: v.input.rejectionReason ?? null,
          json: v.json,
          prevEventIds: v.prevEventIds,
          streamOrdering: order.get(v.input.eventId)!,
          stateGroup: groupOf(v),
        }));
        const promotions: PromotionRow[] = promoted.map((v) => ({
          eventId: v.input.eventId,
          roomId: v.roomId,
          prevEventIds: v.prevEventIds,
          status: v.input.status,
          rejectionReason: v.input.rejectionReason ?? null,
          streamOrdering: order.get(v.input.eventId)!,
          stateGroup: groupOf(v) ?? existing.get(v.input.eventId)?.stateGroup ?? null,
        }));
        // Only the new groups that an event written here uses, parents first.
        const newGroups = groups.newGroups.filter((g) => groups.neededBy(usedGroups).has(g.id));
        if (newGroups.length > 0) await tx.insertStateGroups(newGroups);
        if (rows.length > 0) await tx.insertEvents(rows);
        if (promotions.length > 0) await tx.promoteEvents(promotions);
        await this.#updateExtremities(tx, [...fresh, ...promoted].filter((v) => v.input.status === 'accepted'));
        for (const v of unique) {
          const s = order.get(v.input.eventId);
          if (s !== undefined) written.push({ eventId: v.input.eventId, streamOrdering: s });
        }
      }
      for (const d of deltas) await this.#applyDelta(tx, d);
      return { written, unchanged: [...unchanged, ...repeats] };
    });
  }

  // Forward extremities (spec: "the latest events in the DAG"): accepted events with no
  // accepted child. Rejected and soft-failed events never become extremities (spec: "Soft failure").
  async #updateExtremities(tx: WriteTxn, accepted: ValidatedEvent[]): Promise<void> {
    if (accepted.length === 0) return;
    const byRoom = new Map<string, ValidatedEvent[]>();
    for (const v of accepted) {
      const list = byRoom.get(v.roomId) ?? [];
      list.push(v);
      byRoom.set(v.roomId, list);
    }
    const changes: ExtremityChange[] = [];
    for (const [roomId, list] of byRoom) {
      const withChild = await tx.parentsWithAcceptedChild(roomId, list.map((v) => v.input.eventId));
      const remove = [...new Set(list.flatMap((v) => v.prevEventIds))];
      const removeSet = new Set(remove);
      const add = list.map((v) => v.input.eventId).filter((id) => !withChild.has(id) && !removeSet.has(id));
      changes.push({ roomId, remove, add });
    }
    await tx.updateForwardExtremities(changes);
  }

  async #applyDelta(tx: WriteTxn, delta: CurrentStateDelta): Promise<void> {
    const set = [...(delta.set ?? new Map<StateKey, string>())];
    const remove = [...(delta.remove ?? [])];
    const events = new Map((await tx.readEvents(set.map(([, id]) => id))).map((e) => [e.eventId, e]));
    const change: CurrentStateChange = { roomId: delta.roomId, set: [], remove, upsertMemberships: [], removeMemberships: [] };
    for (const [key, eventId] of set) {
      const ev = events.get(eventId);
      if (ev === undefined || ev.roomId !== delta.roomId) {
        throw new StateReferenceError(`current state of ${delta.roomId}: event ${eventId} is not stored in that room`);
      }
      if (ev.stateKey === undefined || stateKeyOf(ev.type, ev.stateKey) !== key) {
        throw new StateReferenceError(`current state of ${delta.roomId}: event ${eventId} is not the state event for ${JSON.stringify(key)}`);
      }
      if (ev.status === 'rejected') throw new StateReferenceError(`current state of ${delta.roomId}: event ${eventId} was rejected`);
      change.set.push([key, eventId]);
      if (ev.type === 'm.room.member') {
        const m = ev.pdu.content['membership'];
        if (typeof m !== 'string' || !memberships.includes(m)) {
          throw new StateReferenceError(`current state of ${delta.roomId}: member event ${eventId} has no valid membership`);
        }
        change.upsertMemberships.push({ roomId: delta.roomId, userId: ev.stateKey, membership: m as Membership, eventId });
      }
    }
    for (const key of remove) {
      if (key.startsWith('m.room.member\u0000')) change.removeMemberships.push(key.slice('m.room.member\u0000'.length));
    }
    await tx.applyCurrentState(change);
  }

  /**
   * Files each event's `stateBefore` in a state group: the group of a prev event when the
   * state is the same, a delta against it when the chain is short, a snapshot otherwise.
   */
  async #planStateGroups(events: ValidatedEvent[]): Promise<{
    eventGroups: Map<string, string>;
    newGroups: StateGroupRecord[];
    neededBy: (used: Set<string>) => Set<string>;
  }> {
    const eventGroups = new Map<string, string>();
    const newGroups: StateGroupRecord[] = [];
    const byId = new Map<string, StateGroupRecord>();
    const withState = events.filter((v) => v.input.stateBefore !== undefined);
    if (withState.length > 0) {
      const lookup = new Set<string>();
      for (const v of withState) {
        lookup.add(v.input.eventId);
        for (const p of v.prevEventIds) lookup.add(p);
      }
      const stored = await this.readEventMeta([...lookup]);
      const chainLength = new Map<string, number>();
      for (const v of withState) {
        const id = v.input.eventId;
        const already = stored.get(id);
        if (already !== undefined && already.stateGroup !== null) {
          // Stored with a state already: that state stands.
          eventGroups.set(id, already.stateGroup);
          continue;
        }
        const state = new Map(v.input.stateBefore!);
        let parent: string | undefined;
        for (const p of v.prevEventIds) {
          parent = eventGroups.get(p) ?? stored.get(p)?.stateGroup ?? undefined;
          if (parent !== undefined && stored.get(p)?.roomId !== undefined && stored.get(p)?.roomId !== v.roomId) parent = undefined;
          if (parent !== undefined) break;
        }
        let record: StateGroupRecord;
        if (parent !== undefined) {
          const parentState = await this.#groupState(parent, byId);
          const delta: Array<[StateKey, string | null]> = [];
          for (const [k, e] of state) if (parentState.get(k) !== e) delta.push([k, e]);
          for (const k of parentState.keys()) if (!state.has(k)) delta.push([k, null]);
          if (delta.length === 0) {
            eventGroups.set(id, parent);
            continue;
          }
          const parentChain = chainLength.get(parent) ?? byId.get(parent)?.chainLength ?? (await this.readStateGroups([parent]))[0]?.chainLength ?? maxStateGroupChain;
          record =
            parentChain + 1 < maxStateGroupChain && delta.length <= Math.max(32, state.size / 2)
              ? { id, roomId: v.roomId, prevGroup: parent, chainLength: parentChain + 1, delta }
              : { id, roomId: v.roomId, prevGroup: null, chainLength: 0, delta: [...state] };
        } else {
          record = { id, roomId: v.roomId, prevGroup: null, chainLength: 0, delta: [...state] };
        }
        chainLength.set(id, record.chainLength);
        byId.set(id, record);
        newGroups.push(record);
        eventGroups.set(id, id);
        this.#cacheState(id, state);
      }
    }
    const neededBy = (used: Set<string>): Set<string> => {
      const out = new Set<string>();
      for (const g of used) {
        let cur: StateGroupRecord | undefined = byId.get(g);
        while (cur !== undefined && !out.has(cur.id)) {
          out.add(cur.id);
          cur = cur.prevGroup === null ? undefined : byId.get(cur.prevGroup);
        }
      }
      return out;
    };
    return { eventGroups, newGroups, neededBy };
  }

  #cacheState(groupId: string, state: StateMap): void {
    this.#stateCache.delete(groupId);
    this.#stateCache.set(groupId, state);
    if (this.#stateCache.size > stateCacheSize) {
      const oldest = this.#stateCache.keys().next().value;
      if (oldest !== undefined) this.#stateCache.delete(oldest);
    }
  }

  /** The full state of a group (a copy the caller may change). Groups are immutable, so this caches. */
  async #groupState(groupId: string, pending?: Map<string, StateGroupRecord>): Promise<StateMap> {
    const chain: StateGroupRecord[] = [];
    let base: StateMap | undefined;
    let cur: string | null = groupId;
    while (cur !== null) {
      const cached = this.#stateCache.get(cur);
      if (cached !== undefined) {
        base = cached;
        break;
      }
      const rec: StateGroupRecord | undefined = pending?.get(cur) ?? (await this.readStateGroups([cur]))[0];
      if (rec === undefined) throw new StorageEngineError(`state group ${cur} is missing`);
      chain.push(rec);
      cur = rec.prevGroup;
    }
    const state = new Map(base ?? []);
    for (let i = chain.length - 1; i >= 0; i--) {
      for (const [k, e] of chain[i]!.delta) {
        if (e === null) state.delete(k);
        else state.set(k, e);
      }
    }
    this.#cacheState(groupId, new Map(state));
    return state;
  }

  getEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    return this.call(async () => {
      const ids = this.#ids(eventIds);
      if (ids.length === 0) return [];
      const found = new Map((await this.readEventsByIds(ids)).map((e) => [e.eventId, e]));
      return ids.flatMap((id) => found.get(id) ?? []);
    });
  }

  async getEvent(eventId: string): Promise<StoredEvent | undefined> {
    return (await this.getEvents([eventId]))[0];
  }

  async readEvent(eventId: string): Promise<StoredEvent> {
    const e = await this.getEvent(eventId);
    if (e === undefined) throw new MissingEventError(eventId);
    return e;
  }

  #ids(eventIds: readonly string[]): string[] {
    if (!Array.isArray(eventIds)) throw new InvalidArgumentError('event IDs must be an array');
    for (const id of eventIds) if (!isPlausibleEventId(id)) throw new InvalidArgumentError(`malformed event ID ${JSON.stringify(id)}`);
    return [...new Set(eventIds)];
  }

  #room(roomId: string): string {
    if (!isPlausibleRoomId(roomId)) throw new InvalidArgumentError(`malformed room ID ${JSON.stringify(roomId)}`);
    return roomId;
  }

  getEventsInRoom(roomId: string, eventIds: readonly string[], minDepth = 0): Promise<StoredEvent[]> {
    return this.call(async () => {
      this.#room(roomId);
      const ids = this.#ids(eventIds);
      if (!Number.isSafeInteger(minDepth)) throw new InvalidArgumentError('minDepth must be an integer');
      if (ids.length === 0) return [];
      const found = new Map((await this.readEventsInRoom(roomId, ids, minDepth)).map((e) => [e.eventId, e]));
      return ids.flatMap((id) => found.get(id) ?? []);
    });
  }

  async getPrevEventIds(roomId: string, eventIds: readonly string[]): Promise<Map<string, string[]>> {
    const events = await this.getEventsInRoom(roomId, eventIds, 0);
    return new Map(events.map((e) => [e.eventId, prevEventIds(e.pdu)]));
  }

  getNextEventIds(roomId: string, eventIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.call(async () => {
      this.#room(roomId);
      const ids = this.#ids(eventIds);
      const out = new Map<string, string[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) return out;
      for (const [parent, child] of await this.readChildren(roomId, ids)) out.get(parent)?.push(child);
      for (const list of out.values()) list.sort();
      return out;
    });
  }

  getForwardExtremities(roomId: string): Promise<string[]> {
    return this.call(async () => (await this.readForwardExtremities(this.#room(roomId))).sort());
  }

  getAuthChain(roomId: string, eventIds: readonly string[]): Promise<StoredEvent[]> {
    return this.call(async () => {
      this.#room(roomId);
      const start = await this.readEventsInRoom(roomId, this.#ids(eventIds), 0);
      const seen = new Set<string>();
      const chain: StoredEvent[] = [];
      let frontier = [...new Set(start.flatMap((e) => authEventIds(e.pdu)))];
      for (const id of frontier) seen.add(id);
      // Breadth-first over auth_events, one query per level.
      while (frontier.length > 0) {
        const level = await this.readEventsInRoom(roomId, frontier, 0);
        const next: string[] = [];
        for (const e of level) {
          chain.push(e);
          for (const a of authEventIds(e.pdu)) {
            if (!seen.has(a)) {
              seen.add(a);
              next.push(a);
            }
          }
        }
        frontier = next;
      }
      return chain.sort(compareTopo);
    });
  }

  getRoomEventsTopological(roomId: string, query: RoomEventsQuery<TopologicalPosition>): Promise<StoredEvent[]> {
    return this.call(async () => {
      const from = query.from;
      if (from !== undefined && (!Number.isSafeInteger(from.depth) || !Number.isSafeInteger(from.streamOrdering))) {
        throw new InvalidArgumentError('from must be { depth, streamOrdering } integers');
      }
      return this.readRoomEvents(this.#room(roomId), {
        order: 'topological',
        direction: this.#direction(query.direction),
        ...(from === undefined ? {} : { fromDepth: from.depth, fromStream: from.streamOrdering }),
        limit: checkLimit(query.limit),
        statuses: checkStatuses(query.statuses) ?? dagStatuses,
      });
    });
  }

  getRoomEventsByStream(roomId: string, query: RoomEventsQuery<number>): Promise<StoredEvent[]> {
    return this.call(async () => {
      if (query.from !== undefined && !Number.isSafeInteger(query.from)) throw new InvalidArgumentError('from must be an integer');
      return this.readRoomEvents(this.#room(roomId), {
        order: 'stream',
        direction: this.#direction(query.direction),
        ...(query.from === undefined ? {} : { fromStream: query.from }),
        limit: checkLimit(query.limit),
        statuses: checkStatuses(query.statuses) ?? dagStatuses,
      });
    });
  }

  #direction(d: unknown): 'forwards' | 'backwards' {
    if (d === undefined || d === 'forwards' || d === 'backwards') return d ?? 'forwards';
    throw new InvalidArgumentError(`direction must be 'forwards' or 'backwards'`);
  }

  getBackfill(roomId: string, fromEventIds: readonly string[], limit: number): Promise<StoredEvent[]> {
    return this.call(async () => {
      this.#room(roomId);
      checkLimit(limit);
      let frontier = this.#ids(fromEventIds);
      const seen = new Set(frontier);
      const out: StoredEvent[] = [];
      // Breadth-first over prev_events (spec: GET /backfill), one query per level.
      while (frontier.length > 0 && out.length < limit) {
        const level = (await this.readEventsInRoom(roomId, frontier, 0)).filter((e) => e.status !== 'outlier');
        level.sort((a, b) => compareTopo(b, a));
        const next: string[] = [];
        for (const e of level) {
          if (out.length >= limit) break;
          out.push(e);
          for (const p of prevEventIds(e.pdu)) {
            if (!seen.has(p)) {
              seen.add(p);
              next.push(p);
            }
          }
        }
        frontier = next;
      }
      return out;
    });
  }

  // ---------------------------------------------------------------- state

  getStateBefore(roomId: string, eventId: string): Promise<StateMap | undefined> {
    return this.call(async () => {
      const meta = (await this.readEventMeta(this.#ids([eventId]))).get(eventId);
      if (meta === undefined || meta.roomId !== this.#room(roomId) || meta.stateGroup === null) return undefined;
      return this.#groupState(meta.stateGroup);
    });
  }

  getStateAfter(roomId: string, eventId: string): Promise<StateMap | undefined> {
    return this.call(async () => {
      const before = await this.getStateBefore(roomId, eventId);
      if (before === undefined) return undefined;
      const [ev] = await this.readEventsInRoom(roomId, [eventId], 0);
      if (ev !== undefined && ev.stateKey !== undefined && (ev.status === 'accepted' || ev.status === 'soft_failed')) {
        before.set(stateKeyOf(ev.type, ev.stateKey), ev.eventId);
      }
      return before;
    });
  }

  getCurrentState(roomId: string): Promise<StateMap> {
    return this.call(() => this.readCurrentState(this.#room(roomId)));
  }

  async getCurrentStateEventId(roomId: string, key: StateKey): Promise<string | undefined> {
    return (await this.getCurrentState(roomId)).get(key);
  }

  getStateDelta(roomId: string, fromEventId: string, toEventId: string): Promise<StateDelta> {
    return this.call(async () => {
      const a = await this.getStateAfter(roomId, fromEventId);
      if (a === undefined) throw new MissingEventError(fromEventId);
      const b = await this.getStateAfter(roomId, toEventId);
      if (b === undefined) throw new MissingEventError(toEventId);
      const changed: StateMap = new Map();
      for (const [k, e] of b) if (a.get(k) !== e) changed.set(k, e);
      const removed = [...a.keys()].filter((k) => !b.has(k)).sort();
      return { changed, removed };
    });
  }

  async updateCurrentState(deltas: readonly CurrentStateDelta[]): Promise<void> {
    await this.putEvents([], { currentState: deltas });
  }

  // ---------------------------------------------------------------- memberships

  getMembership(roomId: string, userId: string): Promise<MembershipRecord | undefined> {
    return this.call(async () => (await this.readMemberships({ roomId: this.#room(roomId), userId: this.#user(userId) }))[0]);
  }

  getRoomMembers(roomId: string, membership: Membership = 'join'): Promise<string[]> {
    return this.call(async () =>
      (await this.readMemberships({ roomId: this.#room(roomId), memberships: [this.#membership(membership)] })).map((m) => m.userId).sort(),
    );
  }

  getServersInRoom(roomId: string): Promise<string[]> {
    return this.call(async () => {
      const joined = await this.readMemberships({ roomId: this.#room(roomId), memberships: ['join'] });
      return [...new Set(joined.map((m) => serverOf(m.userId)))].sort();
    });
  }

  getRoomsForUser(userId: string, membership: Membership = 'join'): Promise<string[]> {
    return this.call(async () =>
      (await this.readMemberships({ userId: this.#user(userId), memberships: [this.#membership(membership)] })).map((m) => m.roomId).sort(),
    );
  }

  #user(userId: string): string {
    if (!isPlausibleUserId(userId)) throw new InvalidArgumentError(`malformed user ID ${JSON.stringify(userId)}`);
    return userId;
  }

  #membership(m: string): string {
    if (!memberships.includes(m)) throw new InvalidArgumentError(`unknown membership ${JSON.stringify(m)}`);
    return m;
  }

  // ---------------------------------------------------------------- accounts

  createUser(user: UserRecord): Promise<void> {
    return this.write(async () => {
      this.#user(user.userId);
      if (!Number.isSafeInteger(user.createdTs)) throw new InvalidArgumentError('createdTs must be an integer');
      const ok = await this.auxInsert('users', { pk: user.userId, part: '', data: { ...user } });
      if (!ok) throw new AlreadyExistsError(`user ${user.userId} already exists`);
    });
  }

  getUser(userId: string): Promise<UserRecord | undefined> {
    return this.call(async () => (await this.auxGet('users', this.#user(userId)))?.data as UserRecord | undefined);
  }

  updateUser(userId: string, patch: Partial<Omit<UserRecord, 'userId'>>): Promise<UserRecord> {
    return this.write(async () => {
      const rec = await this.auxGet('users', this.#user(userId));
      if (rec === undefined) throw new MissingRecordError(`user ${userId} does not exist`);
      const user = { ...(rec.data as unknown as UserRecord), ...patch, userId };
      for (const [k, v] of Object.entries(user)) if (v === undefined) delete (user as Record<string, unknown>)[k];
      await this.auxApply([{ op: 'put', kind: 'users', record: { pk: userId, part: '', data: { ...user } } }]);
      return user;
    });
  }

  putDevice(device: DeviceRecord): Promise<void> {
    return this.write(async () => {
      this.#user(device.userId);
      checkString(device.deviceId, 'deviceId');
      await this.auxApply([{ op: 'put', kind: 'devices', record: { pk: sep(device.userId, device.deviceId), part: device.userId, data: { ...device } } }]);
    });
  }

  getDevice(userId: string, deviceId: string): Promise<DeviceRecord | undefined> {
    return this.call(async () => (await this.auxGet('devices', sep(this.#user(userId), checkString(deviceId, 'deviceId'))))?.data as DeviceRecord | undefined);
  }

  listDevices(userId: string): Promise<DeviceRecord[]> {
    return this.call(async () => (await this.auxList('devices', this.#user(userId))).map((r) => r.data as unknown as DeviceRecord));
  }

  deleteDevice(userId: string, deviceId: string): Promise<boolean> {
    return this.write(async () => {
      const pk = sep(this.#user(userId), checkString(deviceId, 'deviceId'));
      const existed = (await this.auxGet('devices', pk)) !== undefined;
      await this.auxApply([
        { op: 'delete', kind: 'devices', pk },
        { op: 'deletePart', kind: 'access_tokens', part: pk },
        { op: 'deletePart', kind: 'refresh_tokens', part: pk },
      ]);
      return existed;
    });
  }

  #token(t: TokenRecord): AuxRecord {
    checkString(t.token, 'token', 1024);
    this.#user(t.userId);
    checkString(t.deviceId, 'deviceId');
    if (t.expiresTs !== undefined && !Number.isSafeInteger(t.expiresTs)) throw new InvalidArgumentError('expiresTs must be an integer');
    return { pk: t.token, part: sep(t.userId, t.deviceId), data: { ...t } };
  }

  putAccessToken(token: TokenRecord): Promise<void> {
    return this.write(() => this.auxApply([{ op: 'put', kind: 'access_tokens', record: this.#token(token) }]));
  }

  getAccessToken(token: string, nowTs: number = Date.now()): Promise<TokenRecord | undefined> {
    return this.call(async () => {
      const rec = (await this.auxGet('access_tokens', checkString(token, 'token', 1024)))?.data as TokenRecord | undefined;
      return rec !== undefined && (rec.expiresTs === undefined || rec.expiresTs > nowTs) ? rec : undefined;
    });
  }

  deleteAccessToken(token: string): Promise<boolean> {
    return this.write(async () => (await this.auxTake('access_tokens', checkString(token, 'token', 1024))) !== undefined);
  }

  putRefreshToken(token: TokenRecord): Promise<void> {
    return this.write(() => this.auxApply([{ op: 'put', kind: 'refresh_tokens', record: this.#token(token) }]));
  }

  consumeRefreshToken(token: string, nowTs: number = Date.now()): Promise<TokenRecord | undefined> {
    return this.write(async () => {
      const rec = (await this.auxTake('refresh_tokens', checkString(token, 'token', 1024)))?.data as TokenRecord | undefined;
      return rec !== undefined && (rec.expiresTs === undefined || rec.expiresTs > nowTs) ? rec : undefined;
    });
  }

  // ---------------------------------------------------------------- keys

  putOwnSigningKey(key: OwnSigningKeyRecord): Promise<void> {
    return this.write(async () => {
      checkString(key.keyId, 'keyId');
      checkString(key.seed, 'seed', 1024);
      checkString(key.publicKey, 'publicKey', 1024);
      await this.auxApply([{ op: 'put', kind: 'own_keys', record: { pk: key.keyId, part: '', data: { ...key } } }]);
    });
  }

  listOwnSigningKeys(): Promise<OwnSigningKeyRecord[]> {
    return this.call(async () => (await this.auxList('own_keys', '')).map((r) => r.data as unknown as OwnSigningKeyRecord));
  }

  putServerKeys(keys: readonly ServerKeyRecord[]): Promise<void> {
    return this.write(async () => {
      if (!Array.isArray(keys)) throw new InvalidArgumentError('keys must be an array');
      const ops: AuxOp[] = keys.map((k) => {
        checkString(k.serverName, 'serverName');
        checkString(k.keyId, 'keyId');
        checkString(k.publicKey, 'publicKey', 1024);
        if (!Number.isSafeInteger(k.validUntilTs)) throw new InvalidArgumentError('validUntilTs must be an integer');
        return { op: 'put', kind: 'server_keys', record: { pk: sep(k.serverName, k.keyId), part: k.serverName, data: { ...k } } };
      });
      await this.auxApply(ops);
    });
  }

  getServerKeys(serverName: string, keyIds?: readonly string[]): Promise<ServerKeyRecord[]> {
    return this.call(async () => {
      const all = (await this.auxList('server_keys', checkString(serverName, 'serverName'))).map((r) => r.data as unknown as ServerKeyRecord);
      return keyIds === undefined ? all : all.filter((k) => keyIds.includes(k.keyId));
    });
  }

  // ---------------------------------------------------------------- aliases

  createAlias(alias: AliasRecord): Promise<void> {
    return this.write(async () => {
      if (typeof alias.alias !== 'string' || !alias.alias.startsWith('#') || !alias.alias.includes(':') || alias.alias.length > 255) {
        throw new InvalidArgumentError(`malformed room alias ${JSON.stringify(alias.alias)}`);
      }
      this.#room(alias.roomId);
      this.#user(alias.creator);
      const ok = await this.auxInsert('aliases', { pk: alias.alias, part: alias.roomId, data: { ...alias } });
      if (!ok) {
        const existing = await this.auxGet('aliases', alias.alias);
        if (existing?.part !== alias.roomId) throw new AlreadyExistsError(`alias ${alias.alias} is bound to another room`);
      }
    });
  }

  getAlias(alias: string): Promise<AliasRecord | undefined> {
    return this.call(async () => (await this.auxGet('aliases', checkString(alias, 'alias')))?.data as AliasRecord | undefined);
  }

  deleteAlias(alias: string): Promise<boolean> {
    return this.write(async () => (await this.auxTake('aliases', checkString(alias, 'alias'))) !== undefined);
  }

  listAliases(roomId: string): Promise<string[]> {
    return this.call(async () => (await this.auxList('aliases', this.#room(roomId))).map((r) => r.pk));
  }

  // ---------------------------------------------------------------- federation transactions

  getInboundTransaction(origin: string, txnId: string): Promise<InboundTransactionRecord | undefined> {
    return this.call(
      async () => (await this.auxGet('inbound_txns', sep(checkString(origin, 'origin'), checkString(txnId, 'txnId'))))?.data as InboundTransactionRecord | undefined,
    );
  }

  putInboundTransaction(record: InboundTransactionRecord): Promise<InboundTransactionRecord> {
    return this.write(async () => {
      const pk = sep(checkString(record.origin, 'origin'), checkString(record.txnId, 'txnId'));
      if (!isJsonObject(record.response as unknown)) throw new InvalidArgumentError('response must be a JSON object');
      if (!Number.isSafeInteger(record.receivedTs)) throw new InvalidArgumentError('receivedTs must be an integer');
      const data = JSON.parse(JSON.stringify(record)) as Record<string, unknown>;
      if (await this.auxInsert('inbound_txns', { pk, part: record.origin, data })) return data as unknown as InboundTransactionRecord;
      return (await this.auxGet('inbound_txns', pk))!.data as unknown as InboundTransactionRecord;
    });
  }

  enqueueOutbound(destination: string, items: readonly OutboundItem[]): Promise<number[]> {
    return this.write(async () => {
      checkString(destination, 'destination');
      if (!Array.isArray(items)) throw new InvalidArgumentError('items must be an array');
      for (const it of items) {
        if (!isJsonObject(it as unknown)) throw new InvalidArgumentError('each outbound item must be an object');
        if (it.pduIds !== undefined && (!Array.isArray(it.pduIds) || !it.pduIds.every(isPlausibleEventId))) throw new InvalidArgumentError('pduIds must be event IDs');
        if (it.edus !== undefined && (!Array.isArray(it.edus) || !(it.edus as readonly unknown[]).every((e) => isJsonObject(e)))) throw new InvalidArgumentError('edus must be objects');
      }
      if (items.length === 0) return [];
      const first = await this.allocate('outbound', items.length);
      const positions = items.map((_, i) => first + i);
      await this.auxApply(
        items.map((it, i) => ({
          op: 'put' as const,
          kind: 'outbound_queue' as const,
          record: { pk: sep(destination, String(positions[i]).padStart(16, '0')), part: destination, data: { ...JSON.parse(JSON.stringify(it)), position: positions[i] } },
        })),
      );
      return positions;
    });
  }

  peekOutbound(destination: string, limit: number): Promise<QueuedOutboundItem[]> {
    return this.call(async () => {
      checkLimit(limit);
      const all = await this.auxList('outbound_queue', checkString(destination, 'destination'));
      return all.slice(0, limit).map((r) => r.data as unknown as QueuedOutboundItem);
    });
  }

  ackOutbound(destination: string, position: number): Promise<number> {
    return this.write(async () => {
      if (!Number.isSafeInteger(position)) throw new InvalidArgumentError('position must be an integer');
      const all = await this.auxList('outbound_queue', checkString(destination, 'destination'));
      const done = all.filter((r) => (r.data['position'] as number) <= position);
      await this.auxApply(done.map((r) => ({ op: 'delete' as const, kind: 'outbound_queue' as const, pk: r.pk })));
      return done.length;
    });
  }

  listOutboundDestinations(): Promise<string[]> {
    return this.call(() => this.auxParts('outbound_queue'));
  }

  getDestinationRetry(destination: string): Promise<DestinationRetryState | undefined> {
    return this.call(async () => (await this.auxGet('destinations', checkString(destination, 'destination')))?.data as DestinationRetryState | undefined);
  }

  setDestinationRetry(destination: string, state: DestinationRetryState | undefined): Promise<void> {
    return this.write(async () => {
      checkString(destination, 'destination');
      if (state === undefined) return this.auxApply([{ op: 'delete', kind: 'destinations', pk: destination }]);
      for (const k of ['failureCount', 'lastFailureTs', 'retryAfterTs'] as const) {
        if (!Number.isSafeInteger(state[k])) throw new InvalidArgumentError(`${k} must be an integer`);
      }
      const data = { failureCount: state.failureCount, lastFailureTs: state.lastFailureTs, retryAfterTs: state.retryAfterTs };
      return this.auxApply([{ op: 'put', kind: 'destinations', record: { pk: destination, part: '', data } }]);
    });
  }

  // ---------------------------------------------------------------- change feed

  currentStreamPosition(): Promise<number> {
    return this.call(() => this.readMaxStreamOrdering());
  }

  #filter(filter: FeedFilter): FeedFilter {
    if (!isJsonObject(filter as unknown)) throw new InvalidArgumentError('filter must be { roomIds } or { userId }');
    if ('roomIds' in filter) {
      if (!Array.isArray(filter.roomIds)) throw new InvalidArgumentError('roomIds must be an array');
      for (const r of filter.roomIds) this.#room(r);
      return { roomIds: [...new Set(filter.roomIds)] };
    }
    return { userId: this.#user(filter.userId) };
  }

  readChanges(filter: FeedFilter, from: number, limit: number): Promise<FeedPage> {
    return this.call(async () => {
      const f = this.#filter(filter);
      if (!Number.isSafeInteger(from) || from < 0) throw new InvalidArgumentError('from must be a non-negative integer stream token');
      checkLimit(limit);
      if ('roomIds' in f && f.roomIds.length === 0) return { items: [], position: from };
      const events = await this.readFeed(f, from, limit);
      const items = events.map((event) => ({ position: event.streamOrdering, event }));
      return { items, position: items.at(-1)?.position ?? from };
    });
  }

  subscribe(filter: FeedFilter, options: SubscribeOptions = {}): AsyncIterable<FeedItem> {
    this.ensureOpen();
    const f = this.#filter(filter);
    const pageSize = checkLimit(options.pageSize ?? 100);
    if (options.from !== undefined && (!Number.isSafeInteger(options.from) || options.from < 0)) {
      throw new InvalidArgumentError('from must be a non-negative integer stream token');
    }
    return { [Symbol.asyncIterator]: () => this.#follow(f, options.from, pageSize, options.signal) };
  }

  async *#follow(filter: FeedFilter, from: number | undefined, pageSize: number, signal: AbortSignal | undefined): AsyncGenerator<FeedItem> {
    let position = from ?? (await this.currentStreamPosition());
    let listening = false;
    while (!this.#closed && signal?.aborted !== true) {
      // Register before reading, so a commit between the read and the wait is not missed.
      let wake!: () => void;
      const changed = new Promise<void>((resolve) => (wake = resolve));
      this.#changeWaiters.push(wake);
      let page: FeedPage;
      try {
        page = await this.readChanges(filter, position, pageSize);
      } catch (e) {
        if (e instanceof StoreClosedError) return;
        throw e;
      }
      for (const item of page.items) {
        if (aborted(signal)) return;
        yield item;
      }
      position = page.position;
      if (page.items.length === pageSize) {
        const i = this.#changeWaiters.indexOf(wake);
        if (i >= 0) this.#changeWaiters.splice(i, 1);
        continue;
      }
      if (!listening) {
        listening = true;
        await this.startChangeListener();
      }
      await new Promise<void>((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const done = (): void => {
          if (timer !== undefined) clearTimeout(timer);
          const i = this.#changeWaiters.indexOf(wake);
          if (i >= 0) this.#changeWaiters.splice(i, 1);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        void changed.then(done);
        signal?.addEventListener('abort', done, { once: true });
        if (this.#pollIntervalMs !== undefined) timer = setTimeout(done, this.#pollIntervalMs);
      });
    }
  }
}

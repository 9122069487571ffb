/**
 * The SurrealDB adapter, on the `surrealdb` SDK v2 (an optional peer dependency, loaded only
 * here) with the embedded engine of `@surrealdb/node` for `mem://` and `surrealkv://`.
 *
 * @module
 */
import { resolve } from 'node:path';
import type { StateKey } from '@maxtryx/federation-core';
import type { ConnectOptions, LiveSubscription, RecordId as RecordIdType, Surreal as SurrealType, SurrealTransaction, Uuid } from 'surrealdb';
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
import { InvalidArgumentError, MissingDriverError, SchemaVersionError, StorageEngineError, StoreError } from '../errors.js';
import type { EventStatus, FeedFilter, Membership, MembershipRecord, StateMap, StoredEvent } from '../types.js';
import { migrations } from './schema.js';

/** Options of {@link SurrealStore.open}. */
export interface SurrealStoreOptions extends BaseStoreOptions {
  /** The namespace (default `maxtryx`). */
  namespace?: string;
  /** The database (default `maxtryx`). */
  database?: string;
  /** Sign-in for a server (`ws://`, `wss://`, `http(s)://`): passed to the SDK's `connect` as `authentication`. */
  authentication?: ConnectOptions['authentication'];
  /** How many times a transaction that conflicts with another client's is retried (default 5). */
  conflictRetries?: number;
  /**
   * Give up connecting after this many ms (default 60,000) with a `StorageEngineError`, e.g.
   * when another process holds the lock of a `surrealkv` directory, instead of waiting forever.
   * (Reopening a `surrealkv` directory this process closed is refused at once: see the class notes.)
   */
  connectTimeoutMs?: number;
}

/** The embedded directories a live store of this process has open. */
const openDirectories = new Set<string>();
/**
 * The embedded directories a store of this process has closed. The embedded engine (3.0.2) does
 * not release a `surrealkv` directory's lock on `close()` once indexes are defined (its
 * background tasks keep it, and the process, alive), and connecting to a locked directory waits
 * forever; so reopening one in the same process is refused with a clear error instead.
 */
const closedDirectories = new Set<string>();

type SurrealModule = typeof import('surrealdb');

/** The schema version this code writes. */
export const surrealSchemaVersion = migrations.length;

const eventFields = 'event_id, room_id, room_version, type, state_key, sender, depth, stream, status, rejection_reason, json';
/** Rows per INSERT statement: the engine's cost per statement grows faster than linearly with its size. */
const insertChunk = 100;

/** Chunked `INSERT [IGNORE] INTO <table> $<name>i RETURN NONE;` statements for `rows`, all in one query. */
function insertStatements(table: string, rows: readonly unknown[], vars: Record<string, unknown>, ignore = false): string {
  let sql = '';
  for (let i = 0; i * insertChunk < rows.length; i++) {
    const name = `${table}${i}`;
    vars[name] = rows.slice(i * insertChunk, (i + 1) * insertChunk);
    sql += `INSERT ${ignore ? 'IGNORE ' : ''}INTO ${table} $${name} RETURN NONE;\n`;
  }
  return sql;
}

interface EventDoc {
  event_id: string;
  room_id: string;
  room_version: string;
  type: string;
  state_key?: string;
  sender: string;
  depth: number;
  stream: number;
  status: string;
  rejection_reason?: string;
  json: string;
}

function toStored(d: EventDoc): StoredEvent {
  return storedEventFromRow({
    eventId: d.event_id,
    roomId: d.room_id,
    roomVersion: d.room_version,
    type: d.type,
    stateKey: d.state_key,
    sender: d.sender,
    depth: Number(d.depth),
    status: d.status,
    rejectionReason: d.rejection_reason,
    json: d.json,
    streamOrdering: Number(d.stream),
  });
}

/** Whether a SurrealDB error is a transaction conflict that may succeed when retried. */
function isConflict(e: unknown): boolean {
  return e instanceof Error && /conflict|can be retried/i.test(e.message);
}

async function loadSdk(url: string): Promise<{ sdk: SurrealModule; engines: Record<string, unknown> }> {
  let sdk: SurrealModule;
  try {
    sdk = await import('surrealdb');
  } catch (e) {
    throw new MissingDriverError('surrealdb', { cause: e });
  }
  let engines: Record<string, unknown> = { ...sdk.createRemoteEngines() };
  if (/^(mem|surrealkv|surrealkv\+versioned|rocksdb):/i.test(url)) {
    try {
      const node = await import('@surrealdb/node');
      engines = { ...engines, ...node.createNodeEngines() };
    } catch (e) {
      throw new MissingDriverError('@surrealdb/node', { cause: e });
    }
  }
  return { sdk, engines };
}

type Queryable = Pick<SurrealType, 'query'> | SurrealTransaction;

/**
 * A store in SurrealDB through the `surrealdb` SDK v2: embedded (`mem://`, `surrealkv://<dir>`,
 * with `@surrealdb/node`) or a server or cluster (`ws://`, `wss://`, `http(s)://`). Tables,
 * fields and indexes are declared with `DEFINE TABLE / FIELD / INDEX` (SCHEMAFULL); each batch
 * is one interactive transaction, retried on a conflict with another client. The change feed
 * wakes on a `LIVE SELECT` over the event table (so it also hears other clients of a server)
 * and reads the events in stream order from the table, so order and resume never depend on
 * notification delivery. If LIVE SELECT is unavailable it falls back to polling every 250 ms.
 *
 * Limits of the embedded engine (`@surrealdb/node` 3.0.3, SurrealDB 3.0.2): after `close()` its
 * background index tasks keep the Node process alive (end it with `process.exit()`), and a
 * `surrealkv` directory stays locked until the process exits, so one process opens a directory
 * once (a second open, or a reopen after close, throws `StorageEngineError` instead of hanging).
 *
 * @example
 * const store = await SurrealStore.open('surrealkv:///var/lib/maxtryx/db');
 */
export class SurrealStore extends AbstractStore {
  readonly #db: SurrealType;
  readonly #sdk: SurrealModule;
  readonly #directory: string | undefined;
  readonly #retries: number;
  #live: LiveSubscription | undefined;
  #liveId: Uuid | undefined;
  #pollTimer: ReturnType<typeof setInterval> | undefined;

  private constructor(db: SurrealType, sdk: SurrealModule, directory: string | undefined, options: SurrealStoreOptions) {
    super(options);
    this.#db = db;
    this.#directory = directory;
    this.#sdk = sdk;
    this.#retries = options.conflictRetries ?? 5;
  }

  /**
   * Connects to `url` and brings the schema up to date.
   *
   * @throws {SchemaVersionError} if the database holds a schema version this code does not know.
   * @throws {MissingDriverError} if `surrealdb` (or, for embedded URLs, `@surrealdb/node`) is not installed.
   * @throws {StorageEngineError} if the connection fails.
   */
  static async open(url: string, options: SurrealStoreOptions = {}): Promise<SurrealStore> {
    if (typeof url !== 'string' || !/^[a-z+]+:\/\//i.test(url)) {
      throw new InvalidArgumentError('url must be mem://, surrealkv://<dir>, ws(s)://host or http(s)://host');
    }
    const kv = /^surrealkv(\+versioned)?:\/\/(.+)$/i.exec(url);
    const directory = kv === null ? undefined : resolve(kv[2]!);
    const namespace = options.namespace ?? 'maxtryx';
    const database = options.database ?? 'maxtryx';
    if (directory !== undefined && openDirectories.has(directory)) {
      throw new StorageEngineError(`the surrealkv directory ${directory} is already open in this process; share that store or close it first`);
    }
    if (directory !== undefined && closedDirectories.has(directory)) {
      throw new StorageEngineError(
        `the surrealkv directory ${directory} was closed by this process; the embedded engine keeps its lock until the process exits, so reopen it in another process`,
      );
    }
    const { sdk, engines } = await loadSdk(url);
    if (directory !== undefined) openDirectories.add(directory);
    const db = new sdk.Surreal({ engines: engines as never });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeoutMs = options.connectTimeoutMs ?? 60_000;
      await Promise.race([
        db.connect(url, {
          namespace,
          database,
          ...(options.authentication === undefined ? {} : { authentication: options.authentication }),
        }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new StorageEngineError(`connecting to ${url} did not finish within ${timeoutMs} ms (is it locked by another process?)`)), timeoutMs);
        }),
      ]);
      await migrate(db);
      return new SurrealStore(db, sdk, directory, options);
    } catch (e) {
      await db.close().catch(() => undefined);
      if (directory !== undefined) {
        openDirectories.delete(directory);
        closedDirectories.add(directory);
      }
      if (e instanceof StoreError) throw e;
      throw new StorageEngineError(`cannot open SurrealDB ${url}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  #rid(table: string, id: string | string[]): RecordIdType {
    return new this.#sdk.RecordId(table, id);
  }

  async #q<T extends unknown[]>(on: Queryable, sql: string, vars?: Record<string, unknown>): Promise<T> {
    return (await on.query(sql, vars).collect()) as T;
  }

  async #events(on: Queryable, ids: readonly string[], where = 'event_id != NONE', vars: Record<string, unknown> = {}): Promise<StoredEvent[]> {
    const [rows] = await this.#q<[EventDoc[]]>(on, `SELECT ${eventFields} FROM $ids WHERE ${where}`, {
      ids: ids.map((id) => this.#rid('event', id)),
      ...vars,
    });
    return rows.map(toStored);
  }

  protected override readEventsByIds(ids: readonly string[]): Promise<StoredEvent[]> {
    return this.#events(this.#db, ids);
  }

  protected override readEventsInRoom(roomId: string, ids: readonly string[], minDepth: number): Promise<StoredEvent[]> {
    return this.#events(this.#db, ids, 'event_id != NONE AND room_id = $room AND depth >= $min', { room: roomId, min: minDepth });
  }

  protected override async readChildren(roomId: string, ids: readonly string[]): Promise<Array<[string, string]>> {
    // dag_edge:[room, parent, child]: the children of a parent in a room are one key range.
    const [keys] = await this.#q<[Array<[string, string, string]>]>(
      this.#db,
      '$ids.map(|$p| (SELECT VALUE record::id(id) FROM dag_edge:[$room, $p, NONE]..=[$room, $p, ..])).flatten()',
      { ids: [...new Set(ids)], room: roomId },
    );
    return keys.map(([, parent, child]) => [parent, child]);
  }

  protected override async readForwardExtremities(roomId: string): Promise<string[]> {
    const [rows] = await this.#q<[string[]]>(this.#db, 'SELECT VALUE event_id FROM fx WHERE room_id = $room', { room: roomId });
    return rows;
  }

  protected override async readRoomEvents(roomId: string, q: RoomEventsRead): Promise<StoredEvent[]> {
    const fwd = q.direction === 'forwards';
    const cmp = fwd ? '>' : '<';
    const dir = fwd ? 'ASC' : 'DESC';
    const vars: Record<string, unknown> = { room: roomId, st: [...q.statuses], limit: q.limit };
    let where = 'room_id = $room AND status IN $st';
    let order: string;
    if (q.order === 'stream') {
      if (q.fromStream !== undefined) {
        where += ` AND stream ${cmp} $s`;
        vars['s'] = q.fromStream;
      }
      order = `stream ${dir}`;
    } else {
      if (q.fromStream !== undefined) {
        where += ` AND (depth ${cmp} $d OR (depth = $d AND stream ${cmp} $s))`;
        vars['d'] = q.fromDepth ?? 0;
        vars['s'] = q.fromStream;
      }
      order = `depth ${dir}, stream ${dir}`;
    }
    const [rows] = await this.#q<[EventDoc[]]>(this.#db, `SELECT ${eventFields} FROM event WHERE ${where} ORDER BY ${order} LIMIT $limit`, vars);
    return rows.map(toStored);
  }

  async #meta(on: Queryable, ids: readonly string[]): Promise<Map<string, EventMeta>> {
    const [rows] = await this.#q<[Array<{ event_id: string; room_id: string; status: EventStatus; state_group?: string }>]>(
      on,
      'SELECT event_id, room_id, status, state_group FROM $ids WHERE event_id != NONE',
      { ids: ids.map((id) => this.#rid('event', id)) },
    );
    return new Map(rows.map((r) => [r.event_id, { roomId: r.room_id, status: r.status, stateGroup: r.state_group ?? null }]));
  }

  protected override readEventMeta(ids: readonly string[]): Promise<Map<string, EventMeta>> {
    return this.#meta(this.#db, ids);
  }

  protected override async readStateGroups(ids: readonly string[]): Promise<StateGroupRecord[]> {
    const [rows] = await this.#q<[Array<{ group_id: string; room_id: string; prev_group?: string; chain_length: number; delta: string }>]>(
      this.#db,
      'SELECT group_id, room_id, prev_group, chain_length, delta FROM $ids WHERE group_id != NONE',
      { ids: ids.map((id) => this.#rid('state_group', id)) },
    );
    return rows.map((r) => ({
      id: r.group_id,
      roomId: r.room_id,
      prevGroup: r.prev_group ?? null,
      chainLength: Number(r.chain_length),
      delta: JSON.parse(r.delta) as Array<[StateKey, string | null]>,
    }));
  }

  protected override async readCurrentState(roomId: string): Promise<StateMap> {
    const [rows] = await this.#q<[Array<{ key: StateKey; event_id: string }>]>(this.#db, 'SELECT key, event_id FROM current_state WHERE room_id = $room', {
      room: roomId,
    });
    return new Map(rows.map((r) => [r.key, r.event_id]));
  }

  protected override async readMemberships(q: MembershipQuery): Promise<MembershipRecord[]> {
    const where: string[] = [];
    if (q.roomId !== undefined) where.push('room_id = $room');
    if (q.userId !== undefined) where.push('user_id = $user');
    if (q.memberships !== undefined) where.push('membership IN $m');
    const [rows] = await this.#q<[Array<{ room_id: string; user_id: string; membership: Membership; event_id: string }>]>(
      this.#db,
      `SELECT room_id, user_id, membership, event_id FROM membership${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`,
      { room: q.roomId, user: q.userId, m: q.memberships === undefined ? undefined : [...q.memberships] },
    );
    return rows.map((r) => ({ roomId: r.room_id, userId: r.user_id, membership: r.membership, eventId: r.event_id }));
  }

  protected override async readFeed(filter: FeedFilter, after: number, limit: number): Promise<StoredEvent[]> {
    if ('roomIds' in filter) {
      const [rows] = await this.#q<[EventDoc[]]>(
        this.#db,
        `SELECT ${eventFields} FROM event WHERE stream > $after AND status = 'accepted' AND room_id IN $rooms ORDER BY stream LIMIT $limit`,
        { after, rooms: [...filter.roomIds], limit },
      );
      return rows.map(toStored);
    }
    const [, rows] = await this.#q<[unknown, EventDoc[]]>(
      this.#db,
      `LET $rooms = (SELECT VALUE room_id FROM membership WHERE user_id = $user AND membership = 'join');
       SELECT ${eventFields} FROM event WHERE stream > $after AND status = 'accepted'
         AND (room_id IN $rooms OR (type = 'm.room.member' AND state_key = $user))
       ORDER BY stream LIMIT $limit`,
      { after, user: filter.userId, limit },
    );
    return rows.map(toStored);
  }

  protected override async readMaxStreamOrdering(): Promise<number> {
    const [v] = await this.#q<[number | undefined]>(this.#db, 'SELECT VALUE value FROM ONLY $c', { c: this.#rid('counter', 'stream') });
    return v === undefined || v === null ? 0 : Number(v);
  }

  protected override async runTransaction<T>(fn: (tx: WriteTxn) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const tx = await this.#db.beginTransaction();
      try {
        const result = await fn(this.#txnOps(tx));
        await tx.commit();
        return result;
      } catch (e) {
        await tx.cancel().catch(() => undefined);
        if (attempt < this.#retries && isConflict(e)) continue;
        throw e;
      }
    }
  }

  #txnOps(tx: SurrealTransaction): WriteTxn {
    return {
      readEventMeta: (ids) => this.#meta(tx, ids),
      allocateStreamOrderings: async (n) => {
        const [[v]] = await this.#q<[[number]]>(tx, 'UPSERT $c SET value += $n RETURN VALUE value', { c: this.#rid('counter', 'stream'), n });
        return Number(v) - n + 1;
      },
      insertEvents: async (rows: readonly EventRow[]) => {
        const docs = rows.map((r) => {
          const d: Record<string, unknown> = {
            id: this.#rid('event', r.eventId),
            event_id: r.eventId,
            room_id: r.roomId,
            room_version: r.roomVersion,
            type: r.type,
            sender: r.sender,
            depth: r.depth,
            stream: r.streamOrdering,
            status: r.status,
            json: r.json,
          };
          if (r.stateKey !== null) d['state_key'] = r.stateKey;
          if (r.rejectionReason !== null) d['rejection_reason'] = r.rejectionReason;
          if (r.stateGroup !== null) d['state_group'] = r.stateGroup;
          return d;
        });
        const edges = rows.flatMap((r) => r.prevEventIds.map((p) => ({ id: this.#rid('dag_edge', [r.roomId, p, r.eventId]) })));
        const vars: Record<string, unknown> = {};
        await this.#q(tx, insertStatements('event', docs, vars) + insertStatements('dag_edge', edges, vars, true), vars);
        await this.#recordAcceptedChildren(tx, rows);
      },
      promoteEvents: async (rows: readonly PromotionRow[]) => {
        const docs = rows.map((p) => ({
          rid: this.#rid('event', p.eventId),
          status: p.status,
          stream: p.streamOrdering,
          reason: p.rejectionReason ?? undefined,
          group: p.stateGroup ?? undefined,
        }));
        await this.#q(tx, 'FOR $p IN $docs { UPDATE $p.rid SET status = $p.status, stream = $p.stream, rejection_reason = $p.reason, state_group = $p.group RETURN NONE; };', {
          docs,
        });
        await this.#recordAcceptedChildren(tx, rows);
      },
      insertStateGroups: async (groups) => {
        const docs = groups.map((g) => {
          const d: Record<string, unknown> = {
            id: this.#rid('state_group', g.id),
            group_id: g.id,
            room_id: g.roomId,
            chain_length: g.chainLength,
            delta: JSON.stringify(g.delta),
          };
          if (g.prevGroup !== null) d['prev_group'] = g.prevGroup;
          return d;
        });
        const vars: Record<string, unknown> = {};
        await this.#q(tx, insertStatements('state_group', docs, vars, true), vars);
      },
      parentsWithAcceptedChild: async (roomId, ids) => {
        // Direct key lookups; a missing record reads as null.
        const [found] = await this.#q<[Array<RecordIdType | null>]>(tx, 'SELECT VALUE id FROM $rids', { rids: ids.map((id) => this.#rid('accepted_child', [roomId, id])) });
        return new Set(found.flatMap((rid) => (rid === null || rid === undefined ? [] : [(rid.id as [string, string])[1]])));
      },
      updateForwardExtremities: async (changes: readonly ExtremityChange[]) => {
        // A room has few extremities: delete through the room index rather than by every removed ID.
        const remove = changes.filter((c) => c.remove.length > 0).map((c) => ({ room: c.roomId, ids: c.remove }));
        const add = changes.flatMap((c) => c.add.map((id) => ({ id: this.#rid('fx', [c.roomId, id]), room_id: c.roomId, event_id: id })));
        await this.#q(tx, 'FOR $c IN $remove { DELETE fx WHERE room_id = $c.room AND event_id IN $c.ids RETURN NONE; }; INSERT IGNORE INTO fx $add RETURN NONE;', {
          remove,
          add,
        });
      },
      readEvents: (ids) => this.#events(tx, ids),
      applyCurrentState: async (c: CurrentStateChange) => {
        // Removals first, then upserts (a DELETE and an INSERT of one ID in one transaction clash on the mem:// engine).
        const setKeys = new Set(c.set.map(([k]) => k));
        const removeState = c.remove.filter((k) => !setKeys.has(k)).map((k) => this.#rid('current_state', [c.roomId, k]));
        const state = c.set.map(([k, e]) => ({ id: this.#rid('current_state', [c.roomId, k]), room_id: c.roomId, key: k, event_id: e }));
        const upsertUsers = new Set(c.upsertMemberships.map((m) => m.userId));
        const removeMembers = c.removeMemberships.filter((u) => !upsertUsers.has(u)).map((u) => this.#rid('membership', [c.roomId, u]));
        const members = c.upsertMemberships.map((m) => ({
          id: this.#rid('membership', [c.roomId, m.userId]),
          room_id: c.roomId,
          user_id: m.userId,
          membership: m.membership,
          event_id: m.eventId,
        }));
        await this.#q(
          tx,
          `DELETE $removeState RETURN NONE;
           FOR $s IN $state { UPSERT $s.id SET room_id = $s.room_id, key = $s.key, event_id = $s.event_id RETURN NONE; };
           DELETE $removeMembers RETURN NONE;
           FOR $m IN $members { UPSERT $m.id SET room_id = $m.room_id, user_id = $m.user_id, membership = $m.membership, event_id = $m.event_id RETURN NONE; };`,
          { removeState, state, removeMembers, members },
        );
      },
    };
  }

  /**
   * Records, for the accepted events among `rows`, that their prev events have an accepted child
   * in their room: the fact {@link WriteTxn.parentsWithAcceptedChild} reads when such a parent is
   * stored later. Only parents not stored yet, or stored as outliers, can be asked about later
   * (any other status is final), so only theirs are written: on an ordinary append, none.
   */
  async #recordAcceptedChildren(tx: SurrealTransaction, rows: ReadonlyArray<{ roomId: string; status: EventStatus; prevEventIds: readonly string[] }>): Promise<void> {
    const pairs = new Map<string, [string, string]>();
    for (const r of rows) if (r.status === 'accepted') for (const p of r.prevEventIds) pairs.set(JSON.stringify([r.roomId, p]), [r.roomId, p]);
    if (pairs.size === 0) return;
    const candidates = [...pairs.values()];
    // One status per candidate, in order; a missing event reads as null.
    const [statuses] = await this.#q<[Array<string | null | undefined>]>(tx, 'SELECT VALUE status FROM $rids', { rids: candidates.map(([, p]) => this.#rid('event', p)) });
    const needed = candidates.filter((_, i) => typeof statuses[i] !== 'string' || statuses[i] === 'outlier').map((key) => ({ id: this.#rid('accepted_child', key) }));
    if (needed.length === 0) return;
    const vars: Record<string, unknown> = {};
    await this.#q(tx, insertStatements('accepted_child', needed, vars, true), vars);
  }

  #aux(kind: AuxKind, pk: string): RecordIdType {
    return this.#rid(`aux_${kind}`, pk);
  }

  #auxRow(r: { pk: string; part: string; data: string }): AuxRecord {
    return { pk: r.pk, part: r.part, data: JSON.parse(r.data) as Record<string, unknown> };
  }

  protected override async auxGet(kind: AuxKind, pk: string): Promise<AuxRecord | undefined> {
    const [r] = await this.#q<[{ pk: string; part: string; data: string } | undefined]>(this.#db, 'SELECT pk, part, data FROM ONLY $r', { r: this.#aux(kind, pk) });
    return r === undefined || r === null ? undefined : this.#auxRow(r);
  }

  protected override async auxList(kind: AuxKind, part: string): Promise<AuxRecord[]> {
    const [rows] = await this.#q<[Array<{ pk: string; part: string; data: string }>]>(this.#db, `SELECT pk, part, data FROM aux_${kind} WHERE part = $part ORDER BY pk`, { part });
    return rows.map((r) => this.#auxRow(r));
  }

  protected override async auxParts(kind: AuxKind): Promise<string[]> {
    const [rows] = await this.#q<[Array<{ part: string }>]>(this.#db, `SELECT part FROM aux_${kind} GROUP BY part ORDER BY part`);
    return rows.map((r) => r.part);
  }

  protected override async auxInsert(kind: AuxKind, record: AuxRecord): Promise<boolean> {
    const [rows] = await this.#q<[unknown[]]>(this.#db, `INSERT IGNORE INTO aux_${kind} $doc RETURN id`, {
      doc: { id: this.#aux(kind, record.pk), pk: record.pk, part: record.part, data: JSON.stringify(record.data) },
    });
    return rows.length === 1;
  }

  protected override async auxApply(ops: readonly AuxOp[]): Promise<void> {
    if (ops.length === 0) return;
    const vars: Record<string, unknown> = {};
    const statements = ops.map((op, i) => {
      if (op.op === 'put') {
        vars[`r${i}`] = this.#aux(op.kind, op.record.pk);
        vars[`d${i}`] = { pk: op.record.pk, part: op.record.part, data: JSON.stringify(op.record.data) };
        return `UPSERT $r${i} CONTENT $d${i} RETURN NONE;`;
      }
      if (op.op === 'delete') {
        vars[`r${i}`] = this.#aux(op.kind, op.pk);
        return `DELETE $r${i} RETURN NONE;`;
      }
      vars[`p${i}`] = op.part;
      return `DELETE aux_${op.kind} WHERE part = $p${i} RETURN NONE;`;
    });
    await this.#q(this.#db, `BEGIN; ${statements.join(' ')} COMMIT;`, vars);
  }

  protected override async auxTake(kind: AuxKind, pk: string): Promise<AuxRecord | undefined> {
    const [rows] = await this.#q<[Array<{ pk: string; part: string; data: string }>]>(this.#db, 'DELETE $r RETURN BEFORE', { r: this.#aux(kind, pk) });
    const r = rows[0];
    return r === undefined ? undefined : this.#auxRow(r);
  }

  protected override async allocate(counter: string, n: number): Promise<number> {
    const [[v]] = await this.#q<[[number]]>(this.#db, 'UPSERT $c SET value += $n RETURN VALUE value', { c: this.#rid('counter', `aux_${counter}`), n });
    return Number(v) - n + 1;
  }

  protected override async startChangeListener(): Promise<void> {
    if (this.#live !== undefined || this.#pollTimer !== undefined || this.closed) return;
    try {
      const [id] = await this.#q<[Uuid]>(this.#db, "LIVE SELECT stream FROM event WHERE status = 'accepted'");
      this.#liveId = id;
      const live = await this.#db.liveOf(id);
      this.#live = live;
      live.subscribe(() => this.notifyChange());
    } catch {
      // Fallback when LIVE SELECT is not available: poll.
      this.#pollTimer = setInterval(() => this.notifyChange(), 250);
      this.#pollTimer.unref?.();
    }
  }

  protected override async closeStorage(): Promise<void> {
    if (this.#pollTimer !== undefined) clearInterval(this.#pollTimer);
    if (this.#live !== undefined) {
      await this.#live.kill().catch(() => undefined);
      if (this.#liveId !== undefined) await this.#db.query('KILL $id', { id: this.#liveId }).collect().catch(() => undefined);
      this.#live = undefined;
    }
    await this.#db.close();
    if (this.#directory !== undefined) {
      openDirectories.delete(this.#directory);
      closedDirectories.add(this.#directory);
    }
  }
}

/** Creates or upgrades the schema; refuses a database of an unknown version. */
async function migrate(db: SurrealType): Promise<void> {
  const [info] = (await db.query('INFO FOR DB').collect()) as [{ tables?: Record<string, unknown> }];
  const tables = Object.keys(info?.tables ?? {});
  let version = 0;
  if (tables.includes('schema_meta')) {
    const [v] = (await db.query('SELECT VALUE version FROM ONLY schema_meta:version').collect()) as [unknown];
    version = v === undefined || v === null ? 0 : Number(v);
    if (!Number.isSafeInteger(version) || version < 0 || version > migrations.length) throw new SchemaVersionError(v, migrations.length);
  } else if (tables.length > 0) {
    throw new SchemaVersionError('none (not a maxtryx database)', migrations.length);
  }
  for (let v = version; v < migrations.length; v++) {
    await db
      .query(
        `BEGIN;
         DEFINE TABLE IF NOT EXISTS schema_meta SCHEMAFULL;
         DEFINE FIELD IF NOT EXISTS version ON schema_meta TYPE int;
         ${migrations[v]!}
         UPSERT schema_meta:version SET version = $next;
         COMMIT;`,
        { next: v + 1 },
      )
      .collect();
  }
}

/**
 * The SQLite adapter, on better-sqlite3 (an optional peer dependency, loaded only here).
 *
 * @module
 */
import type { StateKey } from '@maxtryx/federation-core';
import type BetterSqlite3 from 'better-sqlite3';
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
import { auxKinds } from '../adapter.js';
import { AbstractStore, storedEventFromRow } from '../base.js';
import type { BaseStoreOptions } from '../base.js';
import { InvalidArgumentError, MissingDriverError, SchemaVersionError, StorageEngineError, StoreError } from '../errors.js';
import type { EventStatus, FeedFilter, Membership, MembershipRecord, StateMap, StoredEvent } from '../types.js';

/** Options of {@link SqliteStore.open}. */
export interface SqliteStoreOptions extends BaseStoreOptions {
  /**
   * `full` (default): each commit is synced to disk, so it survives a power loss; `normal`:
   * survives a crash of the process (SIGKILL) but perhaps not of the machine; faster.
   */
  synchronous?: 'full' | 'normal';
  /** How long a writer waits for another process's write lock, in ms (default 10,000). */
  busyTimeoutMs?: number;
}

/**
 * The schema migrations, in order: entry `i` takes the database from version `i` to `i + 1`.
 * Never edit a released entry; append a new one.
 */
const migrations: readonly string[] = [
  `
  CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    room_id TEXT NOT NULL,
    room_version TEXT NOT NULL,
    type TEXT NOT NULL,
    state_key TEXT,
    sender TEXT NOT NULL,
    depth INTEGER NOT NULL,
    stream INTEGER NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'soft_failed', 'outlier')),
    rejection_reason TEXT,
    json TEXT NOT NULL,
    state_group TEXT
  );
  CREATE INDEX events_room_depth ON events (room_id, depth, stream);
  CREATE INDEX events_room_stream ON events (room_id, stream);
  CREATE TABLE event_edges (
    event_id TEXT NOT NULL,
    prev_event_id TEXT NOT NULL,
    room_id TEXT NOT NULL,
    PRIMARY KEY (event_id, prev_event_id)
  ) WITHOUT ROWID;
  CREATE INDEX event_edges_prev ON event_edges (prev_event_id, event_id);
  CREATE TABLE forward_extremities (
    room_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (room_id, event_id)
  ) WITHOUT ROWID;
  CREATE TABLE state_groups (
    group_id TEXT PRIMARY KEY,
    room_id TEXT NOT NULL,
    prev_group TEXT,
    chain_length INTEGER NOT NULL,
    delta TEXT NOT NULL
  );
  CREATE TABLE current_state (
    room_id TEXT NOT NULL,
    state_key TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (room_id, state_key)
  ) WITHOUT ROWID;
  CREATE TABLE memberships (
    room_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    membership TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (room_id, user_id)
  ) WITHOUT ROWID;
  CREATE INDEX memberships_user ON memberships (user_id, membership);
  CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  INSERT INTO counters (name, value) VALUES ('stream', 0);
  ${auxKinds
    .map(
      (k) => `CREATE TABLE aux_${k} (pk TEXT PRIMARY KEY, part TEXT NOT NULL, data TEXT NOT NULL) WITHOUT ROWID;
  CREATE INDEX aux_${k}_part ON aux_${k} (part, pk);`,
    )
    .join('\n  ')}
  `,
];

/** The schema version this code writes. */
export const sqliteSchemaVersion = migrations.length;

const eventColumns = `event_id AS eventId, room_id AS roomId, room_version AS roomVersion, type, state_key AS stateKey, sender, depth,
  status, rejection_reason AS rejectionReason, json, stream AS streamOrdering`;

type Row = Parameters<typeof storedEventFromRow>[0];
type Stmt = BetterSqlite3.Statement<unknown[], unknown>;

async function loadDriver(): Promise<typeof BetterSqlite3> {
  try {
    const mod = (await import('better-sqlite3')) as unknown as { default?: typeof BetterSqlite3 };
    return mod.default ?? (mod as unknown as typeof BetterSqlite3);
  } catch (e) {
    throw new MissingDriverError('better-sqlite3', { cause: e });
  }
}

/**
 * A store in one SQLite database file (or `':memory:'`), through better-sqlite3: WAL
 * journal, versioned schema migrations (`schema_version` table), prepared statements, each
 * batch one `BEGIN IMMEDIATE` transaction. Several processes may open the same file; a
 * writer waits for the others' write lock (`busyTimeoutMs`). Open one instance per file per
 * process: two instances on one file in one thread would wait on each other's lock.
 *
 * @example
 * const store = await SqliteStore.open('/var/lib/maxtryx/homeserver.sqlite');
 */
export class SqliteStore extends AbstractStore {
  readonly #db: BetterSqlite3.Database;
  readonly #stmts = new Map<string, Stmt>();
  /** Settles when the running write transaction ends; reads wait for it (same connection). */
  #txn: Promise<void> | undefined;

  private constructor(db: BetterSqlite3.Database, options: SqliteStoreOptions) {
    super(options);
    this.#db = db;
  }

  /**
   * Opens (creating if needed) the database at `path`, or an in-memory one for `':memory:'`,
   * and brings its schema up to date.
   *
   * @throws {SchemaVersionError} if the file holds a schema version this code does not know.
   * @throws {MissingDriverError} if better-sqlite3 is not installed.
   * @throws {StorageEngineError} if the file cannot be opened or is not a SQLite database.
   */
  static async open(path: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
    if (typeof path !== 'string' || path.length === 0) throw new InvalidArgumentError('path must be a file path or ":memory:"');
    const Database = await loadDriver();
    let db: BetterSqlite3.Database | undefined;
    try {
      db = new Database(path);
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 10_000))}`);
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      migrate(db);
      return new SqliteStore(db, options);
    } catch (e) {
      try {
        db?.close();
      } catch {
        // The original failure matters more.
      }
      if (e instanceof StoreError) throw e;
      throw new StorageEngineError(`cannot open SQLite database ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }

  #stmt(sql: string): Stmt {
    let s = this.#stmts.get(sql);
    if (s === undefined) {
      s = this.#db.prepare(sql);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  #all<T>(sql: string, ...params: unknown[]): T[] {
    return this.#stmt(sql).all(...params) as T[];
  }

  async #idle(): Promise<void> {
    while (this.#txn !== undefined) await this.#txn;
  }

  #events(sql: string, ...params: unknown[]): StoredEvent[] {
    return this.#all<Row>(sql, ...params).map(storedEventFromRow);
  }

  protected override async readEventsByIds(ids: readonly string[]): Promise<StoredEvent[]> {
    await this.#idle();
    return this.#events(`SELECT ${eventColumns} FROM events WHERE event_id IN (SELECT value FROM json_each(?))`, JSON.stringify(ids));
  }

  protected override async readEventsInRoom(roomId: string, ids: readonly string[], minDepth: number): Promise<StoredEvent[]> {
    await this.#idle();
    return this.#events(
      // Unary "+" keeps the planner on the primary key: the (room_id, depth) index would scan the room.
      `SELECT ${eventColumns} FROM events WHERE event_id IN (SELECT value FROM json_each(?)) AND +room_id = ? AND +depth >= ?`,
      JSON.stringify(ids),
      roomId,
      minDepth,
    );
  }

  protected override async readChildren(roomId: string, ids: readonly string[]): Promise<Array<[string, string]>> {
    await this.#idle();
    return this.#all<{ p: string; c: string }>(
      'SELECT prev_event_id AS p, event_id AS c FROM event_edges WHERE prev_event_id IN (SELECT value FROM json_each(?)) AND room_id = ?',
      JSON.stringify(ids),
      roomId,
    ).map((r) => [r.p, r.c]);
  }

  protected override async readForwardExtremities(roomId: string): Promise<string[]> {
    await this.#idle();
    return this.#all<{ e: string }>('SELECT event_id AS e FROM forward_extremities WHERE room_id = ?', roomId).map((r) => r.e);
  }

  protected override async readRoomEvents(roomId: string, q: RoomEventsRead): Promise<StoredEvent[]> {
    await this.#idle();
    const fwd = q.direction === 'forwards';
    const cmp = fwd ? '>' : '<';
    const dir = fwd ? 'ASC' : 'DESC';
    const statuses = JSON.stringify(q.statuses);
    if (q.order === 'stream') {
      return this.#events(
        `SELECT ${eventColumns} FROM events WHERE room_id = ? AND stream ${cmp} ? AND status IN (SELECT value FROM json_each(?)) ORDER BY stream ${dir} LIMIT ?`,
        roomId,
        q.fromStream ?? (fwd ? -1 : Number.MAX_SAFE_INTEGER),
        statuses,
        q.limit,
      );
    }
    const edge = fwd ? -1 : Number.MAX_SAFE_INTEGER;
    return this.#events(
      `SELECT ${eventColumns} FROM events WHERE room_id = ? AND (depth, stream) ${cmp} (?, ?) AND status IN (SELECT value FROM json_each(?))
       ORDER BY depth ${dir}, stream ${dir} LIMIT ?`,
      roomId,
      q.fromStream === undefined ? edge : (q.fromDepth ?? 0),
      q.fromStream ?? edge,
      statuses,
      q.limit,
    );
  }

  #meta(ids: readonly string[]): Map<string, EventMeta> {
    const rows = this.#all<{ id: string; roomId: string; status: EventStatus; stateGroup: string | null }>(
      'SELECT event_id AS id, room_id AS roomId, status, state_group AS stateGroup FROM events WHERE event_id IN (SELECT value FROM json_each(?))',
      JSON.stringify(ids),
    );
    return new Map(rows.map((r) => [r.id, { roomId: r.roomId, status: r.status, stateGroup: r.stateGroup }]));
  }

  protected override async readEventMeta(ids: readonly string[]): Promise<Map<string, EventMeta>> {
    await this.#idle();
    return this.#meta(ids);
  }

  protected override async readStateGroups(ids: readonly string[]): Promise<StateGroupRecord[]> {
    await this.#idle();
    return this.#all<{ id: string; roomId: string; prevGroup: string | null; chainLength: number; delta: string }>(
      `SELECT group_id AS id, room_id AS roomId, prev_group AS prevGroup, chain_length AS chainLength, delta
       FROM state_groups WHERE group_id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(ids),
    ).map((r) => ({ ...r, delta: JSON.parse(r.delta) as Array<[StateKey, string | null]> }));
  }

  protected override async readCurrentState(roomId: string): Promise<StateMap> {
    await this.#idle();
    const rows = this.#all<{ k: StateKey; e: string }>('SELECT state_key AS k, event_id AS e FROM current_state WHERE room_id = ?', roomId);
    return new Map(rows.map((r) => [r.k, r.e]));
  }

  protected override async readMemberships(q: MembershipQuery): Promise<MembershipRecord[]> {
    await this.#idle();
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.roomId !== undefined) {
      where.push('room_id = ?');
      params.push(q.roomId);
    }
    if (q.userId !== undefined) {
      where.push('user_id = ?');
      params.push(q.userId);
    }
    if (q.memberships !== undefined) {
      where.push('membership IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(q.memberships));
    }
    return this.#all<{ roomId: string; userId: string; membership: Membership; eventId: string }>(
      `SELECT room_id AS roomId, user_id AS userId, membership, event_id AS eventId FROM memberships WHERE ${where.join(' AND ') || '1'}`,
      ...params,
    );
  }

  protected override async readFeed(filter: FeedFilter, after: number, limit: number): Promise<StoredEvent[]> {
    await this.#idle();
    if ('roomIds' in filter) {
      return this.#events(
        `SELECT ${eventColumns} FROM events WHERE stream > ? AND status = 'accepted' AND room_id IN (SELECT value FROM json_each(?)) ORDER BY stream LIMIT ?`,
        after,
        JSON.stringify(filter.roomIds),
        limit,
      );
    }
    return this.#events(
      `SELECT ${eventColumns} FROM events WHERE stream > ? AND status = 'accepted'
         AND (room_id IN (SELECT room_id FROM memberships WHERE user_id = ? AND membership = 'join')
              OR (type = 'm.room.member' AND state_key = ?))
       ORDER BY stream LIMIT ?`,
      after,
      filter.userId,
      filter.userId,
      limit,
    );
  }

  protected override async readMaxStreamOrdering(): Promise<number> {
    await this.#idle();
    return (this.#stmt("SELECT value FROM counters WHERE name = 'stream'").get() as { value: number } | undefined)?.value ?? 0;
  }

  protected override async runTransaction<T>(fn: (tx: WriteTxn) => Promise<T>): Promise<T> {
    await this.#idle();
    let end!: () => void;
    this.#txn = new Promise<void>((resolve) => (end = resolve));
    const db = this.#db;
    try {
      this.#stmt('BEGIN IMMEDIATE').run();
      try {
        const result = await fn(this.#txnOps());
        this.#stmt('COMMIT').run();
        return result;
      } catch (e) {
        if (db.inTransaction) this.#stmt('ROLLBACK').run();
        throw e;
      }
    } finally {
      this.#txn = undefined;
      end();
    }
  }

  #txnOps(): WriteTxn {
    return {
      readEventMeta: async (ids) => this.#meta(ids),
      allocateStreamOrderings: async (n) => this.#allocate('stream', n),
      insertEvents: async (rows: readonly EventRow[]) => {
        const ins = this.#stmt(
          `INSERT INTO events (event_id, room_id, room_version, type, state_key, sender, depth, stream, status, rejection_reason, json, state_group)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const edge = this.#stmt('INSERT OR IGNORE INTO event_edges (event_id, prev_event_id, room_id) VALUES (?, ?, ?)');
        for (const r of rows) {
          ins.run(r.eventId, r.roomId, r.roomVersion, r.type, r.stateKey, r.sender, r.depth, r.streamOrdering, r.status, r.rejectionReason, r.json, r.stateGroup);
          for (const p of r.prevEventIds) edge.run(r.eventId, p, r.roomId);
        }
      },
      promoteEvents: async (rows: readonly PromotionRow[]) => {
        const up = this.#stmt('UPDATE events SET status = ?, rejection_reason = ?, stream = ?, state_group = ? WHERE event_id = ?');
        for (const p of rows) up.run(p.status, p.rejectionReason, p.streamOrdering, p.stateGroup, p.eventId);
      },
      insertStateGroups: async (groups) => {
        const ins = this.#stmt('INSERT OR IGNORE INTO state_groups (group_id, room_id, prev_group, chain_length, delta) VALUES (?, ?, ?, ?, ?)');
        for (const g of groups) ins.run(g.id, g.roomId, g.prevGroup, g.chainLength, JSON.stringify(g.delta));
      },
      parentsWithAcceptedChild: async (roomId, ids) =>
        new Set(
          this.#all<{ p: string }>(
            `SELECT DISTINCT e.prev_event_id AS p FROM event_edges e JOIN events c ON c.event_id = e.event_id
             WHERE e.prev_event_id IN (SELECT value FROM json_each(?)) AND c.status = 'accepted' AND c.room_id = ?`,
            JSON.stringify(ids),
            roomId,
          ).map((r) => r.p),
        ),
      updateForwardExtremities: async (changes: readonly ExtremityChange[]) => {
        const del = this.#stmt('DELETE FROM forward_extremities WHERE room_id = ? AND event_id = ?');
        const ins = this.#stmt('INSERT OR IGNORE INTO forward_extremities (room_id, event_id) VALUES (?, ?)');
        for (const c of changes) {
          for (const id of c.remove) del.run(c.roomId, id);
          for (const id of c.add) ins.run(c.roomId, id);
        }
      },
      readEvents: async (ids) =>
        this.#events(`SELECT ${eventColumns} FROM events WHERE event_id IN (SELECT value FROM json_each(?))`, JSON.stringify(ids)),
      applyCurrentState: async (c: CurrentStateChange) => {
        const del = this.#stmt('DELETE FROM current_state WHERE room_id = ? AND state_key = ?');
        const put = this.#stmt('INSERT OR REPLACE INTO current_state (room_id, state_key, event_id) VALUES (?, ?, ?)');
        const delM = this.#stmt('DELETE FROM memberships WHERE room_id = ? AND user_id = ?');
        const putM = this.#stmt('INSERT OR REPLACE INTO memberships (room_id, user_id, membership, event_id) VALUES (?, ?, ?, ?)');
        for (const k of c.remove) del.run(c.roomId, k);
        for (const [k, e] of c.set) put.run(c.roomId, k, e);
        for (const u of c.removeMemberships) delM.run(c.roomId, u);
        for (const m of c.upsertMemberships) putM.run(c.roomId, m.userId, m.membership, m.eventId);
      },
    };
  }

  #allocate(counter: string, n: number): number {
    this.#stmt('INSERT OR IGNORE INTO counters (name, value) VALUES (?, 0)').run(counter);
    const row = this.#stmt('UPDATE counters SET value = value + ? WHERE name = ? RETURNING value').get(n, counter) as { value: number };
    return row.value - n + 1;
  }

  #auxRow(kind: AuxKind, r: { pk: string; part: string; data: string }): AuxRecord {
    void kind;
    return { pk: r.pk, part: r.part, data: JSON.parse(r.data) as Record<string, unknown> };
  }

  protected override async auxGet(kind: AuxKind, pk: string): Promise<AuxRecord | undefined> {
    await this.#idle();
    const r = this.#stmt(`SELECT pk, part, data FROM aux_${kind} WHERE pk = ?`).get(pk) as { pk: string; part: string; data: string } | undefined;
    return r === undefined ? undefined : this.#auxRow(kind, r);
  }

  protected override async auxList(kind: AuxKind, part: string): Promise<AuxRecord[]> {
    await this.#idle();
    return this.#all<{ pk: string; part: string; data: string }>(`SELECT pk, part, data FROM aux_${kind} WHERE part = ? ORDER BY pk`, part).map((r) =>
      this.#auxRow(kind, r),
    );
  }

  protected override async auxParts(kind: AuxKind): Promise<string[]> {
    await this.#idle();
    return this.#all<{ part: string }>(`SELECT DISTINCT part FROM aux_${kind} ORDER BY part`).map((r) => r.part);
  }

  protected override async auxInsert(kind: AuxKind, record: AuxRecord): Promise<boolean> {
    await this.#idle();
    return this.#stmt(`INSERT OR IGNORE INTO aux_${kind} (pk, part, data) VALUES (?, ?, ?)`).run(record.pk, record.part, JSON.stringify(record.data)).changes === 1;
  }

  protected override async auxApply(ops: readonly AuxOp[]): Promise<void> {
    await this.#idle();
    this.#db.transaction(() => {
      for (const op of ops) {
        if (op.op === 'put') {
          this.#stmt(`INSERT OR REPLACE INTO aux_${op.kind} (pk, part, data) VALUES (?, ?, ?)`).run(op.record.pk, op.record.part, JSON.stringify(op.record.data));
        } else if (op.op === 'delete') this.#stmt(`DELETE FROM aux_${op.kind} WHERE pk = ?`).run(op.pk);
        else this.#stmt(`DELETE FROM aux_${op.kind} WHERE part = ?`).run(op.part);
      }
    }).immediate();
  }

  protected override async auxTake(kind: AuxKind, pk: string): Promise<AuxRecord | undefined> {
    await this.#idle();
    const r = this.#stmt(`DELETE FROM aux_${kind} WHERE pk = ? RETURNING pk, part, data`).get(pk) as { pk: string; part: string; data: string } | undefined;
    return r === undefined ? undefined : this.#auxRow(kind, r);
  }

  protected override async allocate(counter: string, n: number): Promise<number> {
    await this.#idle();
    return this.#db.transaction(() => this.#allocate(counter, n)).immediate();
  }

  protected override async closeStorage(): Promise<void> {
    await this.#idle();
    this.#stmts.clear();
    this.#db.close();
  }
}

/** Creates or upgrades the schema; refuses a database of an unknown version. */
function migrate(db: BetterSqlite3.Database): void {
  db.transaction(() => {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get() !== undefined;
    let version = 0;
    if (hasTable) {
      const row = db.prepare('SELECT version FROM schema_version').get() as { version: unknown } | undefined;
      version = row === undefined ? 0 : (row.version as number);
      if (!Number.isSafeInteger(version) || version < 0 || version > migrations.length) throw new SchemaVersionError(row?.version, migrations.length);
    } else {
      const other = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' LIMIT 1").get() as { name: string } | undefined;
      if (other !== undefined) throw new SchemaVersionError('none (not a maxtryx database)', migrations.length);
      db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
      db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
    }
    for (let v = version; v < migrations.length; v++) {
      db.exec(migrations[v]!);
      db.prepare('UPDATE schema_version SET version = ?').run(v + 1);
    }
  }).immediate();
}

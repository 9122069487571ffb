/**
 * The store interfaces, one per role. A component asks for the narrowest one it needs
 * (the federation sender takes a `FederationTransactionStore`, not a whole `Store`).
 *
 * @module
 */
import type { StateKey } from '@maxtryx/federation-core';
import type {
  AliasRecord,
  CurrentStateDelta,
  DestinationRetryState,
  DeviceRecord,
  EventInput,
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

/** Events and their DAG. */
export interface EventStore {
  /**
   * Validates and stores a batch of events in one transaction: all or nothing. Idempotent:
   * an event already stored is left as it is (listed in `unchanged`), except that an
   * `outlier` put again with another status is promoted (new status, new stream ordering).
   * Malformed input throws `InvalidEventError` before anything is written.
   */
  putEvents(events: readonly EventInput[], options?: PutEventsOptions): Promise<PutEventsResult>;
  /** The stored events among `eventIds`, in the order asked, each once. */
  getEvents(eventIds: readonly string[]): Promise<StoredEvent[]>;
  /** One event, or undefined. */
  getEvent(eventId: string): Promise<StoredEvent | undefined>;
  /** One event; throws `MissingEventError` if it is not stored. */
  readEvent(eventId: string): Promise<StoredEvent>;
  /**
   * The stored events among `eventIds` that belong to `roomId` and have a depth of at least
   * `minDepth`, in ONE storage query: the batched lookup `get_missing_events` makes per level.
   */
  getEventsInRoom(roomId: string, eventIds: readonly string[], minDepth?: number): Promise<StoredEvent[]>;
  /** The `prev_events` of each stored event of the room among `eventIds`. */
  getPrevEventIds(roomId: string, eventIds: readonly string[]): Promise<Map<string, string[]>>;
  /** The stored events of the room that list each of `eventIds` in their `prev_events` (the next edges). */
  getNextEventIds(roomId: string, eventIds: readonly string[]): Promise<Map<string, string[]>>;
  /** The room's forward extremities: accepted events that no accepted event lists as a prev event. Sorted. */
  getForwardExtremities(roomId: string): Promise<string[]>;
  /**
   * The auth chain of `eventIds` (spec: "auth chain"): their auth events, those events'
   * auth events, and so on, restricted to the room, ordered by depth. Missing events are skipped.
   */
  getAuthChain(roomId: string, eventIds: readonly string[]): Promise<StoredEvent[]>;
  /** A page of the room's events in topological order `(depth, streamOrdering)`. */
  getRoomEventsTopological(roomId: string, query: RoomEventsQuery<TopologicalPosition>): Promise<StoredEvent[]>;
  /** A page of the room's events in stream order. */
  getRoomEventsByStream(roomId: string, query: RoomEventsQuery<number>): Promise<StoredEvent[]>;
  /**
   * The backward walk of backfill (spec: `GET /backfill`): the events `fromEventIds` and
   * those before them, breadth-first over `prev_events`, at most `limit`, newest first
   * within each level; outliers are not included.
   */
  getBackfill(roomId: string, fromEventIds: readonly string[], limit: number): Promise<StoredEvent[]>;
}

/** Room state: at an event, current, and the difference between two points. */
export interface RoomStateStore {
  /** The state before the event (spec: "state at an event"), if it was stored with one. */
  getStateBefore(roomId: string, eventId: string): Promise<StateMap | undefined>;
  /** The state after the event: the state before it plus the event itself if it is an accepted or soft-failed state event. */
  getStateAfter(roomId: string, eventId: string): Promise<StateMap | undefined>;
  /** The room's current state (empty for an unknown room). */
  getCurrentState(roomId: string): Promise<StateMap>;
  /** The event ID of one current-state entry. */
  getCurrentStateEventId(roomId: string, key: StateKey): Promise<string | undefined>;
  /** The difference between the states after two events of the room; throws `MissingEventError` if either has no stored state. */
  getStateDelta(roomId: string, fromEventId: string, toEventId: string): Promise<StateDelta>;
  /** Applies current-state changes atomically (as `putEvents([], { currentState })`). */
  updateCurrentState(deltas: readonly CurrentStateDelta[]): Promise<void>;
}

/** Memberships, derived from the current state. */
export interface MembershipStore {
  /** The user's membership of the room, or undefined. */
  getMembership(roomId: string, userId: string): Promise<MembershipRecord | undefined>;
  /** The users of the room with the given membership (default `join`), sorted. */
  getRoomMembers(roomId: string, membership?: Membership): Promise<string[]>;
  /** The servers of the room's joined members, sorted. */
  getServersInRoom(roomId: string): Promise<string[]>;
  /** The rooms in which the user has the given membership (default `join`), sorted. */
  getRoomsForUser(userId: string, membership?: Membership): Promise<string[]>;
}

/** Users, passwords, devices, access and refresh tokens. */
export interface AccountStore {
  /** Creates a user; throws `AlreadyExistsError` if the ID is taken. */
  createUser(user: UserRecord): Promise<void>;
  /** A user, or undefined. */
  getUser(userId: string): Promise<UserRecord | undefined>;
  /** Changes fields of a user; throws `MissingRecordError` for an unknown user. */
  updateUser(userId: string, patch: Partial<Omit<UserRecord, 'userId'>>): Promise<UserRecord>;
  /** Creates or replaces a device. */
  putDevice(device: DeviceRecord): Promise<void>;
  /** A device, or undefined. */
  getDevice(userId: string, deviceId: string): Promise<DeviceRecord | undefined>;
  /** The user's devices, sorted by device ID. */
  listDevices(userId: string): Promise<DeviceRecord[]>;
  /** Deletes a device and, atomically, its access and refresh tokens. Returns whether it existed. */
  deleteDevice(userId: string, deviceId: string): Promise<boolean>;
  /** Stores an access token. */
  putAccessToken(token: TokenRecord): Promise<void>;
  /** The token's record if it exists and has not expired at `nowTs`. */
  getAccessToken(token: string, nowTs?: number): Promise<TokenRecord | undefined>;
  /** Deletes an access token; returns whether it existed. */
  deleteAccessToken(token: string): Promise<boolean>;
  /** Stores a refresh token. */
  putRefreshToken(token: TokenRecord): Promise<void>;
  /** Atomically takes a refresh token (one use only): returns it and deletes it, or undefined if absent or expired. */
  consumeRefreshToken(token: string, nowTs?: number): Promise<TokenRecord | undefined>;
}

/** Signing keys: our own, and other servers' verify keys. */
export interface KeyStore {
  /** Stores (or replaces) one of our signing keys. */
  putOwnSigningKey(key: OwnSigningKeyRecord): Promise<void>;
  /** Our signing keys, sorted by key ID. */
  listOwnSigningKeys(): Promise<OwnSigningKeyRecord[]>;
  /** Stores (or replaces) other servers' keys, atomically. */
  putServerKeys(keys: readonly ServerKeyRecord[]): Promise<void>;
  /** A server's stored keys (those among `keyIds` if given), sorted by key ID. */
  getServerKeys(serverName: string, keyIds?: readonly string[]): Promise<ServerKeyRecord[]>;
}

/** Room aliases. */
export interface AliasStore {
  /** Binds an alias; throws `AlreadyExistsError` if it is bound to another room (binding it again to the same room is a no-op). */
  createAlias(alias: AliasRecord): Promise<void>;
  /** An alias, or undefined. */
  getAlias(alias: string): Promise<AliasRecord | undefined>;
  /** Removes an alias; returns whether it existed. */
  deleteAlias(alias: string): Promise<boolean>;
  /** The aliases of a room, sorted. */
  listAliases(roomId: string): Promise<string[]>;
}

/** Federation transactions: inbound de-duplication and the outbound queues. */
export interface FederationTransactionStore {
  /** The stored response of an inbound transaction, or undefined if it is new. */
  getInboundTransaction(origin: string, txnId: string): Promise<InboundTransactionRecord | undefined>;
  /** Records an inbound transaction's response; if one is already stored, it wins and is returned. */
  putInboundTransaction(record: InboundTransactionRecord): Promise<InboundTransactionRecord>;
  /** Appends items to a destination's queue; returns their positions. */
  enqueueOutbound(destination: string, items: readonly OutboundItem[]): Promise<number[]>;
  /** The first `limit` queued items of a destination, oldest first. */
  peekOutbound(destination: string, limit: number): Promise<QueuedOutboundItem[]>;
  /** Removes a destination's items up to and including `position`; returns how many. */
  ackOutbound(destination: string, position: number): Promise<number>;
  /** Destinations with queued items, sorted. */
  listOutboundDestinations(): Promise<string[]>;
  /** A destination's retry state, or undefined when it is healthy. */
  getDestinationRetry(destination: string): Promise<DestinationRetryState | undefined>;
  /** Sets (or, with undefined, clears) a destination's retry state. */
  setDestinationRetry(destination: string, state: DestinationRetryState | undefined): Promise<void>;
}

/** Options of {@link ChangeFeed.subscribe}. */
export interface SubscribeOptions {
  /** Resume after this stream token (default: the current position, i.e. only new events). */
  from?: number;
  /** Ends the iteration. */
  signal?: AbortSignal;
  /** How many events are read per page (default 100). */
  pageSize?: number;
}

/** The change feed: new accepted events, in stream order, with resumable positions. */
export interface ChangeFeed {
  /** The newest stream token (0 for an empty store). */
  currentStreamPosition(): Promise<number>;
  /** One page of the feed after `from`. */
  readChanges(filter: FeedFilter, from: number, limit: number): Promise<FeedPage>;
  /**
   * Follows the feed: yields every accepted event matching `filter` after `from`, then waits
   * for new ones. Ends when `signal` aborts or the store closes. Resuming from the last
   * position seen yields exactly what followed it.
   */
  subscribe(filter: FeedFilter, options?: SubscribeOptions): AsyncIterable<FeedItem>;
}

/** Every role of a homeserver's storage, and the lifecycle. */
export interface Store
  extends EventStore,
    RoomStateStore,
    MembershipStore,
    AccountStore,
    KeyStore,
    AliasStore,
    FederationTransactionStore,
    ChangeFeed {
  /** Whether `close` was called. */
  readonly closed: boolean;
  /** Closes the store; every later call throws `StoreClosedError`. Idempotent. */
  close(): Promise<void>;
}

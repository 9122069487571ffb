/**
 * The records the stores keep and return.
 *
 * @module
 */
import type { JsonObject, Pdu, StateKey } from '@maxtryx/federation-core';

/**
 * What the server decided about an event.
 *
 * - `accepted`: passed every check; part of the room's DAG and timeline.
 * - `rejected`: failed authorization (spec: "Rejected events"); kept so it is not fetched again,
 *   never a forward extremity, never in the change feed.
 * - `soft_failed`: passed auth against its own state but not against the current state
 *   (spec: "Soft failure"); in the DAG, never a forward extremity, never in the change feed.
 * - `outlier`: stored without its place in the DAG being known (e.g. an auth event fetched
 *   for a join); outside the timeline. Re-putting it with another status promotes it.
 */
export type EventStatus = 'accepted' | 'rejected' | 'soft_failed' | 'outlier';

/** Every status, in a fixed order. */
export const eventStatuses: readonly EventStatus[] = Object.freeze(['accepted', 'rejected', 'soft_failed', 'outlier']);

/** A room state map: `stateKeyOf(type, stateKey)` -> event ID. */
export type StateMap = Map<StateKey, string>;

/** A read-only view of a state map, as accepted by the stores. */
export type ReadonlyStateMap = ReadonlyMap<StateKey, string>;

/** One event of a batch given to `putEvents`. */
export interface EventInput {
  /** The room version the event is formatted for (an identifier from `roomVersions`). */
  roomVersion: string;
  /** The event ID: carried in the PDU (v1, v2) or computed from its reference hash (v3+). */
  eventId: string;
  /** The PDU exactly as received or built; stored as JSON, never modified. */
  pdu: Pdu;
  /** What the server decided about it. */
  status: EventStatus;
  /** Why it was rejected or soft-failed (free text, for operators). */
  rejectionReason?: string;
  /**
   * The room state before this event (spec: "the state at an event"). Stored compactly as
   * a delta against the state of its first `prev_events` entry that has a stored state.
   */
  stateBefore?: ReadonlyStateMap;
}

/** An event as the store returns it. */
export interface StoredEvent {
  /** The room version the event is formatted for. */
  roomVersion: string;
  /** The event ID. */
  eventId: string;
  /** The room the event belongs to (for a v12 create event: derived from its event ID). */
  roomId: string;
  /** The event type (`pdu.type`). */
  type: string;
  /** The state key of a state event (`pdu.state_key`), otherwise undefined. */
  stateKey: string | undefined;
  /** The sender (`pdu.sender`). */
  sender: string;
  /** The PDU as it was put (a fresh copy on every read). */
  pdu: Pdu;
  /** What the server decided about it. */
  status: EventStatus;
  /** Why it was rejected or soft-failed, if given. */
  rejectionReason: string | undefined;
  /** `pdu.depth`. */
  depth: number;
  /**
   * The position of the event in the store's stream: a positive integer, unique in the
   * store, increasing in commit order. An outlier promoted to another status gets a new one.
   */
  streamOrdering: number;
}

/**
 * A change to a room's current state, applied in the same transaction as the batch.
 * `set` files event IDs under their state keys; `remove` drops keys. The store derives
 * memberships from the `m.room.member` events of the current state.
 */
export interface CurrentStateDelta {
  /** The room. */
  roomId: string;
  /** Entries to set (each event must be a stored or batched state event of the room with this key). */
  set?: ReadonlyStateMap;
  /** Keys to remove. */
  remove?: readonly StateKey[];
}

/** Options of `putEvents`. */
export interface PutEventsOptions {
  /** Current-state changes committed atomically with the events. */
  currentState?: readonly CurrentStateDelta[];
}

/** What `putEvents` did. */
export interface PutEventsResult {
  /** Events written (new, or outliers promoted), with their new stream orderings, in batch order. */
  written: Array<{ eventId: string; streamOrdering: number }>;
  /** Event IDs that were already stored and left as they were (idempotent re-put). */
  unchanged: string[];
}

/** A position in a room's topological order: `(depth, streamOrdering)`. */
export interface TopologicalPosition {
  /** The event depth. */
  depth: number;
  /** The stream ordering, the tie-breaker between equal depths. */
  streamOrdering: number;
}

/** Pagination over a room's events. */
export interface RoomEventsQuery<P> {
  /** Start after this position (exclusive); from the beginning (or the end, backwards) if absent. */
  from?: P;
  /** `forwards` (oldest first, the default) or `backwards` (newest first). */
  direction?: 'forwards' | 'backwards';
  /** At most this many events (1 to 10,000). */
  limit: number;
  /** Only events with these statuses (default: every status but `outlier`). */
  statuses?: readonly EventStatus[];
}

/** The difference between two room states. */
export interface StateDelta {
  /** Keys whose event differs in (or is new in) the second state, with the second state's event. */
  changed: StateMap;
  /** Keys present in the first state only. */
  removed: StateKey[];
}

/** A membership value of `m.room.member`. */
export type Membership = 'join' | 'invite' | 'leave' | 'ban' | 'knock';

/** A user's membership of a room in its current state. */
export interface MembershipRecord {
  /** The room. */
  roomId: string;
  /** The user (the member event's `state_key`). */
  userId: string;
  /** `content.membership` of the current member event. */
  membership: Membership;
  /** The current member event. */
  eventId: string;
}

/** A local user account. */
export interface UserRecord {
  /** The full user ID. */
  userId: string;
  /** When the account was created (ms since the epoch). */
  createdTs: number;
  /** A password hash (the store never sees a password), or undefined for none. */
  passwordHash?: string;
  /** Whether the account is a guest. */
  isGuest?: boolean;
  /** Whether the account is deactivated. */
  deactivated?: boolean;
  /** The profile's display name (client-server API "Profiles"), if set. */
  displayName?: string;
  /** The profile's avatar, an `mxc://` URI, if set. */
  avatarUrl?: string;
}

/** A device of a user. */
export interface DeviceRecord {
  /** The owner. */
  userId: string;
  /** The device ID. */
  deviceId: string;
  /** The display name, if any. */
  displayName?: string;
  /** When it was last seen (ms). */
  lastSeenTs?: number;
}

/** An access token (or a refresh token) bound to a device. */
export interface TokenRecord {
  /** The token, as the store should look it up (store a hash if you prefer). */
  token: string;
  /** The owner. */
  userId: string;
  /** The device it was issued to. */
  deviceId: string;
  /** When it stops being valid (ms); undefined: never. */
  expiresTs?: number;
}

/** One of this server's own signing keys. */
export interface OwnSigningKeyRecord {
  /** `ed25519:<version>`. */
  keyId: string;
  /** The 32-byte seed, unpadded base64. */
  seed: string;
  /** The public key, unpadded base64. */
  publicKey: string;
  /** When it was created (ms). */
  createdTs: number;
  /** When it was retired (ms); undefined while in use. */
  expiredTs?: number;
}

/** A verify key of another server, as fetched from it or a notary. */
export interface ServerKeyRecord {
  /** The server name. */
  serverName: string;
  /** `ed25519:<version>`. */
  keyId: string;
  /** The public key, unpadded base64. */
  publicKey: string;
  /** `valid_until_ts` of the key response (ms). */
  validUntilTs: number;
  /** For an old verify key: `expired_ts`. */
  expiredTs?: number;
}

/** A room alias. */
export interface AliasRecord {
  /** `#alias:server`. */
  alias: string;
  /** The room it points to. */
  roomId: string;
  /** The user who created it. */
  creator: string;
}

/** The stored answer to an inbound federation transaction. */
export interface InboundTransactionRecord {
  /** The sending server. */
  origin: string;
  /** Its transaction ID. */
  txnId: string;
  /** The response that was sent (replayed for a retried transaction). */
  response: JsonObject;
  /** When it was received (ms). */
  receivedTs: number;
}

/** An item of the outbound queue to a destination: PDUs by ID and/or EDUs. */
export interface OutboundItem {
  /** Event IDs of PDUs to send. */
  pduIds?: string[];
  /** EDUs to send. */
  edus?: JsonObject[];
}

/** A queued outbound item with its position in the destination's queue. */
export interface QueuedOutboundItem extends OutboundItem {
  /** Increasing position in the queue; pass the last one handled to `ackOutbound`. */
  position: number;
}

/** The retry state of a destination (backoff after failures). */
export interface DestinationRetryState {
  /** Consecutive failures. */
  failureCount: number;
  /** When the last attempt failed (ms). */
  lastFailureTs: number;
  /** Not before this time (ms). */
  retryAfterTs: number;
}

/** What a change-feed subscription follows. */
export type FeedFilter =
  | {
      /** Events of these rooms. */
      roomIds: readonly string[];
    }
  | {
      /**
       * Events of the rooms the user is joined to (at the time each page is read), and
       * every `m.room.member` event about the user (so an invite or a kick reaches them).
       */
      userId: string;
    };

/** One item of the change feed. */
export interface FeedItem {
  /** The stream token of this item: resume from it to get what follows. */
  position: number;
  /** The event (only `accepted` events enter the feed). */
  event: StoredEvent;
}

/** One page of the change feed. */
export interface FeedPage {
  /** The items, in stream order. */
  items: FeedItem[];
  /** The token to resume from: the last item's position, or the requested one if there is none. */
  position: number;
}

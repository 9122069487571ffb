/**
 * The primitives an adapter implements. {@link AbstractStore} derives every public
 * method from them, so all the Matrix logic (idempotency, forward extremities, state
 * groups, memberships, the auth chain, backfill, the change feed) is written once.
 *
 * @module
 */
import type { StateKey } from '@maxtryx/federation-core';
import type { EventStatus, FeedFilter, MembershipRecord, StateMap, StoredEvent } from './types.js';

/** An event row as written by {@link WriteTxn.insertEvents}. */
export interface EventRow {
  /** The event ID (primary key). */
  eventId: string;
  /** The room. */
  roomId: string;
  /** The room version identifier. */
  roomVersion: string;
  /** `pdu.type`. */
  type: string;
  /** `pdu.state_key`, null for a non-state event. */
  stateKey: string | null;
  /** `pdu.sender`. */
  sender: string;
  /** `pdu.depth`. */
  depth: number;
  /** The status. */
  status: EventStatus;
  /** Why it was rejected or soft-failed, or null. */
  rejectionReason: string | null;
  /** The PDU's JSON text. */
  json: string;
  /** The `prev_events` IDs: the DAG edges to store. */
  prevEventIds: string[];
  /** The stream ordering allocated for it. */
  streamOrdering: number;
  /** The state group holding the state before the event, or null. */
  stateGroup: string | null;
}

/** A stored outlier being given another status (and a new stream ordering). */
export interface PromotionRow {
  /** The event. */
  eventId: string;
  /** Its room. */
  roomId: string;
  /** Its `prev_events` IDs (already stored as its DAG edges). */
  prevEventIds: string[];
  /** The new status. */
  status: EventStatus;
  /** The new rejection reason, or null. */
  rejectionReason: string | null;
  /** Its new stream ordering. */
  streamOrdering: number;
  /** Its state group, if one is known now (null keeps none). */
  stateGroup: string | null;
}

/** What the store knows about an event without reading its JSON. */
export interface EventMeta {
  /** The room. */
  roomId: string;
  /** The status. */
  status: EventStatus;
  /** Its state group, or null. */
  stateGroup: string | null;
}

/**
 * A stored state group: the state before one or more events, as a delta against a
 * previous group (`prevGroup`), or a full snapshot (`prevGroup` null). Groups are immutable.
 */
export interface StateGroupRecord {
  /** Its ID (the ID of the event it was first created for). */
  id: string;
  /** The room. */
  roomId: string;
  /** The group it is a delta against, or null for a snapshot. */
  prevGroup: string | null;
  /** How many deltas lie between it and a snapshot (0 for a snapshot). */
  chainLength: number;
  /** The entries it changes: an event ID, or null for a removed key. */
  delta: Array<[StateKey, string | null]>;
}

/** A forward-extremity change of one room. */
export interface ExtremityChange {
  /** The room. */
  roomId: string;
  /** Events that are no longer extremities. */
  remove: string[];
  /** Events that became extremities. */
  add: string[];
}

/** A current-state change of one room, with the memberships derived from it. */
export interface CurrentStateChange {
  /** The room. */
  roomId: string;
  /** Entries to set. */
  set: Array<[StateKey, string]>;
  /** Keys to remove. */
  remove: StateKey[];
  /** Membership rows to insert or replace. */
  upsertMemberships: MembershipRecord[];
  /** Users whose membership row goes away. */
  removeMemberships: string[];
}

/**
 * The operations of one write transaction. Everything done through it commits together
 * or not at all; reads through it see its own writes.
 */
export interface WriteTxn {
  /** Status, room and state group of the stored events among `ids`. */
  readEventMeta(ids: readonly string[]): Promise<Map<string, EventMeta>>;
  /** Reserves `n` consecutive stream orderings after every one handed out so far; returns the first. */
  allocateStreamOrderings(n: number): Promise<number>;
  /** Inserts new events and their prev edges. */
  insertEvents(rows: readonly EventRow[]): Promise<void>;
  /** Changes the status (and stream ordering) of stored outliers. */
  promoteEvents(rows: readonly PromotionRow[]): Promise<void>;
  /** Inserts state groups; a group whose ID exists is left as it is. */
  insertStateGroups(groups: readonly StateGroupRecord[]): Promise<void>;
  /**
   * Which of `ids` have at least one `accepted` child in `roomId` (an accepted event of that
   * room listing it in `prev_events`; an event of another room naming it does not count).
   */
  parentsWithAcceptedChild(roomId: string, ids: readonly string[]): Promise<Set<string>>;
  /** Applies forward-extremity changes (removals first). */
  updateForwardExtremities(changes: readonly ExtremityChange[]): Promise<void>;
  /** Reads events (including those written in this transaction). */
  readEvents(ids: readonly string[]): Promise<StoredEvent[]>;
  /** Applies a current-state change and its memberships. */
  applyCurrentState(change: CurrentStateChange): Promise<void>;
}

/** Which events `readRoomEvents` returns. */
export interface RoomEventsRead {
  /** `topological`: by `(depth, streamOrdering)`; `stream`: by `streamOrdering`. */
  order: 'topological' | 'stream';
  /** Oldest first, or newest first. */
  direction: 'forwards' | 'backwards';
  /** Exclusive start depth (topological order only). */
  fromDepth?: number;
  /** Exclusive start stream ordering (with `fromDepth` as tie-breaker in topological order). */
  fromStream?: number;
  /** Maximum number of events. */
  limit: number;
  /** Statuses to include. */
  statuses: readonly EventStatus[];
}

/** Which memberships `readMemberships` returns (every given field must match). */
export interface MembershipQuery {
  /** The room. */
  roomId?: string;
  /** The user. */
  userId?: string;
  /** Membership values to include (all if absent). */
  memberships?: readonly string[];
}

/** A generic keyed record of the auxiliary tables (accounts, keys, aliases, transactions). */
export interface AuxRecord {
  /** The primary key. */
  pk: string;
  /** The secondary key it is listed under (`''` when none). */
  part: string;
  /** The record's body. */
  data: Record<string, unknown>;
}

/** The auxiliary tables. */
export type AuxKind =
  | 'users'
  | 'devices'
  | 'access_tokens'
  | 'refresh_tokens'
  | 'own_keys'
  | 'server_keys'
  | 'aliases'
  | 'inbound_txns'
  | 'outbound_queue'
  | 'destinations';

/** Every auxiliary table. */
export const auxKinds: readonly AuxKind[] = Object.freeze([
  'users',
  'devices',
  'access_tokens',
  'refresh_tokens',
  'own_keys',
  'server_keys',
  'aliases',
  'inbound_txns',
  'outbound_queue',
  'destinations',
]);

/** One write of an atomic auxiliary batch. */
export type AuxOp =
  | { op: 'put'; kind: AuxKind; record: AuxRecord }
  | { op: 'delete'; kind: AuxKind; pk: string }
  | { op: 'deletePart'; kind: AuxKind; part: string };

/** The feed filter as adapters receive it. */
export type FeedRead = FeedFilter;

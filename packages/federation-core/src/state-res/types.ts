/**
 * The input and output shapes of state resolution.
 *
 * @module
 */
import type { RoomEvent, StateKey } from '../events/pdu.js';

/**
 * A room state: `(type, state_key)` (as a {@link StateKey}, see `stateKeyOf`) to event ID.
 * State resolution takes several and returns one.
 */
export type StateMap = ReadonlyMap<StateKey, string>;

/** A value or a promise of it: providers may answer synchronously (in memory) or not (a database). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * What `StateResolutionProvider.getEvents` answers: the events found, keyed by
 * event ID, or as a list (any order; in the order asked is fastest) in which
 * `undefined` and `null` entries are skipped.
 */
export type EventsAnswer = ReadonlyMap<string, RoomEvent> | Iterable<RoomEvent | undefined | null>;

/**
 * What `StateResolutionProvider.getAuthEventIds` answers: per event asked, in the
 * same order, its auth event IDs (`undefined` or `null`: unknown event), or a
 * map from event ID to them.
 */
export type AuthEventIdsAnswer = ReadonlyMap<string, readonly string[]> | readonly (readonly string[] | undefined | null)[];

/**
 * Where state resolution reads events. Only `getEvents` is required.
 *
 * Every method is asked in batches (one call per level of an auth-chain walk,
 * never one event at a time), and synchronous answers are used without awaiting.
 */
export interface StateResolutionProvider {
  /**
   * The events among `eventIds` that the provider has, either keyed by event ID
   * (a map; each event's `event_id` must equal its key) or as the events
   * themselves (an array or other iterable, matched to the IDs by `event_id`;
   * events that were not asked for are ignored). Unknown IDs are simply absent
   * (or `undefined`/`null` entries). An array in the order of `eventIds` (with
   * missing events left out, or as holes) is read without building a map, which
   * is what a store usually has at hand: `(ids) => store.getEvents(ids)`; so is a
   * map filled in the order of `eventIds` (its values are read in order, each
   * checked against its ID, before any lookup by key).
   * Rejected events must be returned too (see `isRejected`).
   */
  getEvents(eventIds: readonly string[]): MaybePromise<EventsAnswer>;
  /**
   * Whether the event was rejected. Rejected events are never used as auth events
   * during the iterative auth checks (spec: "Rejected auth events are deliberately
   * excluded"), but are otherwise handled as usual. Absent: nothing is rejected.
   */
  isRejected?(eventId: string): boolean;
  /**
   * Optional fast path for stores that index the `auth_events` edges: the
   * `auth_events` of each of `eventIds` as event IDs, without the events. The
   * answer is an array in the order of `eventIds` (the i-th entry for the i-th
   * ID; `undefined` or `null` for an unknown event) or a map from event ID to
   * its auth event IDs (unknown events absent). In room v12 the create event
   * implied by the room ID may be listed or not: it is added anyway.
   *
   * Used for the events that every state set shares (the unconflicted state,
   * most of the room), which are read only to find where their auth chains
   * enter the conflicted events' chains; every other event is still read with
   * `getEvents`. The answers must be those of the room being resolved: unlike
   * events from `getEvents`, they are not checked against the room.
   * Absent: those events are read with `getEvents`. The resolved state is the same.
   */
  getAuthEventIds?(eventIds: readonly string[]): MaybePromise<AuthEventIdsAnswer>;
  /**
   * Optional fast path for stores with an auth-chain index (Synapse's chain cover):
   * the auth difference of the given state sets (each the set of event IDs of one
   * state map), i.e. the events in the auth chain of some but not all sets. The auth
   * chain of a set is the union of its events' auth chains, which do not include
   * the events themselves (unless `options.authChainsIncludeStateEvents`).
   * Absent: state resolution walks the auth chains itself through `getEvents`.
   */
  getAuthChainDifference?(stateSets: readonly ReadonlySet<string>[]): MaybePromise<Iterable<string>>;
  /**
   * Optional fast path for v2.1 (room v12): the conflicted state subgraph of the
   * given conflicted events, i.e. every event on an `auth_events` path from one
   * conflicted event to another, both ends included. Used only together with
   * `getAuthChainDifference`.
   */
  getConflictedStateSubgraph?(conflicted: ReadonlySet<string>): MaybePromise<Iterable<string>>;
}

/** Options of `resolveState`. */
export interface ResolveStateOptions {
  /**
   * The room being resolved. Every event read must belong to it, or
   * `EventRoomMismatchError` is thrown. Absent: the room of the first event read.
   */
  readonly roomId?: string;
  /**
   * What to do when the provider lacks an event that resolution reads.
   * `'ignore'` (default, as Synapse and Ruma do): a missing conflicted event is
   * left out of the full conflicted set, a missing auth event is skipped.
   * `'throw'`: throw `MissingStateEventsError` naming them.
   */
  readonly missingEvents?: 'ignore' | 'throw';
  /**
   * v2 / v2.1: whether the "full auth chain" of a state set also contains the
   * set's own events. The spec defines an event's auth chain without the event
   * itself, as Ruma (conduwuit) and gomatrixserverlib compute it; Synapse's
   * chain-cover index counts the state events themselves. The two readings give
   * the same full conflicted set except for an unconflicted state event that is
   * cited by the events of some sets but not of others. Default `false` (the spec).
   */
  readonly authChainsIncludeStateEvents?: boolean;
  /**
   * Answers the membership rule on `join_authorised_via_users_server` signatures
   * (v8+). Default: `true`, since that signature was verified when the event was
   * received, and state resolution re-checks only the state-dependent rules
   * (Synapse checks it with the state-independent rules).
   */
  readonly isSignedBy?: (event: RoomEvent, serverName: string) => boolean;
}

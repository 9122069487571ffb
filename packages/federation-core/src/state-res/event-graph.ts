/**
 * The `auth_events` graph that state resolution reads, with events interned as
 * integers and fetched from the provider in batches.
 *
 * @module
 */
import { MalformedEventError } from '../events/malformed-event-error.js';
import type { RoomEvent } from '../events/pdu.js';
import type { RoomVersion } from '../room-versions/room-version.js';
import { EventRoomMismatchError, MissingStateEventsError, StateResolutionProviderError } from './errors.js';
import type { AuthRefLists } from './auth-ref-lists.js';
import { AuthRefListBuilder } from './auth-ref-lists.js';
import { alignAuthEventIds, alignEvents, isPromise, refId } from './provider-answers.js';
import type { ResolveStateOptions, StateResolutionProvider } from './types.js';

const CREATE = 'm.room.create';

/**
 * The events of one resolution, interned as small integers ("nodes") so that the
 * walks use arrays instead of string-keyed maps. Each event is fetched at most
 * once, and only in batches. Internal to state resolution.
 */
export class EventGraph {
  /** Node to event ID. */
  readonly ids: string[] = [];
  /** Node to event, once fetched; `undefined` if not fetched yet or missing. */
  readonly events: (RoomEvent | undefined)[] = [];
  /** Node to the nodes of its auth events (deduplicated), once fetched; `[]` if missing. */
  readonly auth: number[][] = [];
  private readonly index = new Map<string, number>();
  /** 0: never asked for; 1: asked for. */
  private readonly asked: number[] = [];
  private readonly missing: number[] = [];
  private roomId: string | undefined;
  private readonly rejected: ((eventId: string) => boolean) | undefined;

  /**
   * @param roomVersion - decides how auth references are read (v12 adds the create event)
   * @param provider - where events come from
   * @param options - `roomId` and `missingEvents`
   */
  constructor(
    readonly roomVersion: RoomVersion,
    readonly provider: StateResolutionProvider,
    readonly options: ResolveStateOptions = {},
  ) {
    this.roomId = options.roomId;
    this.rejected = provider.isRejected?.bind(provider);
  }

  private resolutions = 0;

  /**
   * The auth events of the unconflicted events of the last resolution (see
   * `authDifferenceOf`), kept so that a `StateResolver`'s next resolution does not
   * read those events again.
   */
  commonRefs: AuthRefLists | undefined;

  /** Whether an earlier resolution (of a `StateResolver`) read events into this graph. */
  get reused(): boolean {
    return this.resolutions > 1;
  }

  /** The number of nodes interned so far. */
  get size(): number {
    return this.ids.length;
  }

  /** The node of an event ID, interning it if new. */
  node(eventId: string): number {
    let n = this.index.get(eventId);
    if (n === undefined) {
      n = this.ids.length;
      this.index.set(eventId, n);
      this.ids.push(eventId);
      this.events.push(undefined);
      this.auth.push(EMPTY);
      this.asked.push(0);
    }
    return n;
  }

  /** The node of an event ID if interned. */
  find(eventId: string): number | undefined {
    return this.index.get(eventId);
  }

  /** The event of a node (after `load`), or `undefined` if the provider lacks it. */
  event(n: number): RoomEvent | undefined {
    return this.events[n];
  }

  /** Whether the node's event was asked for (so fetched, or missing). */
  wasAsked(n: number): boolean {
    return this.asked[n] === 1;
  }

  /** Whether the provider reports the node's event as rejected. */
  isRejected(n: number): boolean {
    return this.rejected !== undefined && this.rejected(this.ids[n]!);
  }

  /**
   * Starts another resolution on this graph (a `StateResolver` keeps one graph per
   * room): events that were missing will be asked for again.
   */
  beginResolution(): void {
    this.resolutions++;
    for (const n of this.missing) this.asked[n] = 0;
    this.missing.length = 0;
  }

  /** Fetches, in one batch, the events of the nodes never asked for. */
  async load(nodes: Iterable<number>): Promise<void> {
    const want: number[] = [];
    for (const n of nodes) {
      if (this.asked[n] === 0) {
        this.asked[n] = 1;
        want.push(n);
      }
    }
    if (want.length > 0) await this.fetch(want);
  }

  /** Fetches, in one batch, the auth events of the nodes (those never asked for). */
  async loadAuthEvents(nodes: readonly number[]): Promise<void> {
    const want: number[] = [];
    for (const n of nodes) {
      for (const a of this.auth[n]!) {
        if (this.asked[a] === 0) {
          this.asked[a] = 1;
          want.push(a);
        }
      }
    }
    if (want.length > 0) await this.fetch(want);
  }

  /** Fetches the events of `want` (nodes just marked as asked for). */
  private async fetch(want: readonly number[]): Promise<void> {
    const wantIds = want.map((n) => this.ids[n]!);
    const answer = this.provider.getEvents(wantIds);
    const found = alignEvents(wantIds, isPromise(answer) ? await answer : answer, true);
    for (let i = 0; i < want.length; i++) {
      const n = want[i]!;
      const event = found[i];
      if (event === undefined || event === null) {
        this.missing.push(n);
        continue;
      }
      this.checkRoom(event);
      this.events[n] = event;
      this.auth[n] = this.authRefs(event);
    }
    if (this.options.missingEvents === 'throw' && this.missing.length > 0) {
      throw new MissingStateEventsError(this.missing.map((m) => this.ids[m]!).sort().slice(0, 100));
    }
  }

  /**
   * Fetches, in one batch, events by ID *without* interning them (for the many
   * unconflicted events whose auth events are read once), checks them as `load`
   * does, and gives the nodes of each one's auth events (in v12 with the implied
   * create event). An ID equal to the one at the same place in the previous event's
   * `auth_events` is not looked up again (the events of a room mostly cite the same
   * create, power-levels and join-rules events). Missing events have no auth events
   * and are marked as not found (or reported, with `missingEvents: 'throw'`).
   */
  async readAuthRefs(eventIds: readonly string[]): Promise<AuthRefLists> {
    if (eventIds.length === 0) return new AuthRefListBuilder(0).done(eventIds);
    const impliedCreate = this.roomVersion.roomIdIsCreateEventHash;
    const indexed = this.provider.getAuthEventIds;
    // The store's index of auth edges, when it has one (in v12 once the room, hence its
    // create event, is known: the conflicted events were read before).
    if (indexed !== undefined && (!impliedCreate || this.roomId !== undefined)) {
      return this.readIndexedAuthRefs(eventIds, indexed);
    }
    const answer = this.provider.getEvents(eventIds);
    const list = isPromise(answer) ? await answer : answer;
    // An array in the order asked (a store's answer), or a map filled in that order, is
    // read as it is, checking each event's ID on the way; any other answer is aligned
    // with the IDs first.
    const inOrder = Array.isArray(list) ? list : list instanceof Map ? [...list.values()] : undefined;
    return (
      (inOrder && this.readEvents(eventIds, inOrder, true)) ??
      this.readEvents(eventIds, alignEvents(eventIds, list, this.options.missingEvents === 'throw'), false)!
    );
  }

  /**
   * `readAuthRefs` over `events`, the i-th being the event of `eventIds[i]` (or
   * missing). With `asAnswered`, `events` is the provider's answer as it came:
   * `undefined` is returned at the first entry that is not the event asked for
   * there, or if the lengths differ.
   */
  private readEvents(eventIds: readonly string[], events: readonly (RoomEvent | undefined | null)[], asAnswered: boolean): AuthRefLists | undefined {
    if (asAnswered && events.length !== eventIds.length) return undefined;
    const impliedCreate = this.roomVersion.roomIdIsCreateEventHash;
    const out = new AuthRefListBuilder(eventIds.length);
    let missing: string[] | undefined;
    const previous: string[] = []; // the previous event's auth event IDs, by position
    const previousNodes: number[] = [];
    let previousRoom: string | undefined;
    let create = -1;
    for (let i = 0; i < eventIds.length; i++) {
      const event = events[i];
      if (event === undefined || event === null) {
        if (asAnswered) return undefined;
        (missing ??= []).push(eventIds[i]!);
        out.endMissing(i);
        continue;
      }
      if (asAnswered && event.event_id !== eventIds[i]) return undefined;
      this.checkRoom(event);
      const refs = event.auth_events;
      if (!Array.isArray(refs)) throw new MalformedEventError('auth_events', 'is not an array');
      this.pushAuthRefs(refs, previous, previousNodes, out);
      const room = event.room_id;
      if (impliedCreate && typeof room === 'string' && event.type !== CREATE) {
        if (room !== previousRoom) {
          previousRoom = room;
          create = this.node('$' + room.slice(1));
        }
        out.push(create);
      }
      out.end(i);
    }
    if (missing !== undefined && this.options.missingEvents === 'throw') {
      throw new MissingStateEventsError(missing.sort().slice(0, 100));
    }
    return out.done(eventIds);
  }

  /**
   * Pushes the nodes of an event's auth event IDs to `out`. An ID equal to the one at
   * the same place in the previous event's (`previous`, with its node in
   * `previousNodes`) is not looked up again.
   */
  private pushAuthRefs(refs: readonly unknown[], previous: string[], previousNodes: number[], out: AuthRefListBuilder): void {
    for (let j = 0; j < refs.length; j++) {
      const ref = refId(refs[j]);
      if (previous[j] !== ref) {
        previous[j] = ref;
        previousNodes[j] = this.node(ref);
      }
      out.push(previousNodes[j]!);
    }
  }

  /** `readAuthRefs` through the provider's `getAuthEventIds` (the events themselves are not read). */
  private async readIndexedAuthRefs(
    eventIds: readonly string[],
    indexed: NonNullable<StateResolutionProvider['getAuthEventIds']>,
  ): Promise<AuthRefLists> {
    const answer = indexed.call(this.provider, eventIds);
    const found = alignAuthEventIds(eventIds, isPromise(answer) ? await answer : answer);
    // v12: every event but the create event cites the create event named by the room ID.
    // (An event's type is not known here: an m.room.create event other than the room's
    // own, never valid, would be taken to cite it too.)
    const createId = this.roomVersion.roomIdIsCreateEventHash ? '$' + this.roomId!.slice(1) : undefined;
    const create = createId === undefined ? -1 : this.node(createId);
    const out = new AuthRefListBuilder(eventIds.length);
    let missing: string[] | undefined;
    const previous: string[] = [];
    const previousNodes: number[] = [];
    for (let i = 0; i < eventIds.length; i++) {
      const refs = found[i];
      if (refs === undefined || refs === null) {
        (missing ??= []).push(eventIds[i]!);
        out.endMissing(i);
        continue;
      }
      if (!Array.isArray(refs)) throw new StateResolutionProviderError(`getAuthEventIds answered ${typeof refs} for ${eventIds[i]!}`);
      this.pushAuthRefs(refs, previous, previousNodes, out);
      if (create >= 0 && eventIds[i] !== createId) out.push(create);
      out.end(i);
    }
    if (missing !== undefined && this.options.missingEvents === 'throw') {
      throw new MissingStateEventsError(missing.sort().slice(0, 100));
    }
    return out.done(eventIds);
  }

  /**
   * Fetches the nodes and everything reachable from them through `auth_events`,
   * one batch per level, and returns the nodes reached (roots included, missing
   * events included, each once).
   */
  async loadAuthClosure(roots: Iterable<number>): Promise<number[]> {
    let seen: Uint8Array = new Uint8Array(this.size * 2 + 64); // 1 once queued; grown as loads intern nodes
    const reached: number[] = [];
    let level: number[] = [];
    for (const r of roots) {
      if (seen[r] !== 1) {
        seen[r] = 1;
        level.push(r);
      }
    }
    while (level.length > 0) {
      await this.load(level);
      if (seen.length < this.size) {
        const grown = new Uint8Array(this.size * 2);
        grown.set(seen);
        seen = grown;
      }
      const next: number[] = [];
      for (const n of level) {
        reached.push(n);
        for (const a of this.auth[n]!) {
          if (seen[a] !== 1) {
            seen[a] = 1;
            next.push(a);
          }
        }
      }
      level = next;
    }
    return reached;
  }

  /**
   * The first `m.room.power_levels` event (state key `""`) among the node's auth
   * events, as Synapse and Ruma pick it, or -1. Missing auth events are skipped.
   */
  powerLevelsAuthEvent(n: number): number {
    for (const a of this.auth[n]!) {
      const e = this.events[a];
      if (e !== undefined && e.type === 'm.room.power_levels' && e.state_key === '') return a;
    }
    return -1;
  }

  /** The `m.room.create` event among the node's auth events, or -1. */
  createAuthEvent(n: number): number {
    for (const a of this.auth[n]!) {
      const e = this.events[a];
      if (e !== undefined && e.type === CREATE && e.state_key === '') return a;
    }
    return -1;
  }

  /**
   * The IDs of an event's auth events. In v12 (`roomIdIsCreateEventHash`) the
   * create event is not listed but is implied by the room ID (`!x` names `$x`):
   * it is added, as Synapse's `auth_event_ids()` does and as Ruma adds it for the
   * auth checks, so that auth chains and auth checks see it.
   */
  private authRefs(event: RoomEvent): number[] {
    const refs = event.auth_events;
    if (!Array.isArray(refs)) throw new MalformedEventError('auth_events', 'is not an array');
    const impliedCreate = this.roomVersion.roomIdIsCreateEventHash && typeof event.room_id === 'string' && event.type !== CREATE;
    // Sized for every entry, trimmed to the distinct ones (a growing array would allocate more).
    const out = new Array<number>(refs.length + (impliedCreate ? 1 : 0));
    let count = 0;
    for (let j = 0; j < refs.length; j++) {
      const ref = refId(refs[j]);
      // An ID equal to the one at the same place in the previous event's auth_events
      // (the events of a room mostly cite the same events) is not looked up again.
      let a = this.recentNodes[j];
      if (a === undefined || this.recentRefs[j] !== ref) {
        a = this.node(ref);
        this.recentRefs[j] = ref;
        this.recentNodes[j] = a;
      }
      if (!includes(out, count, a)) out[count++] = a;
    }
    if (impliedCreate) {
      const room = event.room_id!;
      if (room !== this.createOf.room) this.createOf = { room, node: this.node('$' + room.slice(1)) };
      const a = this.createOf.node;
      if (!includes(out, count, a)) out[count++] = a;
    }
    if (count < out.length) out.length = count;
    return out;
  }

  /** The auth event IDs of the last event read by `authRefs`, by position, and their nodes. */
  private readonly recentRefs: string[] = [];
  private readonly recentNodes: number[] = [];
  /** The node of the create event implied by the last room ID met (v12), not rebuilt for every event. */
  private createOf: { room: string | undefined; node: number } = { room: undefined, node: -1 };

  private checkRoom(event: RoomEvent): void {
    let room = event.room_id;
    if (room === undefined && this.roomVersion.roomIdIsCreateEventHash && event.type === CREATE) room = '!' + event.event_id.slice(1);
    if (this.roomId === undefined) {
      if (typeof room === 'string') this.roomId = room;
      return;
    }
    if (room !== this.roomId) throw new EventRoomMismatchError(event.event_id, this.roomId, room);
  }
}

const EMPTY: number[] = [];

/** Whether `a` is among the first `count` entries of `nodes`. */
function includes(nodes: readonly number[], count: number, a: number): boolean {
  for (let i = 0; i < count; i++) if (nodes[i] === a) return true;
  return false;
}

/**
 * Receiving PDUs from other servers, with the checks of the server-server API
 * ("Checks performed on receipt of a PDU") in the spec's order:
 *
 * 1. a valid event for the room version, otherwise dropped;
 * 2. valid signatures, otherwise dropped;
 * 3. a valid content hash, otherwise redacted before being processed further;
 * 4. authorised by its auth events, otherwise rejected;
 * 5. authorised by the state before it, otherwise rejected;
 * 6. authorised by the current state, otherwise soft-failed.
 *
 * Missing `prev_events` are fetched from the origin with get_missing_events; when a
 * gap remains, the state after the missing event is asked for with `/state_ids`.
 * Missing auth and state events are fetched with `/event`. Every fetch is bounded.
 *
 * @module
 */
import { pduSchemaFor } from '@maxtryx/entity';
import {
  authEventIds,
  authEventTypesFor,
  checkContentHash,
  checkEventAuth,
  checkEventAuthAgainstState,
  computeEventId,
  isJsonObject,
  prevEventIds,
  redactEvent,
  stateKeyOf,
  verifyEventSignatures,
  type JsonObject,
  type RoomEvent,
  type RoomVersion,
  type StateKey,
} from '@maxtryx/federation-core';
import type { Services } from '../services.js';
import { toRoomEvent } from './room-events.js';
import type { RoomContext } from './room-service.js';
import { loadStateEvents, resolveStates, stateAfter, type StateIds } from './room-state.js';

/** The outcome for one PDU, as the `/send` response reports it. */
export interface PduOutcome {
  readonly eventId: string | undefined;
  /** Absent when the event was accepted (or already known); otherwise why not. */
  readonly error?: string;
}

/** Bounds of the gap filling done for one received event. */
const MAX_MISSING_ROUNDS = 10;
const MISSING_EVENTS_PER_ROUND = 20;
const MAX_FETCHED_EVENTS = 500;

class DroppedError extends Error {
  override readonly name = 'DroppedError';
}

/** Receives PDUs for the rooms this server is in. */
export class PduReceiver {
  constructor(private readonly services: Services) {}

  /**
   * Processes one PDU from `origin`. Never throws: the outcome says what happened.
   * `options.spelledNumbers` lists the paths of numbers that its body spelled with a fraction or
   * exponent (see `spelledNumberPaths`).
   */
  async receive(origin: string, raw: unknown, options: { spelledNumbers?: readonly string[] } = {}): Promise<PduOutcome> {
    if (!isJsonObject(raw) || typeof raw.room_id !== 'string') return { eventId: undefined, error: 'not a PDU with a room_id' };
    const roomId = raw.room_id;
    return this.services.rooms.mutex.run(roomId, async () => {
      let eventId: string | undefined;
      try {
        const ctx = await this.services.rooms.context(roomId);
        if (!ctx) return { eventId: undefined, error: `not in room ${roomId}` };
        eventId = this.eventIdOf(raw, ctx.roomVersion);
        const spelled = options.spelledNumbers?.[0];
        // 1. "Is a valid event": from v6 numbers are canonical JSON integers; Synapse, Ruma and
        // gomatrixserverlib read `1e5` or `1.0` as a float and drop the event, so we do too.
        if (spelled !== undefined && ctx.roomVersion.strictCanonicalJson) {
          throw new DroppedError(`invalid event: the number at ${spelled} is spelled with a fraction or exponent (a float to other servers)`);
        }
        const budget = { fetched: 0 };
        await this.processLocked(origin, ctx, raw, budget, true);
        return { eventId };
      } catch (err) {
        this.services.logger.info('PDU not accepted', { origin, roomId, eventId, err: err as Error });
        return { eventId, error: (err as Error).message };
      }
    });
  }

  private eventIdOf(raw: JsonObject, rv: RoomVersion): string {
    try {
      return computeEventId(raw, rv);
    } catch (err) {
      throw new DroppedError(`cannot compute event ID: ${(err as Error).message}`);
    }
  }

  /** Checks 1 to 3: format, signatures, hash. Returns the event to process (redacted on a bad hash). */
  private async verify(raw: JsonObject, rv: RoomVersion): Promise<RoomEvent> {
    // 1. Is a valid event, otherwise it is dropped.
    const parsed = pduSchemaFor(rv.id).safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DroppedError(`invalid event: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
    }
    const eventId = this.eventIdOf(raw, rv);
    // 2. Passes signature checks, otherwise it is dropped.
    const sigs = await verifyEventSignatures(raw, rv, this.services.keyRing.lookup);
    if (!sigs.ok) {
      const bad = sigs.servers.find((s) => !s.ok);
      throw new DroppedError(`bad signature: ${bad?.serverName ?? ''} ${bad?.reason ?? ''}`.trim());
    }
    // 3. Passes hash checks, otherwise it is redacted before being processed further.
    const body = checkContentHash(raw, rv) ? raw : (redactEvent(raw, rv) as JsonObject);
    return { ...body, event_id: eventId } as RoomEvent;
  }

  /**
   * Processes an event with its room lock held: verification, gap filling, the auth
   * checks against auth events, the state before it and the current state, then persisting.
   */
  private async processLocked(origin: string, ctx: RoomContext, raw: JsonObject, budget: { fetched: number }, fillGaps: boolean): Promise<void> {
    const { store } = this.services;
    const rv = ctx.roomVersion;
    const eventId = this.eventIdOf(raw, rv);
    if (raw.room_id !== ctx.roomId) throw new DroppedError('event of another room');
    const existing = await store.getEvent(eventId);
    if (existing && existing.status !== 'outlier') return;
    const event = await this.verify(raw, rv);

    if (fillGaps) await this.fillGap(origin, ctx, event, budget);

    // 4. Passes authorization rules based on the event's auth events, otherwise rejected.
    const authEvents = await this.authEventsOf(origin, ctx, event, budget);
    const rejectedIds = new Set((await store.getEvents(authEventIds(event))).filter((e) => e.status === 'rejected').map((e) => e.eventId));
    const byAuthEvents = checkEventAuth(event, [...authEvents, ctx.createEvent], rv, {
      createEvent: ctx.createEvent,
      isRejected: (id) => rejectedIds.has(id),
      isSignedBy: () => true, // every required signature was verified in step 2
    });
    if (!byAuthEvents.allowed) {
      await this.services.rooms.persistLocked(ctx.roomId, rv, event, 'rejected', undefined, `auth events: ${byAuthEvents.reason}`);
      throw new Error(`rejected by its auth events: ${byAuthEvents.reason}`);
    }

    // 5. Passes authorization rules based on the state before the event, otherwise rejected.
    const stateBefore = await this.stateBefore(origin, ctx, event, budget);
    const keys = authEventTypesFor(event, rv).map((t) => stateKeyOf(t.type, t.stateKey));
    const beforeEvents = await loadStateEvents(store, stateBefore, keys);
    const byState = checkEventAuthAgainstState(event, beforeEvents, rv, { createEvent: ctx.createEvent, isSignedBy: () => true });
    if (!byState.allowed) {
      await this.services.rooms.persistLocked(ctx.roomId, rv, event, 'rejected', stateBefore, `state before: ${byState.reason}`);
      throw new Error(`rejected by the state before it: ${byState.reason}`);
    }

    // 6. Passes authorization rules based on the current state, otherwise soft-failed.
    const current = await store.getCurrentState(ctx.roomId);
    const currentEvents = await loadStateEvents(store, current, keys);
    const byCurrent = checkEventAuthAgainstState(event, currentEvents, rv, { createEvent: ctx.createEvent, isSignedBy: () => true });
    if (!byCurrent.allowed) {
      await this.services.rooms.persistLocked(ctx.roomId, rv, event, 'soft_failed', stateBefore, `current state: ${byCurrent.reason}`);
      return;
    }
    await this.services.rooms.persistLocked(ctx.roomId, rv, event, 'accepted', stateBefore);
  }

  /**
   * Fetches missing prev_events from the origin with get_missing_events, repeatedly
   * (bounded), and processes them oldest first.
   */
  private async fillGap(origin: string, ctx: RoomContext, event: RoomEvent, budget: { fetched: number }): Promise<void> {
    const { store } = this.services;
    const fetched = new Map<string, JsonObject>();
    let latest = [event.event_id];
    let missing = await this.unknown(prevEventIds(event));
    // Walk no further back than the oldest event this server has in the room's DAG (its
    // join, for a room joined over federation), as other servers do: older history is
    // not needed to place the new event, whose state comes from /state_ids instead.
    const [oldest] = missing.length > 0 ? await store.getRoomEventsTopological(ctx.roomId, { limit: 1, statuses: ['accepted'] }) : [];
    const minDepth = oldest?.depth ?? 0;
    for (let round = 0; round < MAX_MISSING_ROUNDS && missing.length > 0 && budget.fetched < MAX_FETCHED_EVENTS; round++) {
      const earliest = await store.getForwardExtremities(ctx.roomId);
      let answer: unknown;
      try {
        answer = await this.services.federation.request(origin, 'POST', `/_matrix/federation/v1/get_missing_events/${encodeURIComponent(ctx.roomId)}`, {
          earliest_events: earliest.slice(0, 50),
          latest_events: latest.slice(0, 50),
          limit: MISSING_EVENTS_PER_ROUND,
          min_depth: minDepth,
        });
      } catch (err) {
        this.services.logger.warn('get_missing_events failed', { origin, roomId: ctx.roomId, err: err as Error });
        break;
      }
      const events = isJsonObject(answer) && Array.isArray(answer.events) ? answer.events : [];
      let added = 0;
      for (const e of events.slice(0, MISSING_EVENTS_PER_ROUND)) {
        if (!isJsonObject(e) || e.room_id !== ctx.roomId) continue;
        let id: string;
        try {
          id = computeEventId(e, ctx.roomVersion);
        } catch {
          continue;
        }
        if (!fetched.has(id)) {
          fetched.set(id, e);
          added++;
          budget.fetched++;
        }
      }
      if (added === 0) break;
      // Which referenced events are still unknown (neither stored nor fetched)?
      const referenced = [...fetched.values()].flatMap((e) => prevEventIds(e as unknown as RoomEvent));
      const stillMissing = (await this.unknown(referenced)).filter((id) => !fetched.has(id));
      missing = stillMissing;
      // Ask next for the ancestors of the oldest fetched events.
      latest = [...fetched.entries()].filter(([, e]) => prevEventIds(e as unknown as RoomEvent).some((p) => stillMissing.includes(p))).map(([id]) => id);
      if (latest.length === 0) break;
    }
    // Process the fetched events oldest first; each finds its prevs known, or asks /state_ids.
    const ordered = [...fetched.values()].sort((a, b) => Number(a.depth) - Number(b.depth));
    for (const e of ordered) {
      try {
        await this.processLocked(origin, ctx, e, budget, false);
      } catch (err) {
        this.services.logger.info('missing event not accepted', { origin, err: err as Error });
      }
    }
  }

  private async unknown(ids: readonly string[]): Promise<string[]> {
    const found = new Set((await this.services.store.getEvents(ids)).filter((e) => e.status !== 'outlier').map((e) => e.eventId));
    return [...new Set(ids)].filter((id) => !found.has(id));
  }

  /** The event's auth events, fetching unknown ones from the origin and storing them as outliers. */
  private async authEventsOf(origin: string, ctx: RoomContext, event: RoomEvent, budget: { fetched: number }): Promise<RoomEvent[]> {
    const ids = authEventIds(event);
    await this.fetchOutliers(origin, ctx, ids, budget);
    return (await this.services.store.getEvents(ids)).filter((e) => e.roomId === ctx.roomId).map(toRoomEvent);
  }

  /** Fetches events we do not have with `/event/{eventId}`, verifies them and stores them as outliers. */
  async fetchOutliers(origin: string, ctx: RoomContext, ids: readonly string[], budget: { fetched: number }): Promise<void> {
    const { store } = this.services;
    const have = new Set((await store.getEvents(ids)).map((e) => e.eventId));
    for (const id of ids) {
      if (have.has(id)) continue;
      if (budget.fetched++ >= MAX_FETCHED_EVENTS) throw new Error('too many events to fetch');
      const answer = await this.services.federation.request(origin, 'GET', `/_matrix/federation/v1/event/${encodeURIComponent(id)}`);
      const pdu = isJsonObject(answer) && Array.isArray(answer.pdus) ? answer.pdus[0] : undefined;
      if (!isJsonObject(pdu) || pdu.room_id !== ctx.roomId) throw new Error(`${origin} did not return event ${id}`);
      const event = await this.verify(pdu, ctx.roomVersion);
      if (event.event_id !== id) throw new Error(`${origin} returned another event for ${id}`);
      await this.services.rooms.persistLocked(ctx.roomId, ctx.roomVersion, event, 'outlier', undefined);
    }
  }

  /**
   * The state before the event: the state after each of its prev_events, resolved.
   * The state after a prev event we lack state for is asked from the origin with `/state_ids`.
   */
  private async stateBefore(origin: string, ctx: RoomContext, event: RoomEvent, budget: { fetched: number }): Promise<StateIds> {
    const { store } = this.services;
    const sets: StateIds[] = [];
    for (const prev of prevEventIds(event)) {
      const known = await store.getStateAfter(ctx.roomId, prev).catch(() => undefined);
      if (known) {
        sets.push(known);
        continue;
      }
      sets.push(await this.remoteStateAfter(origin, ctx, prev, budget));
    }
    if (sets.length === 0) throw new Error('event has no prev_events');
    return resolveStates(store, ctx.roomId, ctx.roomVersion, sets);
  }

  private async remoteStateAfter(origin: string, ctx: RoomContext, eventId: string, budget: { fetched: number }): Promise<StateIds> {
    const answer = await this.services.federation.request(
      origin,
      'GET',
      `/_matrix/federation/v1/state_ids/${encodeURIComponent(ctx.roomId)}?event_id=${encodeURIComponent(eventId)}`,
    );
    if (!isJsonObject(answer) || !Array.isArray(answer.pdu_ids) || !Array.isArray(answer.auth_chain_ids)) {
      throw new Error(`${origin} sent a malformed state_ids answer`);
    }
    const stateIds = answer.pdu_ids.filter((x): x is string => typeof x === 'string');
    await this.fetchOutliers(origin, ctx, [...stateIds, eventId], budget);
    const events = (await this.services.store.getEvents([...stateIds, eventId])).filter((e) => e.roomId === ctx.roomId);
    const before = new Map<StateKey, string>();
    let prevEvent: RoomEvent | undefined;
    for (const e of events) {
      if (e.eventId === eventId) prevEvent = toRoomEvent(e);
      else if (e.stateKey !== undefined) before.set(stateKeyOf(e.type, e.stateKey), e.eventId);
    }
    // /state_ids gives the state before the event; the state after adds the event itself.
    return prevEvent ? stateAfter(before, prevEvent) : before;
  }
}

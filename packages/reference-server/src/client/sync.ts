/**
 * `GET /_matrix/client/v3/sync` (client-server API "Syncing"): the rooms the user is
 * joined to (timeline, state, ephemeral, account data, summary), invited to (stripped
 * `invite_state`), knocking on (`knock_state`) and has left, and the global account
 * data. An initial sync gives everything; with `since` only what changed after it.
 * `next_batch` is a {@link syncToken}: the store's stream position and the ephemeral
 * position. Without changes an incremental sync waits up to `timeout` (at most
 * {@link MAX_SYNC_TIMEOUT_MS}) for the store's change feed or an ephemeral change.
 *
 * @module
 */
import type { Filter } from '@maxtryx/entity';
import { stateKeyOf, type JsonObject } from '@maxtryx/federation-core';
import type { Membership, StoredEvent } from '@maxtryx/storage-adapters';
import { strippedStatePdus } from '../federation/stripped-state.js';
import type { Services } from '../services.js';
import { strippedStateOf, type Viewer } from './client-event.js';
import type { ClientServices } from './client-services.js';
import { eventMatches, roomMatches } from './event-filter.js';
import { defaultPushRules } from './push-rules.js';
import { timelineLimit } from './sync-filter.js';
import { syncRoomTimeline } from './sync-room.js';
import { syncToken, type SyncToken } from './tokens.js';

/** The longest a `/sync` request waits for something to happen. */
export const MAX_SYNC_TIMEOUT_MS = 30_000;
/** The most rooms of each kind a sync reports. */
const MAX_ROOMS = 1000;
/** The most users named in `m.heroes`. */
const MAX_HEROES = 5;

/** A sync request. */
export interface SyncRequest {
  readonly viewer: Viewer;
  readonly since: SyncToken | undefined;
  readonly fullState: boolean;
  readonly filter: Filter | undefined;
  readonly timeoutMs: number;
}

/** The m.typing and m.receipt events of a room changed after `since` (all for an initial sync). */
function ephemeralEvents(services: Services, roomId: string, userId: string, since: number | undefined): JsonObject[] {
  const out: JsonObject[] = [];
  const eph = services.ephemeral;
  if (since === undefined ? eph.typingUsers(roomId).length > 0 : eph.typingPosition(roomId) > since) {
    out.push({ type: 'm.typing', content: { user_ids: eph.typingUsers(roomId) } });
  }
  const receipts = eph.receiptsSince(roomId, since ?? 0).filter((r) => r.receiptType !== 'm.read.private' || r.userId === userId);
  if (receipts.length > 0) {
    const content: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const r of receipts) {
      for (const eventId of r.eventIds) {
        const byType = (content[eventId] ??= {});
        const byUser = (byType[r.receiptType] ??= {}) as Record<string, unknown>;
        byUser[r.userId] = r.data;
      }
    }
    out.push({ type: 'm.receipt', content: content as JsonObject });
  }
  return out;
}

/** `summary` of a joined room: member counts and heroes. */
async function roomSummary(services: Services, roomId: string, userId: string): Promise<JsonObject> {
  const joined = await services.store.getRoomMembers(roomId, 'join');
  const invited = await services.store.getRoomMembers(roomId, 'invite');
  const heroes = [...joined, ...invited].filter((u) => u !== userId).sort().slice(0, MAX_HEROES);
  return { 'm.heroes': heroes, 'm.joined_member_count': joined.length, 'm.invited_member_count': invited.length };
}

/** The user's membership events in rooms with `membership`, as stored events. */
async function membershipEvents(services: Services, userId: string, membership: Membership): Promise<StoredEvent[]> {
  const { store } = services;
  const rooms = (await store.getRoomsForUser(userId, membership)).slice(0, MAX_ROOMS);
  const ids: string[] = [];
  for (const roomId of rooms) {
    const id = await store.getCurrentStateEventId(roomId, stateKeyOf('m.room.member', userId));
    if (id) ids.push(id);
  }
  return store.getEvents(ids);
}

/** Stripped state for an invite or knock: what the event carries, else the room's current state, then the event itself. */
async function strippedStateFor(services: Services, event: StoredEvent, key: 'invite_room_state' | 'knock_room_state'): Promise<JsonObject[]> {
  const carried = (event.pdu.unsigned as JsonObject | undefined)?.[key];
  let pdus: JsonObject[];
  if (Array.isArray(carried)) pdus = carried.filter((e): e is JsonObject => typeof e === 'object' && e !== null && !Array.isArray(e)).slice(0, 50);
  else pdus = await strippedStatePdus(services.store, await services.store.getCurrentState(event.roomId));
  const stripped = pdus
    .filter((p) => typeof p.type === 'string' && typeof p.sender === 'string')
    .map((p) => strippedStateOf(p as { type: string; state_key?: string; content: JsonObject; sender: string }));
  return [...stripped.filter((s) => !(s.type === 'm.room.member' && s.state_key === event.stateKey)), strippedStateOf(event.pdu)];
}

/** Computes one sync response over the stream window `(since, upTo]`. */
export async function computeSync(cs: ClientServices, req: SyncRequest, upTo: number, ephemeralNow: number): Promise<{ body: JsonObject; empty: boolean }> {
  const { services } = cs;
  const userId = req.viewer.userId;
  const since = req.since?.stream;
  // A token from before a restart names an ephemeral position this process never had.
  const sinceEph = req.since && req.since.ephemeral <= ephemeralNow ? req.since.ephemeral : undefined;
  const roomFilter = req.filter?.room;
  const limit = timelineLimit(req.filter);
  const emptyPrevBatch = syncToken(upTo, ephemeralNow);
  const inWindow = (e: StoredEvent) => e.streamOrdering <= upTo && (since === undefined || e.streamOrdering > since);
  let empty = true;

  const join: Record<string, JsonObject> = {};
  for (const roomId of (await services.store.getRoomsForUser(userId, 'join')).slice(0, MAX_ROOMS)) {
    if (!roomMatches(roomFilter, roomId)) continue;
    const part = await syncRoomTimeline(cs, { roomId, viewer: req.viewer, since, upTo, fullState: req.fullState, filter: req.filter, limit, emptyPrevBatch });
    const ephemeral = ephemeralEvents(services, roomId, userId, sinceEph).filter((e) => eventMatches(roomFilter?.ephemeral, { type: e.type as string }));
    const accountData = cs.accountData
      .changedSince(userId, roomId, sinceEph ?? -1)
      .filter((e) => eventMatches(roomFilter?.account_data, { type: e.type }));
    if (since !== undefined && !req.fullState && !part.changed && ephemeral.length === 0 && accountData.length === 0) continue;
    join[roomId] = {
      timeline: part.timeline,
      state: part.state,
      ephemeral: { events: ephemeral },
      account_data: { events: accountData as JsonObject[] },
      summary: await roomSummary(services, roomId, userId),
    };
    if (part.changed || ephemeral.length > 0 || accountData.length > 0) empty = false;
  }

  const invite: Record<string, JsonObject> = {};
  for (const event of await membershipEvents(services, userId, 'invite')) {
    if (!inWindow(event) || !roomMatches(roomFilter, event.roomId)) continue;
    invite[event.roomId] = { invite_state: { events: await strippedStateFor(services, event, 'invite_room_state') } };
    empty = false;
  }

  const knock: Record<string, JsonObject> = {};
  for (const event of await membershipEvents(services, userId, 'knock')) {
    if (!inWindow(event) || !roomMatches(roomFilter, event.roomId)) continue;
    knock[event.roomId] = { knock_state: { events: await strippedStateFor(services, event, 'knock_room_state') } };
    empty = false;
  }

  // Left rooms: those left since `since`; in an initial sync only with include_leave.
  const leave: Record<string, JsonObject> = {};
  if (since !== undefined || roomFilter?.include_leave === true) {
    const left = [...(await membershipEvents(services, userId, 'leave')), ...(await membershipEvents(services, userId, 'ban'))];
    for (const event of left) {
      if (!inWindow(event) || !roomMatches(roomFilter, event.roomId)) continue;
      const part = await syncRoomTimeline(cs, {
        roomId: event.roomId,
        viewer: req.viewer,
        since,
        upTo: event.streamOrdering,
        fullState: req.fullState,
        filter: req.filter,
        limit,
        emptyPrevBatch,
      });
      leave[event.roomId] = {
        timeline: part.timeline,
        state: part.state,
        account_data: { events: cs.accountData.changedSince(userId, event.roomId, sinceEph ?? -1) as JsonObject[] },
      };
      empty = false;
    }
  }

  const accountData = cs.accountData.changedSince(userId, undefined, sinceEph ?? -1);
  // The push rules are account data too ("m.push_rules"); an initial sync carries them.
  if (since === undefined && !accountData.some((e) => e.type === 'm.push_rules')) accountData.unshift({ type: 'm.push_rules', content: { global: defaultPushRules(userId) } });
  const globalAccountData = accountData.filter((e) => eventMatches(req.filter?.account_data, { type: e.type }));
  if (globalAccountData.length > 0) empty = false;

  return {
    empty,
    body: {
      next_batch: syncToken(upTo, ephemeralNow),
      rooms: { join, invite, knock, leave },
      account_data: { events: globalAccountData as JsonObject[] },
      presence: { events: [] },
      to_device: { events: [] },
      device_lists: { changed: [], left: [] },
      device_one_time_keys_count: {},
    },
  };
}

/**
 * Waits until the store has a new event for the user after `streamPosition`, the
 * ephemeral position moves past `ephemeralPosition`, `ms` pass, or `signal` aborts.
 */
export async function waitForChange(services: Services, userId: string, streamPosition: number, ephemeralPosition: number, ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => stop.abort(), ms);
  try {
    const feed = (async () => {
      const iterator = services.store.subscribe({ userId }, { from: streamPosition, signal: stop.signal, pageSize: 1 })[Symbol.asyncIterator]();
      try {
        await iterator.next();
      } catch {
        // A closed store ends the wait; the next round reports what there is.
      } finally {
        await iterator.return?.().catch(() => undefined);
      }
    })();
    const ephemeral = services.ephemeral.waitForChange(ephemeralPosition, ms, stop.signal);
    await Promise.race([feed, ephemeral]);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    stop.abort();
  }
}

/** Runs a sync request: computes, and for an incremental sync without news waits and computes again, until the timeout. */
export async function runSync(cs: ClientServices, req: SyncRequest, signal: AbortSignal): Promise<JsonObject> {
  const { services } = cs;
  const deadline = services.now() + Math.min(Math.max(0, req.timeoutMs), MAX_SYNC_TIMEOUT_MS);
  // Bounded: every round waits for a change or the deadline; the round count is capped too.
  for (let round = 0; ; round++) {
    const upTo = await services.store.currentStreamPosition();
    const ephemeralNow = services.ephemeral.position;
    const { body, empty } = await computeSync(cs, req, upTo, ephemeralNow);
    const remaining = deadline - services.now();
    if (req.since === undefined || !empty || remaining <= 0 || signal.aborted || round >= 1000) return body;
    await waitForChange(services, req.viewer.userId, upTo, ephemeralNow, remaining, signal);
  }
}

/**
 * The timeline and state of one room in a `/sync` response (client-server API
 * "Syncing"): the newest events up to the batch's end (after `since` for an incremental
 * sync), `limited` when some were left out, `prev_batch` to paginate back from, and
 * the state at the start of the timeline: in full for an initial sync, `full_state`, or
 * a room the user joined since `since`; otherwise the delta from the state at `since`.
 *
 * @module
 */
import type { Filter } from '@maxtryx/entity';
import { stateKeyOf, type JsonObject } from '@maxtryx/federation-core';
import type { StateMap, Store, StoredEvent } from '@maxtryx/storage-adapters';
import type { ClientServices } from './client-services.js';
import { formatEvents, type Viewer } from './client-event.js';
import { eventMatches } from './event-filter.js';
import { topoTokenBefore } from './tokens.js';
import { UserVisibility } from './visibility.js';

/** What to compute for one room. */
export interface RoomSyncInput {
  readonly roomId: string;
  readonly viewer: Viewer;
  /** The stream position the client has; undefined for an initial sync. */
  readonly since: number | undefined;
  /** The timeline ends at this stream position (the batch's end, or the user's leaving). */
  readonly upTo: number;
  readonly fullState: boolean;
  readonly filter: Filter | undefined;
  readonly limit: number;
  /** `prev_batch` for an empty timeline. */
  readonly emptyPrevBatch: string;
}

/** The timeline and state parts of a room of a sync response. */
export interface RoomSyncPart {
  /** Whether anything happened in the room in the window. */
  readonly changed: boolean;
  readonly timeline: JsonObject;
  readonly state: JsonObject;
}

/** The room state after the room's last accepted event at or before stream position `stream`. */
export async function stateAtStream(store: Store, roomId: string, stream: number): Promise<StateMap> {
  const [last] = await store.getRoomEventsByStream(roomId, { from: stream + 1, direction: 'backwards', limit: 1, statuses: ['accepted'] });
  if (!last) return new Map();
  return (await store.getStateAfter(roomId, last.eventId)) ?? new Map();
}

async function membershipIn(store: Store, state: StateMap, userId: string): Promise<unknown> {
  const id = state.get(stateKeyOf('m.room.member', userId));
  return id ? (await store.getEvent(id))?.pdu.content.membership : undefined;
}

/** Computes a room's timeline and state for a sync response. */
export async function syncRoomTimeline(cs: ClientServices, input: RoomSyncInput): Promise<RoomSyncPart> {
  const { store } = cs.services;
  const { roomId, since, limit } = input;
  const raw = await store.getRoomEventsByStream(roomId, { from: input.upTo + 1, direction: 'backwards', limit: limit + 1, statuses: ['accepted'] });
  const window = since === undefined ? raw : raw.filter((e) => e.streamOrdering > since);
  const limited = window.length > limit;
  const taken: StoredEvent[] = window.slice(0, limit).reverse();

  // The state the client has: none for an initial sync, full_state, or a room joined since then.
  let known: StateMap = new Map();
  if (since !== undefined && !input.fullState) {
    known = await stateAtStream(store, roomId, since);
    if ((await membershipIn(store, known, input.viewer.userId)) !== 'join') known = new Map();
  }
  const first = taken[0];
  const atStart = first ? ((await store.getStateBefore(roomId, first.eventId)) ?? new Map()) : await stateAtStream(store, roomId, input.upTo);
  const stateIds: string[] = [];
  for (const [key, id] of atStart) if (known.get(key) !== id) stateIds.push(id);
  const stateFilter = input.filter?.room?.state;
  const stateEvents = (await store.getEvents(stateIds)).filter((e) => eventMatches(stateFilter, { type: e.type, sender: e.sender, content: e.pdu.content }));

  const visibility = new UserVisibility(store, roomId, input.viewer.userId);
  const timelineFilter = input.filter?.room?.timeline;
  const visible = (await visibility.filter(taken)).filter((e) => eventMatches(timelineFilter, { type: e.type, sender: e.sender, content: e.pdu.content }));
  const options = {
    omitRoomId: true,
    ...(input.filter?.event_fields ? { eventFields: input.filter.event_fields } : {}),
    ...(input.filter?.event_format === 'federation' ? { federationFormat: true } : {}),
  };
  return {
    changed: window.length > 0,
    timeline: {
      events: await formatEvents(cs, visible, input.viewer, { ...options, prevContent: true }),
      limited,
      prev_batch: first ? topoTokenBefore(first) : input.emptyPrevBatch,
    },
    state: { events: await formatEvents(cs, stateEvents, input.viewer, options) },
  };
}

/**
 * What another server may ask about a room, and see of it: the access check of the
 * history endpoints (`serverMayAccessRoom` plus the room's server ACL) and history
 * visibility for the requesting server (`filterEventsForServer`), with the state at
 * each event read from the store.
 *
 * @module
 */
import { isValidRoomId } from '@maxtryx/entity';
import {
  filterEventsForServer,
  serverMayAccessRoom,
  splitStateKey,
  stateKeyOf,
  type RoomEvent,
  type RoomEventSource,
  type ServerVisibilityContext,
  type StateKey,
} from '@maxtryx/federation-core';
import { serverOf, toRoomEvent } from '../rooms/room-events.js';
import type { RoomContext } from '../rooms/room-service.js';
import type { Services } from '../services.js';
import { assertServerAllowedByAcl } from './server-acl.js';
import { badRequest, forbidden } from './wire-errors.js';

const HISTORY_VISIBILITY = stateKeyOf('m.room.history_visibility', '');

/**
 * The room, if `serverName` may ask about it: `400 M_INVALID_PARAM` for a malformed
 * room ID; `403 M_FORBIDDEN` when this server is not in the room, when the room's
 * server ACL denies the requester, or when none of the requester's users is joined
 * and the room is not `world_readable`.
 */
export async function requireRoomAccess(services: Services, roomId: string, serverName: string): Promise<RoomContext> {
  if (!isValidRoomId(roomId)) throw badRequest('M_INVALID_PARAM', `not a room ID: ${roomId}`);
  const ctx = await services.rooms.context(roomId);
  if (!ctx) throw forbidden(`${services.config.serverName} is not in room ${roomId}`);
  await assertServerAllowedByAcl(services, roomId, serverName);
  const joinedServers = new Set(await services.store.getServersInRoom(roomId));
  const hvId = ctx.currentState.get(HISTORY_VISIBILITY);
  const hv = hvId ? await services.store.getEvent(hvId) : undefined;
  const access = serverMayAccessRoom({ serverName, joinedServers, historyVisibility: hv?.pdu.content.history_visibility });
  if (!access.allowed) throw forbidden(access.error);
  return ctx;
}

/**
 * The walks' event source over the store: one batched `getEventsInRoom` per level,
 * keeping the events that are part of the room's DAG (accepted or soft-failed; not
 * rejected events nor outliers).
 */
export function storeEventSource(services: Services): RoomEventSource {
  return {
    async getEventsInRoom(roomId, eventIds, minDepth) {
      const found = await services.store.getEventsInRoom(roomId, eventIds, minDepth);
      return found.filter((e) => e.status === 'accepted' || e.status === 'soft_failed').map(toRoomEvent);
    },
  };
}

/**
 * The events as `serverName` may see them: events its users could not see at the time
 * (history visibility in the state at each event) are redacted, which keeps the DAG
 * whole for the requester.
 */
export async function filterForServer(services: Services, ctx: RoomContext, events: readonly RoomEvent[], serverName: string): Promise<RoomEvent[]> {
  if (events.length === 0) return [];
  const { store } = services;
  // The state keys that matter at each event: history visibility and the requester's users.
  const relevant = new Map<string, Map<StateKey, string>>();
  const wanted = new Set<string>();
  for (const event of events) {
    const before = await store.getStateBefore(ctx.roomId, event.event_id);
    const keys = new Map<StateKey, string>();
    for (const [key, id] of before ?? []) {
      if (key === HISTORY_VISIBILITY || isMemberKeyOf(key, serverName)) {
        keys.set(key, id);
        wanted.add(id);
      }
    }
    relevant.set(event.event_id, keys);
  }
  const contents = new Map((await store.getEvents([...wanted])).map((e) => [e.eventId, e.pdu.content] as const));
  const contextOf = (keys: ReadonlyMap<StateKey, string>, extra?: RoomEvent): ServerVisibilityContext => {
    let historyVisibility: unknown;
    const memberships: string[] = [];
    for (const [key, id] of keys) {
      const content = extra && extra.state_key !== undefined && stateKeyOf(extra.type, extra.state_key) === key ? extra.content : contents.get(id);
      if (key === HISTORY_VISIBILITY) historyVisibility = content?.history_visibility;
      else if (typeof content?.membership === 'string') memberships.push(content.membership);
    }
    if (extra && extra.state_key !== undefined) {
      const key = stateKeyOf(extra.type, extra.state_key);
      if (!keys.has(key)) {
        if (key === HISTORY_VISIBILITY) historyVisibility = extra.content.history_visibility;
        else if (typeof extra.content.membership === 'string') memberships.push(extra.content.membership);
      }
    }
    return { historyVisibility, memberships };
  };
  return filterEventsForServer(events, ctx.roomVersion, serverName, (e) => contextOf(relevant.get(e.event_id) ?? new Map()), {
    hidden: 'redact',
    // For history_visibility events and the requester's own member events: the state after them too.
    contextAfter: (e) => contextOf(relevant.get(e.event_id) ?? new Map(), e),
  });
}

function isMemberKeyOf(key: StateKey, serverName: string): boolean {
  if (!key.startsWith('m.room.member\u0000')) return false;
  const [, userId] = splitStateKey(key);
  return serverOf(userId) === serverName;
}

/**
 * Sending and reading room events (client-server API "Sending events to a room",
 * "Getting events for a room", "Redactions"): `send`, `state` (PUT and GET), `redact`,
 * `event`, `messages`, `members`, `joined_members`, `joined_rooms`.
 *
 * @module
 */
import { isValidRoomAlias, MatrixError, redactEventRequestSchema, roomEventFilterSchema, type RoomEventFilter } from '@maxtryx/entity';
import {
  canRedact,
  parseStrictJson,
  powerLevelsFromState,
  splitStateKey,
  stateKeyOf,
  StrictJsonError,
  type JsonObject,
} from '@maxtryx/federation-core';
import type { StoredEvent } from '@maxtryx/storage-adapters';
import { resolveRoomAlias } from '../federation/resolve-alias.js';
import type { RouteContext, Router } from '../http/router.js';
import { authenticate, type Requester } from './access-token.js';
import { jsonObjectBody, parseBody, validate } from './body.js';
import { formatEvents } from './client-event.js';
import type { ClientServices } from './client-services.js';
import { boundaryOf, paginateMessages } from './messages.js';
import { eventIdParam, eventTypeParam, intQuery, roomIdParam, stateKeyParam, txnIdParam } from './params.js';
import { readAccess, requireJoined } from './room-access.js';
import { sendClientEvent } from './send-event.js';
import { parseToken } from './tokens.js';
import { UserVisibility } from './visibility.js';

/** The default and largest page of `/messages`. */
const DEFAULT_MESSAGES_LIMIT = 10;
const MAX_MESSAGES_LIMIT = 1000;
/** The most aliases of an `m.room.canonical_alias` event checked. */
const MAX_ALT_ALIASES = 50;

/** Parses a `filter` query parameter holding a RoomEventFilter as JSON. */
function roomEventFilterParam(ctx: RouteContext): RoomEventFilter | undefined {
  const raw = ctx.query.get('filter');
  if (raw === null || raw === '') return undefined;
  let value: unknown;
  try {
    value = parseStrictJson(new TextEncoder().encode(raw));
  } catch (cause) {
    if (cause instanceof StrictJsonError) throw new MatrixError('M_NOT_JSON', `filter is not valid JSON: ${cause.message}`, { httpStatus: 400, cause });
    throw cause;
  }
  return validate(roomEventFilterSchema, value);
}

/** Registers the event routes. */
export function registerEventRoutes(router: Router, cs: ClientServices): void {
  const { services } = cs;
  const { store } = services;

  /** Events in the client format for `me` (`prev_content` only for single events and timelines). */
  const format = async (events: StoredEvent[], me: Requester, prevContent = false) => formatEvents(cs, events, me, { prevContent });

  /**
   * `m.room.canonical_alias`: every alias given must point to this room, else
   * `400 M_BAD_ALIAS` (room_state.yaml).
   */
  const checkCanonicalAliases = async (roomId: string, content: JsonObject) => {
    const aliases: unknown[] = [];
    if (content.alias !== undefined) aliases.push(content.alias);
    if (content.alt_aliases !== undefined) {
      if (!Array.isArray(content.alt_aliases)) throw new MatrixError('M_BAD_JSON', 'alt_aliases: must be an array', { httpStatus: 400 });
      if (content.alt_aliases.length > MAX_ALT_ALIASES) throw new MatrixError('M_BAD_JSON', `alt_aliases: at most ${MAX_ALT_ALIASES}`, { httpStatus: 400 });
      aliases.push(...content.alt_aliases);
    }
    for (const alias of aliases) {
      if (!isValidRoomAlias(alias)) throw new MatrixError('M_INVALID_PARAM', `${JSON.stringify(alias)} is not a room alias`, { httpStatus: 400 });
      const resolved = await resolveRoomAlias(services, alias).catch(() => undefined);
      if (resolved?.roomId !== roomId) throw new MatrixError('M_BAD_ALIAS', `The alias ${alias} does not point to this room`, { httpStatus: 400 });
    }
  };

  // PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}: idempotent per device and transaction ID.
  router.on('PUT', '/_matrix/client/v3/rooms/:roomId/send/:eventType/:txnId', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const type = eventTypeParam(ctx);
    const txnId = txnIdParam(ctx);
    const content = await jsonObjectBody(ctx);
    const eventId = await cs.txns.run(me.userId, me.deviceId, `send\u0000${roomId}\u0000${type}`, txnId, async () => {
      // v1.18: m.room.redaction may be sent here in every room version; `redacts` moves as the version wants.
      const redacts = type === 'm.room.redaction' && typeof content.redacts === 'string' ? content.redacts : undefined;
      const event = await sendClientEvent(services, roomId, { type, sender: me.userId, content, ...(redacts ? { redacts } : {}) });
      cs.txns.recordSent(event.event_id, me.userId, me.deviceId, txnId);
      return event.event_id;
    });
    return { status: 200, body: { event_id: eventId } };
  });

  // PUT /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey} (and with an empty state key).
  const putState = async (ctx: RouteContext) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const type = eventTypeParam(ctx);
    const stateKey = stateKeyParam(ctx);
    const content = await jsonObjectBody(ctx);
    if (type === 'm.room.canonical_alias' && stateKey === '') await checkCanonicalAliases(roomId, content);
    const event = await sendClientEvent(services, roomId, { type, state_key: stateKey, sender: me.userId, content });
    return { status: 200, body: { event_id: event.event_id } };
  };
  router.on('PUT', '/_matrix/client/v3/rooms/:roomId/state/:eventType', putState);
  router.on('PUT', '/_matrix/client/v3/rooms/:roomId/state/:eventType/:stateKey', putState);

  // GET /_matrix/client/v3/rooms/{roomId}/state: the state the user may read.
  router.on('GET', '/_matrix/client/v3/rooms/:roomId/state', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const access = await readAccess(services, roomId, me.userId);
    return { status: 200, body: await format(await store.getEvents([...access.state.values()]), me) };
  });

  // GET /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey}: the content (or, format=event, the event).
  const getState = async (ctx: RouteContext) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const type = eventTypeParam(ctx);
    const stateKey = stateKeyParam(ctx);
    const access = await readAccess(services, roomId, me.userId);
    const id = access.state.get(stateKeyOf(type, stateKey));
    const stored = id ? await store.getEvent(id) : undefined;
    if (!stored) throw new MatrixError('M_NOT_FOUND', `No ${type} state with key ${JSON.stringify(stateKey)}`, { httpStatus: 404 });
    const [event] = await format([stored], me, true);
    return { status: 200, body: ctx.query.get('format') === 'event' ? event : (event as JsonObject).content };
  };
  router.on('GET', '/_matrix/client/v3/rooms/:roomId/state/:eventType', getState);
  router.on('GET', '/_matrix/client/v3/rooms/:roomId/state/:eventType/:stateKey', getState);

  // PUT /_matrix/client/v3/rooms/{roomId}/redact/{eventId}/{txnId}.
  router.on('PUT', '/_matrix/client/v3/rooms/:roomId/redact/:eventId/:txnId', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const target = eventIdParam(ctx);
    const txnId = txnIdParam(ctx);
    const body = await parseBody(ctx, redactEventRequestSchema);
    const eventId = await cs.txns.run(me.userId, me.deviceId, `redact\u0000${roomId}\u0000${target}`, txnId, async () => {
      // Redacting another user's event needs the redact level ("Redactions"; the auth
      // rules of v3+ leave this to the server applying the redaction).
      const stored = await store.getEvent(target);
      if (stored && stored.roomId === roomId && stored.sender !== me.userId) {
        const state = await services.rooms.currentStateEvents(roomId, [stateKeyOf('m.room.create', ''), stateKeyOf('m.room.power_levels', '')]);
        const pl = powerLevelsFromState((type, key) => state.get(stateKeyOf(type, key)), stored.roomVersion);
        if (!canRedact(pl, me.userId)) throw new MatrixError('M_FORBIDDEN', 'You may not redact events of other users', { httpStatus: 403 });
      }
      const content: JsonObject = body.reason === undefined ? {} : { reason: body.reason };
      const event = await sendClientEvent(services, roomId, { type: 'm.room.redaction', sender: me.userId, content, redacts: target });
      cs.txns.recordSent(event.event_id, me.userId, me.deviceId, txnId);
      return event.event_id;
    });
    return { status: 200, body: { event_id: eventId } };
  });

  // GET /_matrix/client/v3/rooms/{roomId}/event/{eventId}: 404 when absent or not visible to the user.
  router.on('GET', '/_matrix/client/v3/rooms/:roomId/event/:eventId', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const eventId = eventIdParam(ctx);
    const notFound = new MatrixError('M_NOT_FOUND', 'Event not found', { httpStatus: 404 });
    const access = await readAccess(services, roomId, me.userId).catch(() => undefined);
    const stored = await store.getEvent(eventId);
    if (!access || !stored || stored.roomId !== roomId || stored.status === 'rejected') throw notFound;
    if (access.upTo !== undefined && stored.streamOrdering > access.upTo) throw notFound;
    if (!(await new UserVisibility(store, roomId, me.userId).maySee(stored))) throw notFound;
    return { status: 200, body: (await format([stored], me, true))[0] };
  });

  // GET /_matrix/client/v3/rooms/{roomId}/messages: from / to / dir / limit / filter.
  router.on('GET', '/_matrix/client/v3/rooms/:roomId/messages', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const dir = ctx.query.get('dir');
    if (dir !== 'b' && dir !== 'f') throw new MatrixError('M_INVALID_PARAM', 'dir must be b or f', { httpStatus: 400 });
    const fromRaw = ctx.query.get('from');
    const toRaw = ctx.query.get('to');
    const from = fromRaw ? { token: parseToken(fromRaw, 'from'), raw: fromRaw } : undefined;
    const to = toRaw ? parseToken(toRaw, 'to') : undefined;
    const limit = Math.max(1, intQuery(ctx, 'limit', DEFAULT_MESSAGES_LIMIT, MAX_MESSAGES_LIMIT));
    const filter = roomEventFilterParam(ctx);
    const access = await readAccess(services, roomId, me.userId);
    const leftAt = access.upTo === undefined ? undefined : await leavingEvent(roomId, me.userId);
    const page = await paginateMessages(store, { roomId, userId: me.userId, dir, from, to, limit, filter: filter ?? undefined, leftAt });
    const body: JsonObject = { start: page.start, chunk: await format(page.chunk, me, true) };
    if (page.end !== undefined) body.end = page.end;
    return { status: 200, body };
  });

  const leavingEvent = async (roomId: string, userId: string): Promise<StoredEvent | undefined> => {
    const record = await store.getMembership(roomId, userId);
    return record ? store.getEvent(record.eventId) : undefined;
  };

  // GET /_matrix/client/v3/rooms/{roomId}/members: at / membership / not_membership.
  router.on('GET', '/_matrix/client/v3/rooms/:roomId/members', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const access = await readAccess(services, roomId, me.userId);
    let state = access.state;
    const at = ctx.query.get('at');
    if (at) {
      // The members at a point of the timeline: the state after the last event before that token.
      const boundary = await boundaryOf(store, roomId, parseToken(at, 'at'));
      const [before] = await store.getRoomEventsTopological(roomId, { from: boundary, direction: 'backwards', limit: 1, statuses: ['accepted'] });
      if (before && (access.upTo === undefined || before.streamOrdering <= access.upTo)) {
        state = (await store.getStateAfter(roomId, before.eventId)) ?? state;
      }
    }
    const membership = ctx.query.get('membership');
    const notMembership = ctx.query.get('not_membership');
    const memberIds = [...state].filter(([key]) => splitStateKey(key)[0] === 'm.room.member').map(([, id]) => id);
    const events = (await store.getEvents(memberIds)).filter((e) => {
      const m = e.pdu.content.membership;
      return (membership === null || m === membership) && (notMembership === null || m !== notMembership);
    });
    return { status: 200, body: { chunk: await format(events, me) } };
  });

  // GET /_matrix/client/v3/rooms/{roomId}/joined_members: "The current user must be in the room".
  router.on('GET', '/_matrix/client/v3/rooms/:roomId/joined_members', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    await requireJoined(services, roomId, me.userId);
    const joined: Record<string, JsonObject> = {};
    const ids: string[] = [];
    for (const userId of await store.getRoomMembers(roomId, 'join')) {
      const id = await store.getCurrentStateEventId(roomId, stateKeyOf('m.room.member', userId));
      if (id) ids.push(id);
    }
    for (const e of await store.getEvents(ids)) {
      const c = e.pdu.content;
      const entry: JsonObject = {};
      if (typeof c.displayname === 'string') entry.display_name = c.displayname;
      if (typeof c.avatar_url === 'string') entry.avatar_url = c.avatar_url;
      joined[e.stateKey!] = entry;
    }
    return { status: 200, body: { joined } };
  });

  // GET /_matrix/client/v3/joined_rooms.
  router.on('GET', '/_matrix/client/v3/joined_rooms', async (ctx) => {
    const me = await authenticate(ctx, services);
    return { status: 200, body: { joined_rooms: await store.getRoomsForUser(me.userId, 'join') } };
  });
}

/**
 * What a client needs around rooms: capabilities, push rules, account data, filters,
 * typing, receipts and read markers, devices and presence (client-server API
 * "Capabilities negotiation", "Push Notifications", "Client Config", "Filtering",
 * "Typing Notifications", "Receipts", "Fully read markers", "Device Management",
 * "Presence").
 *
 * @module
 */
import { filterSchema, MatrixError, typingRequestSchema } from '@maxtryx/entity';
import { defaultRoomVersionId, roomVersionIds, roomVersions, type JsonObject } from '@maxtryx/federation-core';
import type { RouteContext, Router } from '../http/router.js';
import { authenticate, type Requester } from './access-token.js';
import { jsonObjectBody, parseBody } from './body.js';
import type { ClientServices } from './client-services.js';
import { eventIdParam, roomIdParam, userIdParam } from './params.js';
import { PROFILE_FIELDS } from './profile-routes.js';
import { defaultPushRules } from './push-rules.js';
import { requireJoined } from './room-access.js';

/** Receipt types of `POST /receipt/{receiptType}/{eventId}`. */
const RECEIPT_TYPES = ['m.read', 'm.read.private', 'm.fully_read'];
/** Account data types set through other endpoints: "405 ... cannot be set through this API". */
const SERVER_MANAGED_ACCOUNT_DATA = ['m.fully_read', 'm.push_rules'];

/** The user in the path must be the requester (`403 M_FORBIDDEN`). */
function ownUserParam(ctx: RouteContext, me: Requester): string {
  const userId = userIdParam(ctx);
  if (userId !== me.userId) throw new MatrixError('M_FORBIDDEN', 'You may only act for yourself', { httpStatus: 403 });
  return userId;
}

function accountDataType(ctx: RouteContext): string {
  const type = ctx.params.type ?? '';
  if (type === '' || Buffer.byteLength(type) > 255) throw new MatrixError('M_INVALID_PARAM', 'invalid account data type', { httpStatus: 400 });
  return type;
}

/** Registers the routes. */
export function registerMiscRoutes(router: Router, cs: ClientServices): void {
  const { services } = cs;
  const { store } = services;

  // GET /_matrix/client/v3/capabilities.
  router.on('GET', '/_matrix/client/v3/capabilities', async (ctx) => {
    await authenticate(ctx, services);
    const available: JsonObject = {};
    for (const id of roomVersionIds) available[id] = roomVersions[id]!.stability;
    return {
      status: 200,
      body: {
        capabilities: {
          'm.room_versions': { default: defaultRoomVersionId, available },
          'm.change_password': { enabled: false },
          'm.set_displayname': { enabled: true },
          'm.set_avatar_url': { enabled: true },
          'm.3pid_changes': { enabled: false },
          'm.get_login_token': { enabled: false },
          'm.profile_fields': { enabled: true, allowed: [...PROFILE_FIELDS] },
        },
      },
    };
  });

  // GET /_matrix/client/v3/pushrules/ and /pushrules/global/: the server-default rules.
  router.on('GET', '/_matrix/client/v3/pushrules', async (ctx) => {
    const me = await authenticate(ctx, services);
    return { status: 200, body: { global: defaultPushRules(me.userId) } };
  });
  router.on('GET', '/_matrix/client/v3/pushrules/global', async (ctx) => {
    const me = await authenticate(ctx, services);
    return { status: 200, body: defaultPushRules(me.userId) };
  });

  // PUT/GET /_matrix/client/v3/user/{userId}/account_data/{type} and the per-room form.
  const putAccountData = async (ctx: RouteContext) => {
    const me = await authenticate(ctx, services);
    const userId = ownUserParam(ctx, me);
    const roomId = ctx.params.roomId === undefined ? undefined : roomIdParam(ctx);
    const type = accountDataType(ctx);
    const content = await jsonObjectBody(ctx);
    if (SERVER_MANAGED_ACCOUNT_DATA.includes(type)) {
      throw new MatrixError('M_BAD_JSON', `Cannot set ${type} through this API`, { httpStatus: 405 });
    }
    cs.accountData.set(userId, roomId, type, content);
    return { status: 200, body: {} };
  };
  const getAccountData = async (ctx: RouteContext) => {
    const me = await authenticate(ctx, services);
    const userId = ownUserParam(ctx, me);
    const roomId = ctx.params.roomId === undefined ? undefined : roomIdParam(ctx);
    const type = accountDataType(ctx);
    const content = roomId === undefined && type === 'm.push_rules' ? { global: defaultPushRules(userId) } : cs.accountData.get(userId, roomId, type);
    if (!content) throw new MatrixError('M_NOT_FOUND', `No ${type} account data`, { httpStatus: 404 });
    return { status: 200, body: content };
  };
  router.on('PUT', '/_matrix/client/v3/user/:userId/account_data/:type', putAccountData);
  router.on('GET', '/_matrix/client/v3/user/:userId/account_data/:type', getAccountData);
  router.on('PUT', '/_matrix/client/v3/user/:userId/rooms/:roomId/account_data/:type', putAccountData);
  router.on('GET', '/_matrix/client/v3/user/:userId/rooms/:roomId/account_data/:type', getAccountData);

  // POST /_matrix/client/v3/user/{userId}/filter and GET .../filter/{filterId}.
  router.on('POST', '/_matrix/client/v3/user/:userId/filter', async (ctx) => {
    const me = await authenticate(ctx, services);
    const userId = ownUserParam(ctx, me);
    const filter = await parseBody(ctx, filterSchema);
    return { status: 200, body: { filter_id: cs.filters.create(userId, filter) } };
  });
  router.on('GET', '/_matrix/client/v3/user/:userId/filter/:filterId', async (ctx) => {
    const me = await authenticate(ctx, services);
    const userId = ownUserParam(ctx, me);
    const filter = cs.filters.get(userId, ctx.params.filterId ?? '');
    if (!filter) throw new MatrixError('M_NOT_FOUND', 'Unknown filter', { httpStatus: 404 });
    return { status: 200, body: filter };
  });

  // PUT /_matrix/client/v3/rooms/{roomId}/typing/{userId}: one's own typing, in a room one is joined to.
  router.on('PUT', '/_matrix/client/v3/rooms/:roomId/typing/:userId', async (ctx) => {
    const me = await authenticate(ctx, services);
    const userId = ownUserParam(ctx, me);
    const roomId = roomIdParam(ctx);
    const body = await parseBody(ctx, typingRequestSchema);
    await requireJoined(services, roomId, userId);
    services.ephemeral.setTyping(roomId, userId, body.typing, body.timeout ?? 30_000);
    const servers = await store.getServersInRoom(roomId);
    services.sender.sendEdu(servers, { edu_type: 'm.typing', content: { room_id: roomId, user_id: userId, typing: body.typing } });
    return { status: 200, body: {} };
  });

  /** Sets a receipt or the fully-read marker of the requester in a room. */
  const setReceipt = async (me: Requester, roomId: string, type: string, eventId: string, threadId: string | undefined) => {
    if (type === 'm.fully_read') {
      // "m.fully_read does not appear under m.receipt": it is room account data.
      cs.accountData.set(me.userId, roomId, 'm.fully_read', { event_id: eventId });
      return;
    }
    const data: JsonObject = { ts: services.now() };
    if (threadId !== undefined) data.thread_id = threadId;
    services.ephemeral.setReceipt(roomId, type, me.userId, [eventId], data);
    // Private receipts never leave the server.
    if (type === 'm.read') {
      services.sender.sendEdu(await store.getServersInRoom(roomId), {
        edu_type: 'm.receipt',
        content: { [roomId]: { [type]: { [me.userId]: { event_ids: [eventId], data } } } },
      });
    }
  };

  // POST /_matrix/client/v3/rooms/{roomId}/receipt/{receiptType}/{eventId}.
  router.on('POST', '/_matrix/client/v3/rooms/:roomId/receipt/:receiptType/:eventId', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const eventId = eventIdParam(ctx);
    const type = ctx.params.receiptType ?? '';
    if (!RECEIPT_TYPES.includes(type)) throw new MatrixError('M_INVALID_PARAM', `unknown receipt type ${type.slice(0, 100)}`, { httpStatus: 400 });
    const body = await jsonObjectBody(ctx);
    const threadId = body.thread_id;
    if (threadId !== undefined && (typeof threadId !== 'string' || threadId === '')) {
      throw new MatrixError('M_INVALID_PARAM', 'thread_id field must be a non-empty string', { httpStatus: 400 });
    }
    await requireJoined(services, roomId, me.userId);
    await setReceipt(me, roomId, type, eventId, threadId);
    return { status: 200, body: {} };
  });

  // POST /_matrix/client/v3/rooms/{roomId}/read_markers: m.fully_read, m.read, m.read.private.
  router.on('POST', '/_matrix/client/v3/rooms/:roomId/read_markers', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const body = await jsonObjectBody(ctx);
    const markers: Array<[string, string]> = [];
    for (const type of ['m.fully_read', 'm.read', 'm.read.private']) {
      const value = body[type];
      if (value === undefined) continue;
      if (typeof value !== 'string' || !value.startsWith('$')) throw new MatrixError('M_BAD_JSON', `${type}: must be an event ID`, { httpStatus: 400 });
      markers.push([type, value]);
    }
    await requireJoined(services, roomId, me.userId);
    for (const [type, eventId] of markers) await setReceipt(me, roomId, type, eventId, undefined);
    return { status: 200, body: {} };
  });

  // GET /_matrix/client/v3/devices, GET/PUT /_matrix/client/v3/devices/{deviceId}.
  const deviceBody = (d: { deviceId: string; displayName?: string; lastSeenTs?: number }) => ({
    device_id: d.deviceId,
    ...(d.displayName !== undefined ? { display_name: d.displayName } : {}),
    ...(d.lastSeenTs !== undefined ? { last_seen_ts: d.lastSeenTs } : {}),
  });
  router.on('GET', '/_matrix/client/v3/devices', async (ctx) => {
    const me = await authenticate(ctx, services);
    return { status: 200, body: { devices: (await store.listDevices(me.userId)).map(deviceBody) } };
  });
  router.on('GET', '/_matrix/client/v3/devices/:deviceId', async (ctx) => {
    const me = await authenticate(ctx, services);
    const device = await store.getDevice(me.userId, ctx.params.deviceId ?? '');
    if (!device) throw new MatrixError('M_NOT_FOUND', 'Unknown device', { httpStatus: 404 });
    return { status: 200, body: deviceBody(device) };
  });
  router.on('PUT', '/_matrix/client/v3/devices/:deviceId', async (ctx) => {
    const me = await authenticate(ctx, services);
    const body = await jsonObjectBody(ctx);
    const device = await store.getDevice(me.userId, ctx.params.deviceId ?? '');
    if (!device) throw new MatrixError('M_NOT_FOUND', 'Unknown device', { httpStatus: 404 });
    if (body.display_name !== undefined && (typeof body.display_name !== 'string' || body.display_name.length > 256)) {
      throw new MatrixError('M_BAD_JSON', 'display_name: must be a string of at most 256 characters', { httpStatus: 400 });
    }
    if (typeof body.display_name === 'string') await store.putDevice({ ...device, displayName: body.display_name });
    return { status: 200, body: {} };
  });

  // PUT/GET /_matrix/client/v3/presence/{userId}/status.
  router.on('PUT', '/_matrix/client/v3/presence/:userId/status', async (ctx) => {
    const me = await authenticate(ctx, services);
    const userId = ownUserParam(ctx, me);
    const body = await jsonObjectBody(ctx);
    const presence = body.presence;
    if (presence !== 'online' && presence !== 'offline' && presence !== 'unavailable') {
      throw new MatrixError('M_BAD_JSON', 'presence: must be online, offline or unavailable', { httpStatus: 400 });
    }
    if (body.status_msg !== undefined && (typeof body.status_msg !== 'string' || body.status_msg.length > 1024)) {
      throw new MatrixError('M_BAD_JSON', 'status_msg: must be a string of at most 1024 characters', { httpStatus: 400 });
    }
    services.ephemeral.setPresence({
      userId,
      presence,
      lastActiveAgo: 0,
      currentlyActive: presence === 'online',
      ...(typeof body.status_msg === 'string' ? { statusMsg: body.status_msg } : {}),
    });
    return { status: 200, body: {} };
  });
  router.on('GET', '/_matrix/client/v3/presence/:userId/status', async (ctx) => {
    await authenticate(ctx, services);
    const userId = userIdParam(ctx);
    const p = services.ephemeral.presence(userId);
    if (!p) {
      if (userId.endsWith(`:${services.config.serverName}`) && (await store.getUser(userId))) return { status: 200, body: { presence: 'offline' } };
      throw new MatrixError('M_NOT_FOUND', 'No presence for this user', { httpStatus: 404 });
    }
    const body: JsonObject = { presence: p.presence, last_active_ago: Math.max(0, p.lastActiveAgo + services.now() - p.receivedTs) };
    if (p.statusMsg !== undefined) body.status_msg = p.statusMsg;
    if (p.currentlyActive !== undefined) body.currently_active = p.currentlyActive;
    return { status: 200, body };
  });

}

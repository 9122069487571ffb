/**
 * Room creation and membership endpoints (client-server API "Room creation", "Room
 * membership"): `createRoom`, `join` (by ID, or by ID or alias), `leave`, `forget`,
 * `invite`, `kick`, `ban`, `unban`, `knock`. A room this server is in changes locally; a
 * room it is not in is joined, knocked on or left through another server.
 *
 * @module
 */
import {
  banRequestSchema,
  createRoomRequestSchema,
  inviteRequestSchema,
  isValidRoomAlias,
  isValidRoomId,
  isValidServerName,
  joinRoomRequestSchema,
  kickRequestSchema,
  knockRoomRequestSchema,
  leaveRoomRequestSchema,
  MatrixError,
  unbanRequestSchema,
} from '@maxtryx/entity';
import type { JsonObject } from '@maxtryx/federation-core';
import { resolveRoomAlias } from '../federation/resolve-alias.js';
import type { RouteContext, Router } from '../http/router.js';
import { inviteRemoteUser } from '../federation/remote-invite.js';
import { joinRemoteRoom } from '../federation/remote-join.js';
import { knockRemoteRoom } from '../federation/remote-knock.js';
import { leaveRemoteRoom } from '../federation/remote-leave.js';
import { serverOf } from '../rooms/room-events.js';
import { authenticate } from './access-token.js';
import { parseBody } from './body.js';
import type { ClientServices } from './client-services.js';
import { createRoom } from './create-room.js';
import { changeMembership } from './membership.js';
import { roomIdParam } from './params.js';
import { memberProfileContent } from './profile.js';

/** The most `via` / `server_name` servers taken from a request. */
const MAX_VIA = 20;

/** The servers of `via` (and the deprecated `server_name`) query parameters. */
function viaServers(ctx: RouteContext): string[] {
  const all = [...ctx.query.getAll('via'), ...ctx.query.getAll('server_name')];
  return [...new Set(all.filter((s) => isValidServerName(s)))].slice(0, MAX_VIA);
}

/** Registers the room creation and membership routes. */
export function registerRoomRoutes(router: Router, cs: ClientServices): void {
  const { services } = cs;
  const serverName = services.config.serverName;

  /** Whether this server takes part in the room (so membership changes are local). */
  const isResident = async (roomId: string): Promise<boolean> => {
    if (!(await services.rooms.context(roomId))) return false;
    const servers = await services.store.getServersInRoom(roomId);
    return servers.length === 0 || servers.includes(serverName);
  };

  /** The servers to ask for a room: `via`, the inviter's or knock target's server, the room ID's server (before v12). */
  const candidateServers = async (roomId: string, userId: string, via: readonly string[]): Promise<string[]> => {
    const out = [...via];
    const record = await services.store.getMembership(roomId, userId);
    if (record) {
      const event = await services.store.getEvent(record.eventId);
      if (event) out.push(serverOf(event.sender));
    }
    if (roomId.includes(':')) out.push(serverOf(roomId));
    return [...new Set(out)].filter((s) => s !== serverName && isValidServerName(s)).slice(0, MAX_VIA);
  };

  /** Resolves `{roomIdOrAlias}` to a room ID and the servers that know it. */
  const resolveTarget = async (ctx: RouteContext): Promise<{ roomId: string; servers: string[] }> => {
    const target = ctx.params.roomIdOrAlias ?? '';
    if (isValidRoomId(target)) return { roomId: target, servers: viaServers(ctx) };
    if (isValidRoomAlias(target)) {
      const resolved = await resolveRoomAlias(services, target);
      return { roomId: resolved.roomId, servers: [...new Set([...viaServers(ctx), ...resolved.servers, serverOf(target)])] };
    }
    throw new MatrixError('M_INVALID_PARAM', 'not a room ID or alias', { httpStatus: 400 });
  };

  const join = async (userId: string, roomId: string, via: readonly string[], reason: string | undefined): Promise<string> => {
    if (await isResident(roomId)) {
      await changeMembership(services, { roomId, sender: userId, target: userId, membership: 'join', reason });
      return roomId;
    }
    const content: JsonObject = { ...(await memberProfileContent(services, userId)), membership: 'join' };
    if (reason !== undefined) content.reason = reason;
    return (await joinRemoteRoom(services, roomId, userId, await candidateServers(roomId, userId, via), content)).roomId;
  };

  // POST /_matrix/client/v3/createRoom.
  router.on('POST', '/_matrix/client/v3/createRoom', async (ctx) => {
    const me = await authenticate(ctx, services);
    const request = await parseBody(ctx, createRoomRequestSchema);
    const created = await createRoom(services, me.userId, request);
    // Invites of users of other servers: the federation invite API.
    for (const invitee of created.remoteInvites) {
      try {
        await inviteRemoteUser(services, created.roomId, me.userId, invitee, {
          membership: 'invite',
          ...(request.is_direct ? { is_direct: true } : {}),
        });
      } catch (err) {
        services.logger.warn('remote invite of a new room failed', { roomId: created.roomId, invitee, err: err as Error });
      }
    }
    return { status: 200, body: { room_id: created.roomId } };
  });

  // POST /_matrix/client/v3/rooms/{roomId}/join.
  router.on('POST', '/_matrix/client/v3/rooms/:roomId/join', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const body = await parseBody(ctx, joinRoomRequestSchema);
    return { status: 200, body: { room_id: await join(me.userId, roomId, viaServers(ctx), body.reason) } };
  });

  // POST /_matrix/client/v3/join/{roomIdOrAlias}: `via` / `server_name` name servers to join through.
  router.on('POST', '/_matrix/client/v3/join/:roomIdOrAlias', async (ctx) => {
    const me = await authenticate(ctx, services);
    const body = await parseBody(ctx, joinRoomRequestSchema);
    const { roomId, servers } = await resolveTarget(ctx);
    return { status: 200, body: { room_id: await join(me.userId, roomId, servers, body.reason) } };
  });

  // POST /_matrix/client/v3/knock/{roomIdOrAlias}.
  router.on('POST', '/_matrix/client/v3/knock/:roomIdOrAlias', async (ctx) => {
    const me = await authenticate(ctx, services);
    const body = await parseBody(ctx, knockRoomRequestSchema);
    const { roomId, servers } = await resolveTarget(ctx);
    if (await isResident(roomId)) {
      await changeMembership(services, { roomId, sender: me.userId, target: me.userId, membership: 'knock', reason: body.reason });
    } else {
      const content: JsonObject = { ...(await memberProfileContent(services, me.userId)), membership: 'knock' };
      if (body.reason !== undefined) content.reason = body.reason;
      await knockRemoteRoom(services, roomId, me.userId, await candidateServers(roomId, me.userId, servers), content);
    }
    return { status: 200, body: { room_id: roomId } };
  });

  // POST /_matrix/client/v3/rooms/{roomId}/leave: also rejects an invite or rescinds a knock.
  router.on('POST', '/_matrix/client/v3/rooms/:roomId/leave', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const body = await parseBody(ctx, leaveRoomRequestSchema);
    if (await isResident(roomId)) {
      await changeMembership(services, { roomId, sender: me.userId, target: me.userId, membership: 'leave', reason: body.reason });
    } else {
      const record = await services.store.getMembership(roomId, me.userId);
      if (!record) throw new MatrixError('M_NOT_FOUND', `unknown room ${roomId}`, { httpStatus: 404 });
      if (record.membership !== 'invite' && record.membership !== 'knock') {
        throw new MatrixError('M_FORBIDDEN', `You are not in the room ${roomId}`, { httpStatus: 403 });
      }
      await leaveRemoteRoom(services, roomId, me.userId, viaServers(ctx), body.reason !== undefined ? { reason: body.reason } : {});
    }
    return { status: 200, body: {} };
  });

  // POST /_matrix/client/v3/rooms/{roomId}/forget: "the user must have left the room"; 400 otherwise.
  router.on('POST', '/_matrix/client/v3/rooms/:roomId/forget', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    const record = await services.store.getMembership(roomId, me.userId);
    if (record?.membership === 'join') throw new MatrixError('M_UNKNOWN', 'You are still in the room', { httpStatus: 400 });
    return { status: 200, body: {} };
  });

  const targeted = (
    path: string,
    membership: 'invite' | 'leave' | 'ban',
    schema: typeof inviteRequestSchema | typeof kickRequestSchema | typeof banRequestSchema | typeof unbanRequestSchema,
    from?: 'ban' | 'member',
  ) => {
    router.on('POST', path, async (ctx) => {
      const me = await authenticate(ctx, services);
      const roomId = roomIdParam(ctx);
      const body = await parseBody(ctx, schema);
      if (from === 'ban') {
        // Unban: "The user must be banned"; anything else is 403 by the rules below too.
        const record = await services.store.getMembership(roomId, body.user_id);
        if (record?.membership !== 'ban' && !(await services.rooms.context(roomId))) {
          throw new MatrixError('M_NOT_FOUND', `unknown room ${roomId}`, { httpStatus: 404 });
        }
        if (record?.membership !== 'ban') throw new MatrixError('M_FORBIDDEN', `${body.user_id} is not banned`, { httpStatus: 403 });
      }
      if (from === 'member') {
        // Kick: the target must be in the room (joined, invited or knocking).
        const record = await services.store.getMembership(roomId, body.user_id);
        if (!record || !['join', 'invite', 'knock'].includes(record.membership)) {
          if (!(await services.rooms.context(roomId))) throw new MatrixError('M_NOT_FOUND', `unknown room ${roomId}`, { httpStatus: 404 });
          throw new MatrixError('M_FORBIDDEN', `${body.user_id} is not in the room`, { httpStatus: 403 });
        }
      }
      await changeMembership(services, { roomId, sender: me.userId, target: body.user_id, membership, reason: body.reason });
      return { status: 200, body: {} };
    });
  };
  // POST /_matrix/client/v3/rooms/{roomId}/invite.
  targeted('/_matrix/client/v3/rooms/:roomId/invite', 'invite', inviteRequestSchema);
  // POST /_matrix/client/v3/rooms/{roomId}/kick: the target's membership becomes leave.
  targeted('/_matrix/client/v3/rooms/:roomId/kick', 'leave', kickRequestSchema, 'member');
  // POST /_matrix/client/v3/rooms/{roomId}/ban.
  targeted('/_matrix/client/v3/rooms/:roomId/ban', 'ban', banRequestSchema);
  // POST /_matrix/client/v3/rooms/{roomId}/unban: ban -> leave.
  targeted('/_matrix/client/v3/rooms/:roomId/unban', 'leave', unbanRequestSchema, 'ban');
}

/**
 * Room aliases (client-server API "Room aliases", directory.yaml):
 * `GET`/`PUT`/`DELETE /v3/directory/room/{roomAlias}` and `GET /v3/rooms/{roomId}/aliases`.
 *
 * @module
 */
import { MatrixError, setRoomAliasRequestSchema } from '@maxtryx/entity';
import { canSendState, powerLevelsFromState, stateKeyOf } from '@maxtryx/federation-core';
import { AlreadyExistsError } from '@maxtryx/storage-adapters';
import { resolveRoomAlias } from '../federation/resolve-alias.js';
import type { Router } from '../http/router.js';
import { serverOf } from '../rooms/room-events.js';
import { authenticate } from './access-token.js';
import { parseBody } from './body.js';
import type { ClientServices } from './client-services.js';
import { roomAliasParam, roomIdParam } from './params.js';
import { readAccess } from './room-access.js';

/** Registers the directory routes. */
export function registerDirectoryRoutes(router: Router, cs: ClientServices): void {
  const { services } = cs;
  const { store } = services;
  const serverName = services.config.serverName;

  // GET /_matrix/client/v3/directory/room/{roomAlias}: local, or asked of the alias's server.
  router.on('GET', '/_matrix/client/v3/directory/room/:roomAlias', async (ctx) => {
    const alias = roomAliasParam(ctx);
    const resolved = await resolveRoomAlias(services, alias);
    // "A list of servers that are aware of this room alias": this server first for its own.
    const servers = serverOf(alias) === serverName ? [serverName, ...resolved.servers.filter((s) => s !== serverName)] : [...resolved.servers];
    return { status: 200, body: { room_id: resolved.roomId, servers } };
  });

  // PUT /_matrix/client/v3/directory/room/{roomAlias}: 409 M_UNKNOWN when taken.
  router.on('PUT', '/_matrix/client/v3/directory/room/:roomAlias', async (ctx) => {
    const me = await authenticate(ctx, services);
    const alias = roomAliasParam(ctx);
    const body = await parseBody(ctx, setRoomAliasRequestSchema);
    if (serverOf(alias) !== serverName) throw new MatrixError('M_INVALID_PARAM', `Aliases of other servers cannot be created here`, { httpStatus: 400 });
    if (!(await services.rooms.context(body.room_id))) throw new MatrixError('M_NOT_FOUND', `unknown room ${body.room_id}`, { httpStatus: 404 });
    const existing = await store.getAlias(alias);
    if (existing) throw new MatrixError('M_UNKNOWN', `Room alias ${alias} already exists`, { httpStatus: 409 });
    try {
      await store.createAlias({ alias, roomId: body.room_id, creator: me.userId });
    } catch (err) {
      if (err instanceof AlreadyExistsError) throw new MatrixError('M_UNKNOWN', `Room alias ${alias} already exists`, { httpStatus: 409 });
      throw err;
    }
    return { status: 200, body: {} };
  });

  // DELETE /_matrix/client/v3/directory/room/{roomAlias}: its creator, or a user who may
  // send m.room.canonical_alias in the room ("servers may choose to additionally permit").
  router.on('DELETE', '/_matrix/client/v3/directory/room/:roomAlias', async (ctx) => {
    const me = await authenticate(ctx, services);
    const alias = roomAliasParam(ctx);
    const record = serverOf(alias) === serverName ? await store.getAlias(alias) : undefined;
    if (!record) throw new MatrixError('M_NOT_FOUND', `Room alias ${alias} not found`, { httpStatus: 404 });
    let allowed = record.creator === me.userId;
    if (!allowed && (await store.getMembership(record.roomId, me.userId))?.membership === 'join') {
      const ctxRoom = await services.rooms.context(record.roomId);
      if (ctxRoom) {
        const state = await services.rooms.currentStateEvents(record.roomId, [stateKeyOf('m.room.create', ''), stateKeyOf('m.room.power_levels', '')]);
        try {
          allowed = canSendState(powerLevelsFromState((t, k) => state.get(stateKeyOf(t, k)), ctxRoom.roomVersion), me.userId, 'm.room.canonical_alias');
        } catch {
          allowed = false;
        }
      }
    }
    if (!allowed) throw new MatrixError('M_FORBIDDEN', 'You may not remove this alias', { httpStatus: 403 });
    await store.deleteAlias(alias);
    return { status: 200, body: {} };
  });

  // GET /_matrix/client/v3/rooms/{roomId}/aliases: for members (or a world_readable room).
  router.on('GET', '/_matrix/client/v3/rooms/:roomId/aliases', async (ctx) => {
    const me = await authenticate(ctx, services);
    const roomId = roomIdParam(ctx);
    await readAccess(services, roomId, me.userId);
    return { status: 200, body: { aliases: await store.listAliases(roomId) } };
  });
}

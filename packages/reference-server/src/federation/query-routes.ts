/**
 * Federation queries (server-server API "Querying for information"):
 * `GET /query/directory?room_alias=` and `GET /query/profile?user_id=&field=`.
 *
 * @module
 */
import { isValidHistoricalUserId, isValidRoomAlias, MatrixError } from '@maxtryx/entity';
import type { Router } from '../http/router.js';
import { serverOf } from '../rooms/room-events.js';
import type { Services } from '../services.js';
import { authenticateServer } from './authenticate.js';
import { badRequest, notFound } from './wire-errors.js';

/** Registers the query endpoints. */
export function registerQueryRoutes(router: Router, services: Services): void {
  const { store, config } = services;

  // GET /_matrix/federation/v1/query/directory?room_alias=: "the mapped room ID and list
  // of resident homeservers in the room for a given room alias" (this server's aliases).
  router.on('GET', '/_matrix/federation/v1/query/directory', async (ctx) => {
    await authenticateServer(ctx, services);
    const alias = ctx.query.get('room_alias');
    if (alias === null) throw badRequest('M_MISSING_PARAM', 'room_alias is required');
    if (!isValidRoomAlias(alias)) throw badRequest('M_INVALID_PARAM', `not a room alias: ${alias}`);
    const record = serverOf(alias) === config.serverName ? await store.getAlias(alias) : undefined;
    if (!record) throw notFound(`room alias ${alias} not found`);
    const servers = await store.getServersInRoom(record.roomId);
    // This server first: it holds the alias and is the likeliest resident.
    const ordered = [config.serverName, ...servers.filter((s) => s !== config.serverName)];
    return { status: 200, body: { room_id: record.roomId, servers: ordered } };
  });

  // GET /_matrix/federation/v1/query/profile?user_id=&field=: a local user's public
  // profile; with `field`, "the response MUST only include the specified field".
  router.on('GET', '/_matrix/federation/v1/query/profile', async (ctx) => {
    await authenticateServer(ctx, services);
    const userId = ctx.query.get('user_id');
    if (userId === null) throw badRequest('M_MISSING_PARAM', 'user_id is required');
    if (!isValidHistoricalUserId(userId)) throw badRequest('M_INVALID_PARAM', `not a user ID: ${userId}`);
    // "MUST be a user local to the receiving homeserver."
    if (serverOf(userId) !== config.serverName) throw badRequest('M_INVALID_PARAM', `${userId} is not a user of ${config.serverName}`);
    const user = await store.getUser(userId);
    if (!user || user.deactivated) throw notFound('User does not exist.');
    // The user record holds the display name and avatar; other public fields are in services.profiles.
    const profile: Record<string, string> = services.profiles.get(userId);
    if (user.displayName !== undefined) profile.displayname = user.displayName;
    if (user.avatarUrl !== undefined) profile.avatar_url = user.avatarUrl;
    const field = ctx.query.get('field');
    if (field === null) return { status: 200, body: profile };
    // 404: "the queried field does not exist".
    if (!Object.hasOwn(profile, field)) throw notFound(`the profile of ${userId} has no ${field}`);
    return { status: 200, body: { [field]: profile[field] } };
  });

  // GET /_matrix/federation/v1/query/{queryType}: any other query type is not known here.
  router.on('GET', '/_matrix/federation/v1/query/:queryType', async (ctx) => {
    await authenticateServer(ctx, services);
    throw new MatrixError('M_UNRECOGNIZED', `unknown query type ${ctx.params.queryType}`, { httpStatus: 404 });
  });
}

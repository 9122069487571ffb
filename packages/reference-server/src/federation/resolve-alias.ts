/**
 * Resolving a room alias to a room ID and the servers likely in the room: from the
 * store for this server's aliases, else with `GET /query/directory` to the alias's
 * server ("Homeservers should only query room aliases that belong to the target server").
 *
 * @module
 */
import { isValidRoomAlias, MatrixError, queryDirectoryResponseSchema } from '@maxtryx/entity';
import { serverOf } from '../rooms/room-events.js';
import type { Services } from '../services.js';
import { FederationRequestError, remoteFailureToMatrixError } from './client.js';

/** What an alias resolves to. */
export interface ResolvedAlias {
  readonly roomId: string;
  readonly servers: readonly string[];
}

/**
 * Resolves `alias`. `404 M_NOT_FOUND` when it is not bound; `400 M_INVALID_PARAM` when it is malformed.
 *
 * @example
 * const { roomId, servers } = await resolveRoomAlias(services, '#room:a.org');
 */
export async function resolveRoomAlias(services: Services, alias: string): Promise<ResolvedAlias> {
  if (!isValidRoomAlias(alias)) throw new MatrixError('M_INVALID_PARAM', `not a room alias: ${alias}`, { httpStatus: 400 });
  const server = serverOf(alias);
  if (server === services.config.serverName) {
    const record = await services.store.getAlias(alias);
    if (!record) throw new MatrixError('M_NOT_FOUND', `room alias ${alias} not found`, { httpStatus: 404 });
    return { roomId: record.roomId, servers: await services.store.getServersInRoom(record.roomId) };
  }
  let answer: unknown;
  try {
    answer = await services.federation.request(server, 'GET', `/_matrix/federation/v1/query/directory?room_alias=${encodeURIComponent(alias)}`);
  } catch (err) {
    if (err instanceof FederationRequestError && err.status === 404) {
      throw new MatrixError('M_NOT_FOUND', `room alias ${alias} not found`, { httpStatus: 404 });
    }
    throw remoteFailureToMatrixError(err, `resolving ${alias}`);
  }
  const parsed = queryDirectoryResponseSchema.safeParse(answer);
  if (!parsed.success) throw new MatrixError('M_UNKNOWN', `${server} sent a malformed directory answer`, { httpStatus: 502 });
  return { roomId: parsed.data.room_id, servers: parsed.data.servers.slice(0, 50) };
}

/**
 * Backfilling and retrieving missing events (server-server API "Backfilling and
 * retrieving missing events"): `GET /backfill/{roomId}` and
 * `POST /get_missing_events/{roomId}`, on the breadth-first walks of federation-core
 * over the store, with history visibility applied for the requesting server.
 *
 * @module
 */
import { MatrixError } from '@maxtryx/entity';
import {
  backfill,
  getMissingEvents,
  MissingEventsRequestError,
  parseBackfillRequest,
  parseMissingEventsRequest,
} from '@maxtryx/federation-core';
import type { Router } from '../http/router.js';
import { toFederationPdu } from '../rooms/build-event.js';
import type { Services } from '../services.js';
import { authenticateServer } from './authenticate.js';
import { filterForServer, requireRoomAccess, storeEventSource } from './server-visibility.js';

function requestError(err: unknown): unknown {
  if (err instanceof MissingEventsRequestError) return new MatrixError(err.errcode, err.message, { httpStatus: 400 });
  return err;
}

/** Registers backfill and get_missing_events. */
export function registerHistoryRoutes(router: Router, services: Services): void {
  const source = storeEventSource(services);

  // GET /_matrix/federation/v1/backfill/{roomId}?v=...&limit=: the events given in `v`
  // and those preceding them, up to `limit` (capped by the server) in total.
  router.on('GET', '/_matrix/federation/v1/backfill/:roomId', async (ctx) => {
    const { origin } = await authenticateServer(ctx, services);
    let request;
    try {
      const limit = ctx.query.get('limit');
      request = parseBackfillRequest(ctx.params.roomId, ctx.query.getAll('v'), limit ?? undefined, {
        maxLimit: services.config.limits.maxBackfill,
      });
    } catch (err) {
      throw requestError(err);
    }
    const room = await requireRoomAccess(services, request.roomId, origin);
    const { events } = await backfill(source, request.roomId, request.fromEventIds, request.limit);
    const visible = await filterForServer(services, room, events, origin);
    return {
      status: 200,
      body: {
        origin: services.config.serverName,
        origin_server_ts: services.now(),
        pdus: visible.map((e) => toFederationPdu(e, room.roomVersion)),
      },
    };
  });

  // POST /_matrix/federation/v1/get_missing_events/{roomId}: "a breadth-first walk of the
  // prev_events for the latest_events, ignoring any events in earliest_events and
  // stopping at the limit", not below min_depth.
  router.on('POST', '/_matrix/federation/v1/get_missing_events/:roomId', async (ctx) => {
    const { origin, body } = await authenticateServer(ctx, services);
    let request;
    try {
      request = parseMissingEventsRequest(ctx.params.roomId, body, { maxLimit: services.config.limits.maxMissingEvents });
    } catch (err) {
      throw requestError(err);
    }
    const room = await requireRoomAccess(services, request.roomId, origin);
    const { events } = await getMissingEvents(source, request);
    const visible = await filterForServer(services, room, events, origin);
    return { status: 200, body: { events: visible.map((e) => toFederationPdu(e, room.roomVersion)) } };
  });
}

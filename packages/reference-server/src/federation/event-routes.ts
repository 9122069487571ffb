/**
 * Retrieving events and state (server-server API "Retrieving events" and "Retrieving
 * event authorisation information"): `GET /event/{eventId}`, `GET /state/{roomId}`,
 * `GET /state_ids/{roomId}`, `GET /event_auth/{roomId}/{eventId}`.
 *
 * @module
 */
import { isValidEventId } from '@maxtryx/entity';
import type { StoredEvent } from '@maxtryx/storage-adapters';
import type { RouteContext, Router } from '../http/router.js';
import { toFederationPdu } from '../rooms/build-event.js';
import { toRoomEvent } from '../rooms/room-events.js';
import type { Services } from '../services.js';
import { authenticateServer } from './authenticate.js';
import { filterForServer, requireRoomAccess } from './server-visibility.js';
import { badRequest, notFound } from './wire-errors.js';

/** Statuses of events that are served: part of the DAG, or fetched as outliers; never rejected ones. */
function isServable(e: StoredEvent | undefined): e is StoredEvent {
  return e !== undefined && e.status !== 'rejected';
}

function eventIdParam(value: string | null | undefined, name: string): string {
  if (value === null || value === undefined || value === '') throw badRequest('M_MISSING_PARAM', `${name} is required`);
  if (!isValidEventId(value)) throw badRequest('M_INVALID_PARAM', `${name} is not an event ID`);
  return value;
}

/** Registers the event and state retrieval endpoints. */
export function registerEventRoutes(router: Router, services: Services): void {
  const { store } = services;

  // GET /_matrix/federation/v1/event/{eventId}: "a transaction containing a single PDU
  // which is the event requested", as the requesting server may see it.
  router.on('GET', '/_matrix/federation/v1/event/:eventId', async (ctx) => {
    const { origin } = await authenticateServer(ctx, services);
    const eventId = eventIdParam(ctx.params.eventId, 'eventId');
    const stored = await store.getEvent(eventId);
    if (!isServable(stored)) throw notFound(`unknown event ${eventId}`);
    const room = await requireRoomAccess(services, stored.roomId, origin);
    const [visible] = await filterForServer(services, room, [toRoomEvent(stored)], origin);
    return {
      status: 200,
      body: { origin: services.config.serverName, origin_server_ts: services.now(), pdus: [toFederationPdu(visible!, room.roomVersion)] },
    };
  });

  // The state before an event (Synapse's reading of "prior to considering any state
  // changes induced by the requested event"), and the auth chain of that state.
  const stateAt = async (ctx: RouteContext) => {
    const { origin } = await authenticateServer(ctx, services);
    const roomId = ctx.params.roomId!;
    const room = await requireRoomAccess(services, roomId, origin);
    const eventId = eventIdParam(ctx.query.get('event_id'), 'event_id');
    const event = await store.getEvent(eventId);
    // 404: "The given event_id was not found or the server doesn't know about the state at that event".
    if (!event || event.roomId !== roomId || (event.status !== 'accepted' && event.status !== 'soft_failed')) {
      throw notFound(`unknown event ${eventId} in ${roomId}`);
    }
    const state = await store.getStateBefore(roomId, eventId);
    if (!state) throw notFound(`no state is known at ${eventId}`);
    const stateIds = [...state.values()];
    const authChain = await store.getAuthChain(roomId, stateIds);
    return { room, stateIds, authChain };
  };

  // GET /_matrix/federation/v1/state_ids/{roomId}?event_id=: the state's event IDs.
  router.on('GET', '/_matrix/federation/v1/state_ids/:roomId', async (ctx) => {
    const { stateIds, authChain } = await stateAt(ctx);
    return { status: 200, body: { pdu_ids: stateIds, auth_chain_ids: authChain.map((e) => e.eventId) } };
  });

  // GET /_matrix/federation/v1/state/{roomId}?event_id=: the state's PDUs.
  router.on('GET', '/_matrix/federation/v1/state/:roomId', async (ctx) => {
    const { stateIds, authChain } = await stateAt(ctx);
    const pdus = (await store.getEvents(stateIds)).map((e) => e.pdu);
    return { status: 200, body: { pdus, auth_chain: authChain.map((e) => e.pdu) } };
  });

  // GET /_matrix/federation/v1/event_auth/{roomId}/{eventId}: "the complete auth chain for a given event".
  router.on('GET', '/_matrix/federation/v1/event_auth/:roomId/:eventId', async (ctx) => {
    const { origin } = await authenticateServer(ctx, services);
    const roomId = ctx.params.roomId!;
    await requireRoomAccess(services, roomId, origin);
    const eventId = eventIdParam(ctx.params.eventId, 'eventId');
    const event = await store.getEvent(eventId);
    if (!isServable(event) || event.roomId !== roomId) throw notFound(`unknown event ${eventId} in ${roomId}`);
    const chain = await store.getAuthChain(roomId, [eventId]);
    return { status: 200, body: { auth_chain: chain.map((e) => e.pdu) } };
  });
}

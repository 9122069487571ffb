/**
 * The resident side of the membership handshakes: `make_join`, `send_join` (v1 and
 * v2), `make_leave`, `send_leave` (v1 and v2), `make_knock`, `send_knock`.
 *
 * @module
 */
import type { JsonObject } from '@maxtryx/federation-core';
import type { Router } from '../http/router.js';
import { toFederationPdu } from '../rooms/build-event.js';
import type { Services } from '../services.js';
import { authenticateServer } from './authenticate.js';
import { acceptMembershipEvent, makeMembershipTemplate, type AcceptedMembership } from './resident-membership.js';
import { strippedStatePdus } from './stripped-state.js';

/** Registers the membership handshake endpoints. */
export function registerMembershipRoutes(router: Router, services: Services): void {
  const { store } = services;

  /**
   * The send_join answer: "the resolved current room state prior to the join event",
   * the auth chain of the join event and of that state, and the join event when this
   * server signed it (restricted rooms). The full state is answered even when
   * `omit_members` is asked ("may be omitted").
   */
  const sendJoinAnswer = async (accepted: AcceptedMembership, omitMembers: boolean): Promise<JsonObject> => {
    const { ctx, event, stateBefore, signedByUs } = accepted;
    const stateIds = [...stateBefore.values()];
    const state = (await store.getEvents(stateIds)).map((e) => e.pdu as unknown as JsonObject);
    const chain = (await store.getAuthChain(ctx.roomId, [...stateIds, event.event_id])).filter((e) => e.status !== 'rejected');
    const body: JsonObject = { state, auth_chain: chain.map((e) => e.pdu as unknown as JsonObject) };
    if (signedByUs) body.event = toFederationPdu(event, ctx.roomVersion);
    if (omitMembers) body.members_omitted = false;
    return body;
  };

  // GET /_matrix/federation/v1/make_join/{roomId}/{userId}?ver=...: a join event template.
  router.on('GET', '/_matrix/federation/v1/make_join/:roomId/:userId', async (ctx) => {
    const { origin } = await authenticateServer(ctx, services);
    const versions = ctx.query.getAll('ver');
    const body = await makeMembershipTemplate(services, origin, 'join', ctx.params.roomId!, ctx.params.userId!, versions.length > 0 ? versions : undefined);
    return { status: 200, body };
  });

  // PUT /_matrix/federation/v2/send_join/{roomId}/{eventId}: accept the join; answer the state.
  router.on('PUT', '/_matrix/federation/v2/send_join/:roomId/:eventId', async (ctx) => {
    const { origin, body } = await authenticateServer(ctx, services);
    const accepted = await acceptMembershipEvent(services, origin, 'join', ctx.params.roomId!, ctx.params.eventId!, body);
    return { status: 200, body: await sendJoinAnswer(accepted, ctx.query.get('omit_members') === 'true') };
  });

  // PUT /_matrix/federation/v1/send_join/{roomId}/{eventId} (deprecated): the same, as `[200, answer]`.
  router.on('PUT', '/_matrix/federation/v1/send_join/:roomId/:eventId', async (ctx) => {
    const { origin, body } = await authenticateServer(ctx, services);
    const accepted = await acceptMembershipEvent(services, origin, 'join', ctx.params.roomId!, ctx.params.eventId!, body);
    return { status: 200, body: [200, await sendJoinAnswer(accepted, false)] };
  });

  // GET /_matrix/federation/v1/make_leave/{roomId}/{userId}: a leave event template.
  router.on('GET', '/_matrix/federation/v1/make_leave/:roomId/:userId', async (ctx) => {
    const { origin } = await authenticateServer(ctx, services);
    const body = await makeMembershipTemplate(services, origin, 'leave', ctx.params.roomId!, ctx.params.userId!, undefined);
    return { status: 200, body };
  });

  // PUT /_matrix/federation/v2/send_leave/{roomId}/{eventId}: accept the leave; "an empty response".
  router.on('PUT', '/_matrix/federation/v2/send_leave/:roomId/:eventId', async (ctx) => {
    const { origin, body } = await authenticateServer(ctx, services);
    await acceptMembershipEvent(services, origin, 'leave', ctx.params.roomId!, ctx.params.eventId!, body);
    return { status: 200, body: {} };
  });

  // PUT /_matrix/federation/v1/send_leave/{roomId}/{eventId} (deprecated): `[200, {}]`.
  router.on('PUT', '/_matrix/federation/v1/send_leave/:roomId/:eventId', async (ctx) => {
    const { origin, body } = await authenticateServer(ctx, services);
    await acceptMembershipEvent(services, origin, 'leave', ctx.params.roomId!, ctx.params.eventId!, body);
    return { status: 200, body: [200, {}] };
  });

  // GET /_matrix/federation/v1/make_knock/{roomId}/{userId}?ver=...: a knock event template.
  router.on('GET', '/_matrix/federation/v1/make_knock/:roomId/:userId', async (ctx) => {
    const { origin } = await authenticateServer(ctx, services);
    const versions = ctx.query.getAll('ver');
    const body = await makeMembershipTemplate(services, origin, 'knock', ctx.params.roomId!, ctx.params.userId!, versions.length > 0 ? versions : undefined);
    return { status: 200, body };
  });

  // PUT /_matrix/federation/v1/send_knock/{roomId}/{eventId}: accept the knock; answer
  // `knock_room_state` (PDUs that MUST include m.room.create).
  router.on('PUT', '/_matrix/federation/v1/send_knock/:roomId/:eventId', async (ctx) => {
    const { origin, body } = await authenticateServer(ctx, services);
    const accepted = await acceptMembershipEvent(services, origin, 'knock', ctx.params.roomId!, ctx.params.eventId!, body);
    const state = await store.getCurrentState(accepted.ctx.roomId);
    return { status: 200, body: { knock_room_state: await strippedStatePdus(store, state) } };
  });
}

/**
 * The joining (leaving, knocking) server's first half of a membership handshake:
 * `make_join` / `make_leave` / `make_knock` to a resident server, the checks the spec
 * requires on the template, and the signed event built from it (server-server API
 * "Joining Rooms": "The joining server is expected to add or replace the origin,
 * origin_server_ts, and event_id on the templated event ... MUST also verify that the
 * type, room_id, sender, state_key and content.membership fields have the expected
 * values. This event is then signed by the joining server.").
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { MatrixError, pduSchemaFor } from '@maxtryx/entity';
import {
  computeEventId,
  getRoomVersion,
  hashAndSignEvent,
  isJsonObject,
  isSupportedRoomVersion,
  roomVersionIds,
  type JsonObject,
  type RoomEvent,
  type RoomVersion,
} from '@maxtryx/federation-core';
import { toFederationPdu } from '../rooms/build-event.js';
import type { Services } from '../services.js';
import { FederationRequestError, remoteFailureToMatrixError } from './client.js';
import type { HandshakeMembership } from './resident-membership.js';

/** The most resident servers tried for one handshake. */
export const MAX_HANDSHAKE_CANDIDATES = 10;

/** A signed membership event, ready for `send_*`. */
export interface PreparedMembershipEvent {
  /** The resident server that gave the template. */
  readonly server: string;
  readonly roomVersion: RoomVersion;
  /** The event with its `event_id`. */
  readonly event: RoomEvent;
  /** The event as it goes over federation. */
  readonly pdu: JsonObject;
}

/** Thrown when a resident's answer is unusable; the caller may try another server. */
export class HandshakeError extends Error {
  override readonly name = 'HandshakeError';
}

/**
 * Asks `server` for a template (`make_<membership>`), checks it, and builds the event
 * signed by this server. `content` adds fields to the template's content (e.g. a
 * `reason` or `displayname`); `membership` and `join_authorised_via_users_server` of
 * the template are kept.
 *
 * @throws {HandshakeError} for an unusable answer; {@link FederationRequestError} for a failed request.
 */
export async function prepareMembershipEvent(
  services: Services,
  server: string,
  membership: HandshakeMembership,
  roomId: string,
  userId: string,
  content: JsonObject = {},
): Promise<PreparedMembershipEvent> {
  const { config } = services;
  const versions = membership === 'leave' ? '' : '?' + roomVersionIds.map((v) => `ver=${encodeURIComponent(v)}`).join('&');
  const path = `/_matrix/federation/v1/make_${membership}/${encodeURIComponent(roomId)}/${encodeURIComponent(userId)}${versions}`;
  const answer = await services.federation.request(server, 'GET', path);
  if (!isJsonObject(answer) || !isJsonObject(answer.event)) throw new HandshakeError(`${server} sent no event template`);
  // room_version: "If not provided, the room version is assumed to be either 1 or 2."
  const versionId = answer.room_version === undefined && membership !== 'knock' ? '1' : answer.room_version;
  if (typeof versionId !== 'string' || !isSupportedRoomVersion(versionId)) {
    throw new HandshakeError(`${server} answered the unsupported room version ${JSON.stringify(versionId)}`);
  }
  const rv = getRoomVersion(versionId);
  const template = answer.event;
  // "MUST verify that: the room_id is equal to the roomId path parameter; both the sender
  // and state_key are equal to the userId path parameter; the type of the event is
  // m.room.member; the membership field inside content is <membership>."
  if (template.room_id !== roomId) throw new HandshakeError(`${server}'s template is for another room`);
  if (template.sender !== userId || template.state_key !== userId) throw new HandshakeError(`${server}'s template is for another user`);
  if (template.type !== 'm.room.member') throw new HandshakeError(`${server}'s template is not an m.room.member event`);
  if (!isJsonObject(template.content) || template.content.membership !== membership) {
    throw new HandshakeError(`${server}'s template is not a ${membership}`);
  }
  const eventContent: JsonObject = { ...content, ...template.content };
  const unsignedEvent: JsonObject = {
    type: 'm.room.member',
    room_id: roomId,
    sender: userId,
    state_key: userId,
    content: eventContent,
    depth: template.depth ?? null,
    prev_events: template.prev_events ?? null,
    auth_events: template.auth_events ?? null,
    origin: config.serverName,
    origin_server_ts: services.now(),
  };
  // Room versions 1 and 2: the joining server names the event.
  if (rv.eventFormat === 'v1') unsignedEvent.event_id = `$${randomBytes(12).toString('base64url')}:${config.serverName}`;
  let event: RoomEvent;
  try {
    const signed = hashAndSignEvent(unsignedEvent, config.serverName, services.keyRing.signingKey, rv) as unknown as RoomEvent;
    event = { ...signed, event_id: computeEventId(signed, rv) };
  } catch (err) {
    throw new HandshakeError(`${server}'s template cannot be signed: ${(err as Error).message}`);
  }
  const pdu = toFederationPdu(event, rv);
  const valid = pduSchemaFor(rv.id).safeParse(pdu);
  if (!valid.success) {
    const issue = valid.error.issues[0];
    throw new HandshakeError(`${server}'s template makes an invalid event: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return { server, roomVersion: rv, event, pdu };
}

/**
 * `PUT /_matrix/federation/v2/send_<membership>`, falling back to the deprecated v1
 * (answered as `[200, body]`) when the resident does not know v2. `send_knock` has v1 only.
 */
export async function sendMembershipEvent(services: Services, prepared: PreparedMembershipEvent, membership: HandshakeMembership): Promise<unknown> {
  const { server, event, pdu } = prepared;
  const roomId = String(event.room_id);
  const tail = `${encodeURIComponent(roomId)}/${encodeURIComponent(event.event_id)}`;
  if (membership === 'knock') return services.federation.request(server, 'PUT', `/_matrix/federation/v1/send_knock/${tail}`, pdu);
  try {
    return await services.federation.request(server, 'PUT', `/_matrix/federation/v2/send_${membership}/${tail}`, pdu);
  } catch (err) {
    const unknownEndpoint = err instanceof FederationRequestError && (err.status === 404 || err.status === 405) && err.errcode === 'M_UNRECOGNIZED';
    if (!unknownEndpoint) throw err;
    const v1 = await services.federation.request(server, 'PUT', `/_matrix/federation/v1/send_${membership}/${tail}`, pdu);
    if (!Array.isArray(v1) || v1.length !== 2 || v1[0] !== 200) throw new HandshakeError(`${server} sent a malformed v1 send_${membership} answer`);
    return v1[1];
  }
}

/**
 * Runs `attempt` against each candidate server in turn (this server excluded, at most
 * {@link MAX_HANDSHAKE_CANDIDATES}) until one succeeds. The last failure becomes the
 * client's error: a remote 4xx is passed through, anything else is a 502.
 */
export async function tryServers<T>(services: Services, candidates: readonly string[], what: string, attempt: (server: string) => Promise<T>): Promise<T> {
  const servers = [...new Set(candidates)].filter((s) => s !== services.config.serverName).slice(0, MAX_HANDSHAKE_CANDIDATES);
  if (servers.length === 0) throw new MatrixError('M_NOT_FOUND', `${what}: no server to ask`, { httpStatus: 404 });
  let last: unknown;
  for (const server of servers) {
    try {
      return await attempt(server);
    } catch (err) {
      last = err;
      services.logger.info(`${what} through a server failed`, { server, err: err as Error });
    }
  }
  if (last instanceof MatrixError) throw last;
  if (last instanceof HandshakeError) throw new MatrixError('M_UNKNOWN', `${what}: ${last.message}`, { httpStatus: 502, cause: last });
  throw remoteFailureToMatrixError(last, what);
}

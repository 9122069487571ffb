/**
 * Room creation (client-server API `POST /_matrix/client/v3/createRoom`). The events
 * are built in the spec's order, each authorised against the state the previous ones
 * make:
 *
 * 1. `m.room.create` (creation_content, `room_version`; `creator` before v11; v12: no
 *    `room_id`, the room ID is derived from the event, `additional_creators`);
 * 2. the creator's join; 3. `m.room.power_levels` (defaults, then
 *    `power_level_content_override`); 4. `m.room.canonical_alias` for `room_alias_name`;
 * 5. the preset's join rules, history visibility and guest access; 6. `initial_state`;
 * 7. `name` and `topic`; 8. invites of local users (`is_direct` set as asked).
 *
 * All of them are then written in one batch with the room's current state, so a
 * request either creates the whole room or nothing. Invites of remote users go out over
 * federation afterwards.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { isValidHistoricalUserId, isValidRoomAlias, MatrixError, utf8ByteLength, type CreateRoomRequest } from '@maxtryx/entity';
import {
  CanonicalJsonError,
  computeRoomId,
  defaultRoomVersionId,
  getRoomVersion,
  isJsonObject,
  isSupportedRoomVersion,
  stateKeyOf,
  type JsonObject,
  type RoomEvent,
  type RoomVersion,
  type StateKey,
} from '@maxtryx/federation-core';
import { AlreadyExistsError, type EventInput } from '@maxtryx/storage-adapters';
import { buildEvent, toFederationPdu, type EventTemplate } from '../rooms/build-event.js';
import { serverOf } from '../rooms/room-events.js';
import type { Services } from '../services.js';
import { memberProfileContent } from './profile.js';
import { checkEventSize } from './send-event.js';

/** The most users one request may invite. */
export const MAX_CREATE_INVITES = 100;
/** The most `initial_state` events of one request. */
export const MAX_INITIAL_STATE = 100;

type Preset = 'private_chat' | 'public_chat' | 'trusted_private_chat';

/** The events a preset sets (client-server API `createRoom`, the presets table). */
function presetState(preset: Preset): Array<{ type: string; content: JsonObject }> {
  const isPublic = preset === 'public_chat';
  return [
    { type: 'm.room.join_rules', content: { join_rule: isPublic ? 'public' : 'invite' } },
    { type: 'm.room.history_visibility', content: { history_visibility: 'shared' } },
    { type: 'm.room.guest_access', content: { guest_access: isPublic ? 'forbidden' : 'can_join' } },
  ];
}

/**
 * The default power levels of a new room: the spec's defaults for every field, the
 * creator (v1 to v11) at 100 and so the only one who can send state, and the usual
 * levels of the sensitive state events. In v12 the creators have infinite power and are
 * not listed, and `m.room.tombstone` must be above `state_default` (150).
 */
export function defaultPowerLevels(rv: RoomVersion, creator: string, trustedInvitees: readonly string[]): JsonObject {
  const users: JsonObject = {};
  if (!rv.privilegedCreators) {
    users[creator] = 100;
    // trusted_private_chat: "All invitees are given the same power level as the room creator."
    for (const u of trustedInvitees) users[u] = 100;
  }
  return {
    users,
    users_default: 0,
    events: {
      'm.room.name': 50,
      'm.room.power_levels': 100,
      'm.room.history_visibility': 100,
      'm.room.canonical_alias': 50,
      'm.room.avatar': 50,
      'm.room.tombstone': rv.privilegedCreators ? 150 : 100,
      'm.room.server_acl': 100,
      'm.room.encryption': 100,
    },
    events_default: 0,
    state_default: 50,
    ban: 50,
    kick: 50,
    redact: 50,
    invite: 0,
    notifications: { room: 50 },
  };
}

function badRequest(errcode: string, message: string): MatrixError {
  return new MatrixError(errcode, message, { httpStatus: 400 });
}

/** What a created room is. */
export interface CreatedRoom {
  readonly roomId: string;
  readonly roomVersion: RoomVersion;
  /** Users of other servers to invite over federation. */
  readonly remoteInvites: readonly string[];
}

/**
 * Creates a room for `creator` as `request` asks and returns its ID.
 * Errors: `400 M_UNSUPPORTED_ROOM_VERSION`, `400 M_ROOM_IN_USE` (alias taken),
 * `400 M_INVALID_ROOM_STATE` (the requested state breaks the auth rules),
 * `400 M_BAD_JSON` / `M_INVALID_PARAM` (malformed parts), `413 M_TOO_LARGE`.
 */
export async function createRoom(services: Services, creator: string, request: CreateRoomRequest): Promise<CreatedRoom> {
  const { store, config } = services;
  const serverName = config.serverName;
  const versionId = request.room_version ?? defaultRoomVersionId;
  if (!isSupportedRoomVersion(versionId)) {
    throw badRequest('M_UNSUPPORTED_ROOM_VERSION', `This server does not support room version ${versionId}`);
  }
  const rv = getRoomVersion(versionId);
  // "If unspecified, the server should use the visibility to determine which preset to use."
  const preset: Preset = request.preset ?? (request.visibility === 'public' ? 'public_chat' : 'private_chat');

  const invites = [...new Set(request.invite ?? [])].filter((u) => u !== creator);
  if (invites.length > MAX_CREATE_INVITES) throw badRequest('M_INVALID_PARAM', `at most ${MAX_CREATE_INVITES} invites`);
  if ((request.invite_3pid ?? []).length > 0) throw badRequest('M_INVALID_PARAM', 'third-party invites are not supported by this server');
  const initialState = request.initial_state ?? [];
  if (initialState.length > MAX_INITIAL_STATE) throw badRequest('M_INVALID_PARAM', `at most ${MAX_INITIAL_STATE} initial_state events`);
  initialState.forEach((e, i) => {
    if (utf8ByteLength(e.type) > 255) throw badRequest('M_BAD_JSON', `initial_state.${i}.type: longer than 255 bytes`);
    if (utf8ByteLength(e.state_key ?? '') > 255) throw badRequest('M_BAD_JSON', `initial_state.${i}.state_key: longer than 255 bytes`);
    if (e.type === 'm.room.create') throw badRequest('M_INVALID_ROOM_STATE', 'initial_state cannot hold m.room.create');
  });

  // 4. The alias belongs on this server; taken: M_ROOM_IN_USE.
  let alias: string | undefined;
  if (request.room_alias_name !== undefined) {
    alias = `#${request.room_alias_name}:${serverName}`;
    if (!isValidRoomAlias(alias)) throw badRequest('M_INVALID_PARAM', `${alias} is not a valid room alias`);
    if (await store.getAlias(alias)) throw badRequest('M_ROOM_IN_USE', `The alias ${alias} is already taken`);
  }

  // 1. m.room.create.
  const createContent: JsonObject = { ...((request.creation_content ?? {}) as JsonObject), room_version: rv.id };
  // "The server will overwrite the following keys: creator, room_version."
  if (rv.creatorIsCreateEventSender) delete createContent.creator;
  else createContent.creator = creator;
  let trustedInvitees = preset === 'trusted_private_chat' ? invites : [];
  if (rv.privilegedCreators) {
    const given = createContent.additional_creators;
    if (given !== undefined && (!Array.isArray(given) || !given.every((u) => isValidHistoricalUserId(u)))) {
      throw badRequest('M_BAD_JSON', 'creation_content.additional_creators: must be an array of user IDs');
    }
    // v12, trusted_private_chat: the invitees join additional_creators, deduplicated.
    const extra = [...new Set([...((given as string[] | undefined) ?? []), ...trustedInvitees])].filter((u) => u !== creator);
    if (extra.length > 0) createContent.additional_creators = extra;
    trustedInvitees = [];
  }

  const signingKey = services.keyRing.signingKey;
  const now = services.now();
  const state = new Map<StateKey, RoomEvent>();
  const events: Array<{ event: RoomEvent; stateBefore: Map<StateKey, string> }> = [];
  let roomId: string | undefined = rv.roomIdIsCreateEventHash ? undefined : `!${randomBytes(18).toString('base64url')}:${serverName}`;
  let createEvent: RoomEvent | undefined;
  let prev: RoomEvent[] = [];

  const add = (template: Omit<EventTemplate, 'sender'>, sender = creator): RoomEvent => {
    let event: RoomEvent;
    try {
      event = buildEvent({
        roomVersion: rv,
        roomId,
        template: { ...template, sender },
        prevEvents: prev,
        state,
        createEvent,
        serverName,
        key: signingKey,
        now,
      });
    } catch (err) {
      if (err instanceof MatrixError && err.errcode === 'M_FORBIDDEN') {
        // "The initial state implied by the parameters to the request is invalid."
        throw badRequest('M_INVALID_ROOM_STATE', `${template.type}${template.state_key ? ` (${template.state_key})` : ''}: ${err.message}`);
      }
      if (err instanceof CanonicalJsonError) throw badRequest('M_BAD_JSON', `${template.type}: ${err.message}`);
      throw err;
    }
    checkEventSize(event, rv);
    const stateBefore = new Map([...state].map(([k, e]) => [k, e.event_id]));
    events.push({ event, stateBefore });
    if (event.state_key !== undefined) state.set(stateKeyOf(event.type, event.state_key), event);
    prev = [event];
    return event;
  };

  createEvent = add({ type: 'm.room.create', state_key: '', content: createContent });
  if (roomId === undefined) roomId = computeRoomId(toFederationPdu(createEvent, rv), rv);

  // 2. The creator's join.
  add({ type: 'm.room.member', state_key: creator, content: { ...(await memberProfileContent(services, creator)), membership: 'join' } });

  // 3. Power levels: the defaults, then the override on top.
  const override = request.power_level_content_override ?? {};
  if (!isJsonObject(override)) throw badRequest('M_BAD_JSON', 'power_level_content_override: must be an object');
  add({ type: 'm.room.power_levels', state_key: '', content: { ...defaultPowerLevels(rv, creator, trustedInvitees), ...(override as JsonObject) } });

  // 4. The canonical alias.
  if (alias !== undefined) add({ type: 'm.room.canonical_alias', state_key: '', content: { alias } });

  // 5. The preset, except what initial_state sets ("Takes precedence over events set by preset").
  const initialKeys = new Set(initialState.map((e) => stateKeyOf(e.type, e.state_key ?? '')));
  for (const e of presetState(preset)) if (!initialKeys.has(stateKeyOf(e.type, ''))) add({ type: e.type, state_key: '', content: e.content });

  // 6. initial_state, in order, except what name and topic override.
  for (const e of initialState) {
    if (request.name !== undefined && e.type === 'm.room.name' && (e.state_key ?? '') === '') continue;
    if (request.topic !== undefined && e.type === 'm.room.topic' && (e.state_key ?? '') === '') continue;
    add({ type: e.type, state_key: e.state_key ?? '', content: e.content as JsonObject });
  }

  // 7. Name and topic (the topic also in the m.topic form, text/plain).
  if (request.name !== undefined) add({ type: 'm.room.name', state_key: '', content: { name: request.name } });
  if (request.topic !== undefined) {
    add({ type: 'm.room.topic', state_key: '', content: { topic: request.topic, 'm.topic': { 'm.text': [{ mimetype: 'text/plain', body: request.topic }] } } });
  }

  // 8. Invites of local users; those of other servers go over federation afterwards.
  const remoteInvites: string[] = [];
  for (const invitee of invites) {
    if (serverOf(invitee) !== serverName) {
      remoteInvites.push(invitee);
      continue;
    }
    if (!(await store.getUser(invitee))) throw badRequest('M_INVALID_PARAM', `unknown user ${invitee}`);
    const content: JsonObject = { ...(await memberProfileContent(services, invitee)), membership: 'invite' };
    if (request.is_direct) content.is_direct = true;
    add({ type: 'm.room.member', state_key: invitee, content });
  }

  // Everything is written at once, with the room's current state.
  const finalRoomId = roomId;
  if (alias !== undefined) {
    try {
      await store.createAlias({ alias, roomId: finalRoomId, creator });
    } catch (err) {
      if (err instanceof AlreadyExistsError) throw badRequest('M_ROOM_IN_USE', `The alias ${alias} is already taken`);
      throw err;
    }
  }
  const inputs: EventInput[] = events.map(({ event, stateBefore }) => ({
    roomVersion: rv.id,
    eventId: event.event_id,
    pdu: toFederationPdu(event, rv) as never,
    status: 'accepted',
    stateBefore,
  }));
  const current = new Map([...state].map(([k, e]) => [k, e.event_id]));
  try {
    await services.rooms.mutex.run(finalRoomId, () => store.putEvents(inputs, { currentState: [{ roomId: finalRoomId, set: current }] }));
  } catch (err) {
    if (alias !== undefined) await store.deleteAlias(alias).catch(() => undefined);
    throw err;
  }
  return { roomId: finalRoomId, roomVersion: rv, remoteInvites };
}

// Small builders for the non-fixture auth tests: a realistic room in any room version.
import type { JsonObject, RoomEvent, RoomVersion, StateKey } from '@maxtryx/federation-core';
import { stateKeyOf } from '@maxtryx/federation-core';

let counter = 0;

/** An event of `rv`'s shape with the given fields; IDs are unique per call. */
export function makeEvent(rv: RoomVersion, roomId: string, fields: { type: string; sender: string; state_key?: string; content?: JsonObject; prev?: string[] }): RoomEvent {
  counter += 1;
  const domain = fields.sender.slice(fields.sender.indexOf(':') + 1);
  const event: RoomEvent = {
    event_id: rv.eventIdFormat === 'server' ? `$e${counter}:${domain}` : `$e${counter}`,
    room_id: roomId,
    type: fields.type,
    sender: fields.sender,
    content: fields.content ?? {},
    origin_server_ts: 1_700_000_000_000 + counter,
    depth: counter,
    prev_events: (fields.prev ?? ['$prior']).map((id) => (rv.eventFormat === 'v1' ? [id, { sha256: 'aGFzaA' }] : id)),
    auth_events: [],
    hashes: { sha256: 'aGFzaA' },
    signatures: {},
  };
  if (fields.state_key !== undefined) event.state_key = fields.state_key;
  return event;
}

/** A room of `rv` created by `creator`, with the create event and a state map to extend. */
export function makeRoom(rv: RoomVersion, creator = '@alice:a.example', createContent: JsonObject = {}) {
  const content: JsonObject = { room_version: rv.id, ...createContent };
  if (!rv.creatorIsCreateEventSender) content['creator'] = creator;
  counter += 1;
  const createId = rv.eventIdFormat === 'server' ? `$create${counter}:a.example` : `$create${counter}`;
  const roomId = rv.roomIdIsCreateEventHash ? `!${createId.slice(1)}` : '!room:a.example';
  const create: RoomEvent = {
    event_id: createId,
    type: 'm.room.create',
    sender: creator,
    state_key: '',
    content,
    origin_server_ts: 1_700_000_000_000,
    depth: 1,
    prev_events: [],
    auth_events: [],
    hashes: { sha256: 'aGFzaA' },
    signatures: {},
  };
  if (!rv.roomIdIsCreateEventHash) create.room_id = roomId;
  const state = new Map<StateKey, RoomEvent>([[stateKeyOf('m.room.create', ''), create]]);
  const add = (fields: { type: string; sender: string; state_key?: string; content?: JsonObject }) => {
    const e = makeEvent(rv, roomId, fields);
    if (e.state_key !== undefined) state.set(stateKeyOf(e.type, e.state_key), e);
    return e;
  };
  const member = (user: string, membership: string, sender = user) => add({ type: 'm.room.member', sender, state_key: user, content: { membership } });
  return { create, roomId, state, add, member };
}

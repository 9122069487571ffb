/**
 * The room state that helps a user identify a room before joining it: the
 * `invite_room_state` of invites and the `knock_room_state` of knocks (client-server
 * API "Stripped state": create, name, avatar, topic, join rules, canonical alias,
 * encryption). Since v1.16 these travel as full PDUs of the room version.
 *
 * @module
 */
import { stateKeyOf, type JsonObject, type StateKey } from '@maxtryx/federation-core';
import type { Store } from '@maxtryx/storage-adapters';

/** The state types the spec recommends for stripped state, all with the empty state key. */
export const STRIPPED_STATE_TYPES: readonly string[] = Object.freeze([
  'm.room.create',
  'm.room.name',
  'm.room.avatar',
  'm.room.topic',
  'm.room.join_rules',
  'm.room.canonical_alias',
  'm.room.encryption',
]);

/** The PDUs of the room's stripped-state events in `state` (plus `extra` keys, e.g. the inviter's member event). */
export async function strippedStatePdus(store: Store, state: ReadonlyMap<StateKey, string>, extra: readonly StateKey[] = []): Promise<JsonObject[]> {
  const keys = [...STRIPPED_STATE_TYPES.map((t) => stateKeyOf(t, '')), ...extra];
  const ids = keys.map((k) => state.get(k)).filter((id): id is string => id !== undefined);
  return (await store.getEvents(ids)).map((e) => e.pdu as unknown as JsonObject);
}

/** The client form of stripped state: `type`, `state_key`, `content`, `sender` of each event. */
export function stripEvents(pdus: readonly JsonObject[]): JsonObject[] {
  return pdus.map((p) => ({ type: p.type ?? null, state_key: p.state_key ?? null, content: p.content ?? {}, sender: p.sender ?? null }));
}

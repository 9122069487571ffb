/**
 * The structural view of a PDU that the algorithms of this package read.
 *
 * Algorithms take plain objects, as parsed from the wire: every key they do not
 * name is kept as it is, because signatures and hashes cover it. The zod schemas
 * of `@maxtryx/entity` validate the exact format of each room version; these
 * types only name what the algorithms read.
 *
 * @module
 */
import type { JsonObject, JsonValue } from '../json/json-value.js';

/** `prev_events` / `auth_events` entry: a plain event ID (v3+), or `[eventId, hashes]` (v1, v2). */
export type EventReference = string | [string, JsonObject];

/** A PDU as it travels between servers, in any room version's format. */
export interface Pdu {
  type: string;
  sender: string;
  /** Absent only on a v12 `m.room.create` event. */
  room_id?: string;
  state_key?: string;
  content: JsonObject;
  origin_server_ts: number;
  depth: number;
  prev_events: EventReference[];
  auth_events: EventReference[];
  hashes: { sha256: string } & JsonObject;
  signatures: Record<string, Record<string, string>>;
  unsigned?: JsonObject;
  /** Present in the v1/v2 event format only. */
  event_id?: string;
  /** Top-level in room versions 1 to 10; inside `content` from v11. */
  redacts?: string;
  [key: string]: JsonValue | undefined;
}

/**
 * A PDU whose event ID is known: carried in the event (v1, v2) or computed from
 * its reference hash and attached by the caller (v3 onwards).
 * Authorization and state resolution take events in this form.
 */
export interface RoomEvent extends Pdu {
  event_id: string;
}

/**
 * The event IDs of a reference list, in either format.
 *
 * @example
 * referencedEventIds(['$a', ['$b:x.org', { sha256: '...' }]]); // ['$a', '$b:x.org']
 */
export function referencedEventIds(refs: readonly EventReference[]): string[] {
  return refs.map((ref) => (typeof ref === 'string' ? ref : ref[0]));
}

/**
 * The IDs of an event's `prev_events`.
 *
 * @example
 * prevEventIds({ prev_events: ['$a', '$b'] }); // ['$a', '$b']
 */
export function prevEventIds(event: Pick<Pdu, 'prev_events'>): string[] {
  return referencedEventIds(event.prev_events);
}

/**
 * The IDs of an event's `auth_events`.
 *
 * @example
 * authEventIds({ auth_events: [['$c:x.org', { sha256: '...' }]] }); // ['$c:x.org']
 */
export function authEventIds(event: Pick<Pdu, 'auth_events'>): string[] {
  return referencedEventIds(event.auth_events);
}

/**
 * Whether the event is a state event (has a `state_key`, which may be empty).
 *
 * @example
 * isStateEvent({ state_key: '' }); // true
 * isStateEvent({}); // false
 */
export function isStateEvent(event: Pick<Pdu, 'state_key'>): boolean {
  return typeof event.state_key === 'string';
}

/** The key of a state event in a state map: `type` and `state_key` joined by a NUL-free separator. */
export type StateKey = `${string}\u0000${string}`;

/**
 * The state-map key of `(type, stateKey)`.
 *
 * @example
 * const key = stateKeyOf('m.room.member', '@alice:example.org');
 */
export function stateKeyOf(type: string, stateKey: string): StateKey {
  return `${type}\u0000${stateKey}`;
}

/**
 * Splits a state-map key into `[type, stateKey]`.
 *
 * @example
 * splitStateKey(stateKeyOf('m.room.name', '')); // ['m.room.name', '']
 */
export function splitStateKey(key: StateKey): [string, string] {
  const i = key.indexOf('\u0000');
  return [key.slice(0, i), key.slice(i + 1)];
}

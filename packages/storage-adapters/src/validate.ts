/**
 * A minimal structural check of what a store is asked to keep: the fields every PDU has,
 * with their JSON types, and the room and event IDs. It is not the full per-room-version
 * schema of `@maxtryx/entity`; it keeps malformed data out of storage.
 *
 * @module
 */
import { getRoomVersion, isJsonObject } from '@maxtryx/federation-core';
import type { Pdu, RoomVersion } from '@maxtryx/federation-core';
import { InvalidArgumentError, InvalidEventError } from './errors.js';
import { eventStatuses } from './types.js';
import type { EventInput, EventStatus, ReadonlyStateMap } from './types.js';

/** The largest PDU the spec allows, in bytes of its JSON (spec: "Size limits"). */
export const maxPduBytes = 65_536;

/** An event input that passed {@link validateEventInput}, with what the store derives from it. */
export interface ValidatedEvent {
  /** The input as given. */
  input: EventInput;
  /** The room ID (derived from the event ID for a v12 create event). */
  roomId: string;
  /** The PDU's JSON text, as it is stored. */
  json: string;
  /** The IDs of its `prev_events`. */
  prevEventIds: string[];
  /** The IDs of its `auth_events`. */
  authEventIds: string[];
}

const textEncoder = new TextEncoder();

function isId(value: unknown, sigil: string): value is string {
  return typeof value === 'string' && value.length >= 2 && value.length <= 255 && value[0] === sigil && !/[\s\u0000]/.test(value);
}

/** Whether `value` is a plausible event ID (`$` sigil, 2 to 255 characters, no whitespace or NUL). */
export function isPlausibleEventId(value: unknown): value is string {
  return isId(value, '$');
}

/** Whether `value` is a plausible room ID (`!` sigil, 2 to 255 characters, no whitespace or NUL). */
export function isPlausibleRoomId(value: unknown): value is string {
  return isId(value, '!');
}

/** Whether `value` is a plausible user ID (`@localpart:server`, at most 255 characters). */
export function isPlausibleUserId(value: unknown): value is string {
  return isId(value, '@') && value.indexOf(':') > 1 && value.indexOf(':') < value.length - 1;
}

function refIds(refs: unknown, rv: RoomVersion, field: string, fail: (m: string) => never): string[] {
  if (!Array.isArray(refs)) fail(`${field} must be an array`);
  return (refs as unknown[]).map((ref, i) => {
    if (rv.eventFormat === 'v1') {
      // v1/v2 event format: [event_id, {sha256: ...}] pairs.
      if (!Array.isArray(ref) || ref.length !== 2 || !isPlausibleEventId(ref[0]) || !isJsonObject(ref[1])) {
        fail(`${field}[${i}] must be an [event ID, hashes] pair in room version ${rv.id}`);
      }
      return ref[0] as string;
    }
    if (!isPlausibleEventId(ref)) fail(`${field}[${i}] must be an event ID in room version ${rv.id}`);
    return ref as string;
  });
}

/**
 * Checks one event input; throws {@link InvalidEventError} (with `index` when given) on the first problem.
 *
 * @example
 * validateEventInput({ roomVersion: '10', eventId: '$abc', pdu, status: 'accepted' });
 */
export function validateEventInput(input: EventInput, index?: number): ValidatedEvent {
  const fail = (message: string, cause?: unknown): never => {
    throw new InvalidEventError(message, index, cause === undefined ? undefined : { cause });
  };
  if (!isJsonObject(input as unknown)) fail('the entry must be an object');
  let rv: RoomVersion;
  try {
    rv = getRoomVersion(input.roomVersion);
  } catch (e) {
    return fail(`unsupported room version ${JSON.stringify(input.roomVersion)}`, e);
  }
  if (!isPlausibleEventId(input.eventId)) fail(`malformed event ID ${JSON.stringify(input.eventId)}`);
  if (!(eventStatuses as readonly unknown[]).includes(input.status)) fail(`unknown status ${JSON.stringify(input.status)}`);
  if (input.rejectionReason !== undefined && typeof input.rejectionReason !== 'string') fail('rejectionReason must be a string');
  const pdu = input.pdu as unknown;
  if (!isJsonObject(pdu)) fail('pdu must be a JSON object');
  const p = pdu as Pdu;
  if (typeof p.type !== 'string' || p.type.length === 0) fail('pdu.type must be a non-empty string');
  if (!isPlausibleUserId(p.sender)) fail('pdu.sender must be a user ID');
  if (!isJsonObject(p.content)) fail('pdu.content must be an object');
  if (!Number.isSafeInteger(p.origin_server_ts)) fail('pdu.origin_server_ts must be an integer');
  if (!Number.isSafeInteger(p.depth) || p.depth < 0) fail('pdu.depth must be a non-negative integer');
  if (p.state_key !== undefined && typeof p.state_key !== 'string') fail('pdu.state_key must be a string');
  if (!isJsonObject(p.hashes) || typeof p.hashes.sha256 !== 'string') fail('pdu.hashes.sha256 must be a string');
  if (!isJsonObject(p.signatures)) fail('pdu.signatures must be an object');
  if (p.unsigned !== undefined && !isJsonObject(p.unsigned)) fail('pdu.unsigned must be an object');
  if (rv.eventIdFormat === 'server' && p.event_id !== input.eventId) {
    // v1, v2: the event ID is carried in the event.
    fail(`pdu.event_id must equal the event ID in room version ${rv.id}`);
  }
  let roomId: string;
  if (p.room_id === undefined && rv.roomIdIsCreateEventHash && p.type === 'm.room.create') {
    // v12: the create event has no room_id; the room ID is the event ID with the `!` sigil.
    roomId = `!${input.eventId.slice(1)}`;
  } else {
    if (!isPlausibleRoomId(p.room_id)) fail('pdu.room_id must be a room ID');
    roomId = p.room_id as string;
  }
  const prevEventIds = refIds(p.prev_events, rv, 'pdu.prev_events', fail);
  const authEventIds = refIds(p.auth_events, rv, 'pdu.auth_events', fail);
  let json = '';
  try {
    json = JSON.stringify(pdu);
  } catch (e) {
    fail('pdu is not serialisable as JSON', e);
  }
  if (json.length > maxPduBytes / 3 && textEncoder.encode(json).length > maxPduBytes) fail(`pdu exceeds ${maxPduBytes} bytes`);
  if (input.stateBefore !== undefined) validateStateMap(input.stateBefore, 'stateBefore', fail);
  return { input, roomId, json, prevEventIds, authEventIds };
}

/** Checks that `map` is a Map of state keys (containing a NUL separator) to event IDs. */
export function validateStateMap(map: ReadonlyStateMap, what: string, fail?: (m: string) => never): void {
  const f =
    fail ??
    ((m: string): never => {
      throw new InvalidArgumentError(m);
    });
  if (!(map instanceof Map)) f(`${what} must be a Map of state keys to event IDs`);
  for (const [k, v] of map) {
    if (typeof k !== 'string' || !k.includes('\u0000')) f(`${what}: key ${JSON.stringify(k)} is not a state key (use stateKeyOf)`);
    if (!isPlausibleEventId(v)) f(`${what}: value for ${JSON.stringify(k)} is not an event ID`);
  }
}

/** Throws {@link InvalidArgumentError} unless `limit` is an integer from 1 to `max`. */
export function checkLimit(limit: unknown, max = 10_000): number {
  if (!Number.isSafeInteger(limit) || (limit as number) < 1 || (limit as number) > max) {
    throw new InvalidArgumentError(`limit must be an integer from 1 to ${max}, got ${JSON.stringify(limit)}`);
  }
  return limit as number;
}

/** Throws {@link InvalidArgumentError} unless `value` is a non-empty string of at most 255 characters (or `max`). */
export function checkString(value: unknown, what: string, max = 255): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw new InvalidArgumentError(`${what} must be a non-empty string of at most ${max} characters`);
  }
  return value;
}

/** Throws {@link InvalidArgumentError} unless every entry is a status. */
export function checkStatuses(statuses: readonly EventStatus[] | undefined): readonly EventStatus[] | undefined {
  if (statuses === undefined) return undefined;
  if (!Array.isArray(statuses) || statuses.some((s) => !(eventStatuses as readonly unknown[]).includes(s))) {
    throw new InvalidArgumentError('statuses must be an array of event statuses');
  }
  return statuses;
}

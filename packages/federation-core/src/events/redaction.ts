/**
 * The redaction algorithm of every room version (spec: `content/rooms/v*.md`,
 * "Redactions"; fragments `v1-redactions`, `v6-redactions`, `v9-redactions`,
 * `v11-redactions`, and the v8 page's own list).
 *
 * @module
 */
import type { JsonObject, JsonValue } from '../json/json-value.js';
import { isJsonObject } from '../json/json-value.js';
import type { RoomVersion, RoomVersionInput } from '../room-versions/room-version.js';
import { resolveRoomVersion } from '../room-versions/room-version.js';
import { MalformedEventError } from './malformed-event-error.js';

/**
 * Any event as a plain object, as parsed from the wire. `Pdu` and `RoomEvent`
 * are assignable to it. Values are checked where the algorithms read them; keys
 * whose value is `undefined` are treated as absent.
 */
export type EventObject = { readonly [key: string]: unknown };

// Top-level keys protected in room versions 1 to 10 (v1-redactions to v9-redactions: one list).
const TOP_LEVEL_KEYS_V1: ReadonlySet<string> = new Set([
  'event_id',
  'type',
  'room_id',
  'sender',
  'state_key',
  'content',
  'hashes',
  'signatures',
  'depth',
  'prev_events',
  'prev_state',
  'auth_events',
  'origin',
  'origin_server_ts',
  'membership',
]);

// v11-redactions: `origin`, `membership` and `prev_state` are no longer protected.
const TOP_LEVEL_KEYS_V11: ReadonlySet<string> = new Set(
  [...TOP_LEVEL_KEYS_V1].filter((key) => key !== 'origin' && key !== 'membership' && key !== 'prev_state'),
);

const POWER_LEVELS_KEYS_V1 = ['ban', 'events', 'events_default', 'kick', 'redact', 'state_default', 'users', 'users_default'];

/** `'all'`: the whole content survives; otherwise the content keys that survive. */
type ContentRule = 'all' | readonly string[];

/** The content keys protected for `type` under the given redaction variant. */
function contentRule(type: string, variant: RoomVersion['redaction']): ContentRule {
  switch (type) {
    case 'm.room.member':
      // v9-redactions adds `join_authorised_via_users_server` (v8 forgot it; see rooms/v9.md).
      // v11 also keeps `third_party_invite.signed`, handled in redactContent.
      return variant === 'v9' || variant === 'v11' ? ['membership', 'join_authorised_via_users_server'] : ['membership'];
    case 'm.room.create':
      // v11-redactions: "m.room.create allows all keys"; before: `creator` only.
      return variant === 'v11' ? 'all' : ['creator'];
    case 'm.room.join_rules':
      // rooms/v8.md: "m.room.join_rules events now keep allow".
      return variant === 'v1' || variant === 'v6' ? ['join_rule'] : ['join_rule', 'allow'];
    case 'm.room.power_levels':
      // v11-redactions adds `invite`.
      return variant === 'v11' ? [...POWER_LEVELS_KEYS_V1, 'invite'] : POWER_LEVELS_KEYS_V1;
    case 'm.room.aliases':
      // v1-redactions keeps `aliases`; v6-redactions drops the rule.
      return variant === 'v1' ? ['aliases'] : [];
    case 'm.room.history_visibility':
      return ['history_visibility'];
    case 'm.room.redaction':
      // v11-redactions: "m.room.redaction allows key redacts" (it moved into content in v11).
      return variant === 'v11' ? ['redacts'] : [];
    default:
      // Every redaction fragment: "The content object must also be stripped of all keys" otherwise.
      return [];
  }
}

/** A deep copy of a JSON value, so that the result never aliases the input. */
function copyJson(value: unknown): JsonValue {
  if (Array.isArray(value)) return value.map(copyJson);
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) out[key] = copyJson(inner);
    }
    return out;
  }
  return value as JsonValue;
}

function redactContent(type: string, content: JsonObject, variant: RoomVersion['redaction']): JsonObject {
  const rule = contentRule(type, variant);
  if (rule === 'all') return copyJson(content) as JsonObject;
  const out: JsonObject = {};
  for (const key of rule) {
    const value = content[key];
    if (Object.hasOwn(content, key) && value !== undefined) out[key] = copyJson(value);
  }
  // v11-redactions: m.room.member "allows the `signed` key of the `third_party_invite` key";
  // rooms/v11.md: `third_party_invite` "is no longer redacted, but will only contain the signed key".
  // A non-object `third_party_invite` has no `signed` key to keep and is dropped.
  if (variant === 'v11' && type === 'm.room.member' && Object.hasOwn(content, 'third_party_invite')) {
    const invite = content['third_party_invite'];
    if (isJsonObject(invite)) {
      const kept: JsonObject = {};
      const signed = invite['signed'];
      if (Object.hasOwn(invite, 'signed') && signed !== undefined) kept['signed'] = copyJson(signed);
      out['third_party_invite'] = kept;
    }
  }
  return out;
}

/**
 * Redacts an event with the algorithm of its room version: strips every
 * top-level key not protected by that version, and every `content` key not
 * protected for the event's type.
 *
 * `unsigned` is not a protected key in any version, so it is removed: the
 * result is the redacted form that hashes and signatures cover. A server
 * serving a redacted event to clients may add `unsigned.redacted_because`
 * afterwards.
 *
 * Pure: the input is never mutated and the result shares no objects with it.
 * It is typed as the input for convenience: every key a `Pdu` requires is
 * protected, but optional keys of `T` may be gone.
 *
 * @param event - the event as parsed from the wire (full or already redacted)
 * @param roomVersion - the room version's identifier or rule table
 * @returns the redacted copy
 * @throws {UnsupportedRoomVersionError} for an unknown room version.
 * @throws {MalformedEventError} if the event is not an object, `type` is not a
 *   string, or `content` is not an object.
 * @example
 * redactEvent({ type: 'm.room.message', content: { body: 'hi' }, sender: '@a:x', unsigned: { age: 1 } }, '10');
 * // { type: 'm.room.message', content: {}, sender: '@a:x' }
 */
export function redactEvent<T extends EventObject>(event: T, roomVersion: RoomVersionInput): T {
  const rv = resolveRoomVersion(roomVersion);
  if (!isJsonObject(event)) throw new MalformedEventError('event', 'is not a JSON object');
  const type = event['type'];
  if (typeof type !== 'string') throw new MalformedEventError('type', 'is not a string');
  const content = event['content'];
  if (!isJsonObject(content)) throw new MalformedEventError('content', 'is not a JSON object');

  const keep = rv.redaction === 'v11' ? TOP_LEVEL_KEYS_V11 : TOP_LEVEL_KEYS_V1;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(event)) {
    if (value === undefined || !keep.has(key)) continue;
    out[key] = key === 'content' ? redactContent(type, content, rv.redaction) : copyJson(value);
  }
  return out as unknown as T;
}

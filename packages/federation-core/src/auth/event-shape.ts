/**
 * The minimal shape the authorization rules read from an event, checked up front
 * so that malformed input gives a rejection rather than a crash.
 *
 * @module
 */
import { isJsonObject } from '../json/json-value.js';

function isReferenceList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const ref: unknown = value[i];
    if (typeof ref !== 'string' && !(Array.isArray(ref) && typeof ref[0] === 'string')) return false;
  }
  return true;
}

/**
 * Why `event` cannot be authorized as it is, or undefined when it has the fields
 * the rules read: `event_id`, `type`, `sender` strings, `content` object,
 * `prev_events`/`auth_events` reference lists, `state_key` a string if present,
 * and `room_id` a string (absent only where `roomIdOptional`).
 *
 * @example
 * eventShapeProblem({ type: 'm.room.message' }, false); // 'event_id is not a string'
 */
export function eventShapeProblem(event: unknown, roomIdOptional: boolean): string | undefined {
  if (!isJsonObject(event)) return 'event is not an object';
  if (typeof event['event_id'] !== 'string') return 'event_id is not a string';
  if (typeof event['type'] !== 'string') return 'type is not a string';
  if (typeof event['sender'] !== 'string') return 'sender is not a string';
  if (!isJsonObject(event['content'])) return 'content is not an object';
  if (!isReferenceList(event['prev_events'])) return 'prev_events is not a list of event references';
  if (!isReferenceList(event['auth_events'])) return 'auth_events is not a list of event references';
  if (event['state_key'] !== undefined && typeof event['state_key'] !== 'string') return 'state_key is not a string';
  if (event['room_id'] !== undefined ? typeof event['room_id'] !== 'string' : !roomIdOptional) return 'room_id is not a string';
  return undefined;
}

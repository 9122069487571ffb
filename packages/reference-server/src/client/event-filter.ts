/**
 * Applying the event filters of a sync filter (client-server API "Filtering",
 * `EventFilter` / `RoomEventFilter`): `types` / `not_types` (where `*` matches any
 * sequence of characters), `senders` / `not_senders`, `contains_url`, and `rooms` /
 * `not_rooms`. A `not_` list wins over its positive list.
 *
 * @module
 */
import type { RoomEventFilter } from '@maxtryx/entity';

/** The fields of an event a filter looks at. */
export interface FilterableEvent {
  readonly type: string;
  readonly sender?: string;
  readonly content?: unknown;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
}

const cache = new Map<string, RegExp>();
function matchesType(pattern: string, type: string): boolean {
  if (!pattern.includes('*')) return pattern === type;
  let re = cache.get(pattern);
  if (!re) {
    re = globToRegExp(pattern);
    cache.set(pattern, re);
    if (cache.size > 1000) cache.delete(cache.keys().next().value!);
  }
  return re.test(type);
}

/** Whether an event passes a (room) event filter; an absent filter passes everything. */
export function eventMatches(filter: Partial<RoomEventFilter> | undefined, event: FilterableEvent): boolean {
  if (!filter) return true;
  if (filter.not_types?.some((p) => matchesType(p, event.type))) return false;
  if (filter.types && !filter.types.some((p) => matchesType(p, event.type))) return false;
  if (event.sender !== undefined) {
    const notSenders = filter.not_senders as readonly string[] | undefined;
    const senders = filter.senders as readonly string[] | undefined;
    if (notSenders?.includes(event.sender)) return false;
    if (senders && !senders.includes(event.sender)) return false;
  }
  if (filter.contains_url !== undefined) {
    const hasUrl = typeof (event.content as { url?: unknown } | undefined)?.url === 'string';
    if (filter.contains_url !== hasUrl) return false;
  }
  return true;
}

/** Whether a room passes `rooms` / `not_rooms`. */
export function roomMatches(filter: { rooms?: readonly string[]; not_rooms?: readonly string[] } | undefined, roomId: string): boolean {
  if (!filter) return true;
  if (filter.not_rooms?.includes(roomId)) return false;
  return !filter.rooms || filter.rooms.includes(roomId);
}

/**
 * Reading what a provider answers: `getEvents` and `getAuthEventIds` answers
 * aligned with the IDs asked for, and `auth_events` entries.
 *
 * @module
 */
import { MalformedEventError } from '../events/malformed-event-error.js';
import type { RoomEvent } from '../events/pdu.js';
import { StateResolutionProviderError } from './errors.js';
import type { AuthEventIdsAnswer, EventsAnswer } from './types.js';

/** The event ID of an `auth_events` entry (an ID, or `[id, hashes]` in v1). */
export function refId(ref: unknown): string {
  const id = typeof ref === 'string' ? ref : Array.isArray(ref) ? (ref[0] as unknown) : undefined;
  if (typeof id !== 'string') throw new MalformedEventError('auth_events', 'has an entry that is not an event reference');
  return id;
}

/**
 * A `getEvents` answer as an array aligned with the IDs asked for: the i-th entry is
 * the event of `ids[i]`, or `undefined`/`null`. An array already in that order is
 * returned as it is; a list in the order asked with missing events left out is
 * walked side by side with the IDs; otherwise (another order, or when `exact` and
 * some ID is unmatched, which may be a repeated ID) the events are matched by ID.
 */
export function alignEvents(ids: readonly string[], answer: EventsAnswer, exact: boolean): readonly (RoomEvent | undefined | null)[] {
  if (!Array.isArray(answer) && typeof (answer as ReadonlyMap<string, RoomEvent>).get === 'function') {
    const map = answer as ReadonlyMap<string, RoomEvent>;
    const out = new Array<RoomEvent | undefined>(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const event = map.get(id);
      if (event !== undefined && event.event_id !== id) {
        throw new StateResolutionProviderError(`provider returned event ${String(event.event_id)} for ${id}`);
      }
      out[i] = event;
    }
    return out;
  }
  const list: readonly (RoomEvent | undefined | null)[] = Array.isArray(answer)
    ? answer
    : Array.from(answer as Iterable<RoomEvent | undefined | null>);
  if (list.length === ids.length) {
    let i = 0;
    for (; i < ids.length; i++) {
      const event = list[i];
      if (event !== undefined && event !== null && event.event_id !== ids[i]) break;
    }
    if (i === ids.length) return list;
  }
  const out = new Array<RoomEvent | undefined>(ids.length);
  let j = 0;
  let unmatched = false;
  for (let i = 0; i < ids.length; i++) {
    while (j < list.length && (list[j] === undefined || list[j] === null)) j++;
    const event = list[j];
    if (event !== undefined && event !== null && event.event_id === ids[i]) {
      out[i] = event;
      j++;
    } else unmatched = true;
  }
  while (j < list.length && (list[j] === undefined || list[j] === null)) j++;
  if (unmatched && (j < list.length || exact)) {
    const byId = new Map<unknown, RoomEvent>();
    for (const event of list) if (event !== undefined && event !== null) byId.set(event.event_id, event);
    for (let i = 0; i < ids.length; i++) if (out[i] === undefined) out[i] = byId.get(ids[i]);
  }
  return out;
}

/** A `getAuthEventIds` answer as an array aligned with the IDs asked for. */
export function alignAuthEventIds(ids: readonly string[], answer: AuthEventIdsAnswer): readonly (readonly string[] | undefined | null)[] {
  if (Array.isArray(answer)) {
    if (answer.length !== ids.length) {
      throw new StateResolutionProviderError(`getAuthEventIds answered ${answer.length} entries for ${ids.length} events`);
    }
    return answer;
  }
  const map = answer as ReadonlyMap<string, readonly string[]>;
  return ids.map((id) => map.get(id));
}

/** Whether a provider answered with a promise (else the answer itself, used without awaiting). */
export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Checking the room state and auth chain a resident server answers to `send_join`
 * before the joining server trusts them: every event is a valid event of the room
 * version and of this room, validly signed (a bad content hash redacts it), and
 * authorised by its own auth events (an event that is not is rejected and left out of
 * the state); the state has one create event of the room's version; and the join
 * event is authorised by that state.
 *
 * @module
 */
import {
  authEventIds,
  authEventTypesFor,
  checkEventAuth,
  checkEventAuthAgainstState,
  isJsonObject,
  stateKeyOf,
  type RoomEvent,
  type RoomVersion,
  type StateKey,
} from '@maxtryx/federation-core';
import type { Services } from '../services.js';
import { PduCheckError, parseRoomPdu, verifyRoomPdu } from './received-pdu.js';

/** The most events (state and auth chain together) accepted in one send_join answer. */
export const MAX_JOIN_STATE_EVENTS = 100_000;

/** A checked send_join answer. */
export interface VerifiedJoinState {
  /** Every usable event of the answer by ID (state and auth chain, the join event excluded). */
  readonly events: Map<string, RoomEvent>;
  /** The IDs of events that failed authorisation, with why. */
  readonly rejected: Map<string, string>;
  /** The state before the join: state key to event ID. */
  readonly state: Map<StateKey, string>;
  /** The room's create event. */
  readonly createEvent: RoomEvent;
}

/**
 * Verifies the `state` and `auth_chain` of a send_join answer and authorises the join
 * event against them.
 *
 * @throws {PduCheckError} when the answer cannot be trusted.
 */
export async function verifyJoinState(
  services: Services,
  rv: RoomVersion,
  roomId: string,
  stateRaw: readonly unknown[],
  authChainRaw: readonly unknown[],
  joinEvent: RoomEvent,
): Promise<VerifiedJoinState> {
  if (stateRaw.length + authChainRaw.length > MAX_JOIN_STATE_EVENTS) throw new PduCheckError('the answer holds too many events');
  const events = new Map<string, RoomEvent>();
  const stateIds = new Set<string>();
  const check = async (raw: unknown, isState: boolean) => {
    try {
      // Events of an auth chain may predate the 10/20 reference limits: do not enforce them.
      const parsed = parseRoomPdu(raw, rv, roomId, { checkReferenceCounts: false });
      if (parsed.event_id === joinEvent.event_id) return;
      if (!events.has(parsed.event_id)) events.set(parsed.event_id, (await verifyRoomPdu(parsed, rv, services.keyRing.lookup)).event);
      if (isState) stateIds.add(parsed.event_id);
    } catch (err) {
      if (!(err instanceof PduCheckError)) throw err;
      // An event that fails checks 1 or 2 is dropped.
      services.logger.warn('send_join answer: event dropped', { roomId, problem: err.message, state: isState });
    }
  };
  for (const raw of authChainRaw) await check(raw, false);
  for (const raw of stateRaw) await check(raw, true);

  const creates = [...stateIds].map((id) => events.get(id)!).filter((e) => e.type === 'm.room.create' && e.state_key === '');
  if (creates.length !== 1) throw new PduCheckError(`the state has ${creates.length} m.room.create events`);
  const createEvent = creates[0]!;
  const announced = isJsonObject(createEvent.content) && typeof createEvent.content.room_version === 'string' ? createEvent.content.room_version : '1';
  if (announced !== rv.id) throw new PduCheckError(`the create event is of room version ${announced}, not ${rv.id}`);

  // Authorise every event by its auth events, auth events first (a depth-first walk of
  // auth_events; a missing or rejected auth event rejects the event).
  const rejected = new Map<string, string>();
  const done = new Set<string>();
  const visit = (root: RoomEvent) => {
    const stack: Array<{ event: RoomEvent; expanded: boolean }> = [{ event: root, expanded: false }];
    const onStack = new Set<string>([root.event_id]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (!top.expanded) {
        top.expanded = true;
        for (const id of authEventIds(top.event)) {
          const dep = events.get(id);
          if (dep && !done.has(id) && !onStack.has(id)) {
            onStack.add(id);
            stack.push({ event: dep, expanded: false });
          }
        }
        continue;
      }
      stack.pop();
      onStack.delete(top.event.event_id);
      if (done.has(top.event.event_id)) continue;
      done.add(top.event.event_id);
      const reason = authorise(top.event);
      if (reason !== undefined) rejected.set(top.event.event_id, reason);
    }
  };
  const authorise = (event: RoomEvent): string | undefined => {
    const ids = authEventIds(event);
    const authEvents: RoomEvent[] = [];
    for (const id of ids) {
      const e = events.get(id);
      if (!e) return `auth event ${id} is missing`;
      if (!done.has(id)) return `auth event ${id} is part of a cycle`;
      authEvents.push(e);
    }
    const result = checkEventAuth(event, [...authEvents, createEvent], rv, {
      createEvent,
      isRejected: (id) => rejected.has(id),
      isSignedBy: () => true, // every required signature was verified above
    });
    return result.allowed ? undefined : result.reason;
  };
  for (const event of events.values()) if (!done.has(event.event_id)) visit(event);
  if (rejected.has(createEvent.event_id)) throw new PduCheckError(`the create event is not valid: ${rejected.get(createEvent.event_id)}`);

  const state = new Map<StateKey, string>();
  for (const id of stateIds) {
    const e = events.get(id)!;
    if (rejected.has(id) || typeof e.state_key !== 'string') continue;
    const key = stateKeyOf(e.type, e.state_key);
    if (state.has(key)) throw new PduCheckError(`the state has two events for ${e.type} ${JSON.stringify(e.state_key)}`);
    state.set(key, id);
  }

  // The join event itself: authorised by its auth events and by the state before it.
  const joinAuth = authEventIds(joinEvent).map((id) => events.get(id));
  if (joinAuth.some((e) => e === undefined || rejected.has(e.event_id))) throw new PduCheckError('the join event has unknown or rejected auth events');
  const options = { createEvent, isRejected: (id: string) => rejected.has(id), isSignedBy: () => true };
  const byAuth = checkEventAuth(joinEvent, [...(joinAuth as RoomEvent[]), createEvent], rv, options);
  if (!byAuth.allowed) throw new PduCheckError(`the join is not authorised by its auth events: ${byAuth.reason}`);
  const keys = authEventTypesFor(joinEvent, rv).map((t) => stateKeyOf(t.type, t.stateKey));
  const authState = new Map<StateKey, RoomEvent>();
  for (const k of keys) {
    const id = state.get(k);
    if (id) authState.set(k, events.get(id)!);
  }
  const byState = checkEventAuthAgainstState(joinEvent, authState, rv, options);
  if (!byState.allowed) throw new PduCheckError(`the join is not authorised by the room state: ${byState.reason}`);
  return { events, rejected, state, createEvent };
}

/**
 * The errors state resolution throws on bad input.
 *
 * @module
 */

/** The base class of every error thrown by state resolution for bad input. */
export class StateResolutionError extends Error {
  override readonly name: string = 'StateResolutionError';
}

/**
 * Thrown when an event handed to state resolution belongs to another room than
 * the others (or than `options.roomId`). Servers refuse this too (Synapse raises).
 */
export class EventRoomMismatchError extends StateResolutionError {
  override readonly name = 'EventRoomMismatchError';
  /**
   * @param eventId - the offending event
   * @param roomId - the room being resolved
   * @param eventRoomId - the room the event names
   */
  constructor(
    readonly eventId: string,
    readonly roomId: string,
    readonly eventRoomId: string | undefined,
  ) {
    super(`event ${eventId} is in room ${String(eventRoomId)}, not in ${roomId}`);
  }
}

/**
 * Thrown when the `auth_events` links (or the `m.room.power_levels` links of a
 * mainline) form a cycle. Accepted events never do: an event is accepted only
 * after its auth events, and from room v3 an event ID hashes its auth events.
 */
export class AuthEventCycleError extends StateResolutionError {
  override readonly name = 'AuthEventCycleError';
  /** @param eventIds - some events on or behind the cycle (sorted, at most 10) */
  constructor(readonly eventIds: readonly string[]) {
    super(`auth events form a cycle through ${eventIds.join(', ')}`);
  }
}

/**
 * Thrown, with `options.missingEvents: 'throw'`, when the provider cannot supply
 * events that resolution needs. With the default `'ignore'`, missing events are
 * left out as servers do (see `resolveState`).
 */
export class MissingStateEventsError extends StateResolutionError {
  override readonly name = 'MissingStateEventsError';
  /** @param eventIds - the missing events (sorted, at most 100) */
  constructor(readonly eventIds: readonly string[]) {
    super(`missing events: ${eventIds.join(', ')}`);
  }
}

/**
 * Thrown when a provider breaks its contract: it returns an event under an ID
 * that is not the event's `event_id`.
 */
export class StateResolutionProviderError extends StateResolutionError {
  override readonly name = 'StateResolutionProviderError';
}

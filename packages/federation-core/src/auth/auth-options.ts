/**
 * Options of the authorization checks.
 *
 * @module
 */
import type { RoomEvent } from '../events/pdu.js';

/** What the authorization checks need from the caller beyond the events. */
export interface AuthOptions {
  /**
   * Whether the event with this ID was itself rejected (rule "auth events that
   * were rejected", and v12's "accepted create event"). Without it, no event is
   * considered rejected.
   */
  readonly isRejected?: (eventId: string) => boolean;
  /**
   * The room's `m.room.create` event, when it is not among the auth events or in
   * the auth state. Room version 12 never lists the create event in
   * `auth_events`, so it must come from here, from the `authEvents` argument of
   * `checkEventAuth`/`checkAuthEventsList`, or from the state of
   * `checkEventAuthAgainstState`.
   */
  readonly createEvent?: RoomEvent;
  /**
   * Whether `event` carries a valid signature of `serverName` over its redacted
   * form (v8+: a membership event with `join_authorised_via_users_server` must
   * be signed by that user's server). Receiving servers that verified every
   * signature of the event on receipt can answer from that verification.
   * Without this option such events are rejected, because the check cannot be made.
   */
  readonly isSignedBy?: (event: RoomEvent, serverName: string) => boolean;
}

/**
 * Building a local event: prev_events from the forward extremities, depth, the spec's
 * auth events selection over the current state, hashes and signatures, event ID, and
 * the authorization check against those auth events.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { MatrixError } from '@maxtryx/entity';
import {
  authEventTypesFor,
  checkEventAuth,
  computeEventId,
  computeReferenceHash,
  encodeBase64,
  hashAndSignEvent,
  stateKeyOf,
  type JsonObject,
  type RoomEvent,
  type RoomVersion,
  type SigningKey,
  type StateKey,
} from '@maxtryx/federation-core';

/** What a local user asks to send. */
export interface EventTemplate {
  readonly type: string;
  readonly sender: string;
  readonly content: JsonObject;
  readonly state_key?: string;
  /** For `m.room.redaction`: put at the top level before v11, in content from v11. */
  readonly redacts?: string;
}

/** Everything {@link buildEvent} needs. */
export interface BuildEventInput {
  readonly roomVersion: RoomVersion;
  /** Absent only for a v12 `m.room.create` event. */
  readonly roomId: string | undefined;
  readonly template: EventTemplate;
  /** The events the new one follows (the room's forward extremities). */
  readonly prevEvents: readonly RoomEvent[];
  /** The room's current state, for the auth events selection. */
  readonly state: ReadonlyMap<StateKey, RoomEvent>;
  /** The room's create event (v12 auth needs it outside auth_events). */
  readonly createEvent: RoomEvent | undefined;
  readonly serverName: string;
  readonly key: SigningKey;
  readonly now: number;
}

/** The most prev_events a local event references. */
const MAX_PREV_EVENTS = 10;
/** The largest depth the spec allows (2^63 - 1 is beyond safe integers; cap at 2^53 - 1). */
const MAX_DEPTH = Number.MAX_SAFE_INTEGER;

function reference(event: RoomEvent, rv: RoomVersion): string | [string, JsonObject] {
  // v1 event format: [event_id, { sha256: reference hash }].
  if (rv.eventFormat === 'v1') return [event.event_id, { sha256: encodeBase64(computeReferenceHash(event, rv)) }];
  return event.event_id;
}

/**
 * Builds, hashes, signs and authorises a local event. Throws `M_FORBIDDEN` when the
 * auth rules reject it.
 */
export function buildEvent(input: BuildEventInput): RoomEvent {
  const rv = input.roomVersion;
  const { template } = input;
  const prev = [...input.prevEvents].sort((a, b) => b.depth - a.depth).slice(0, MAX_PREV_EVENTS);
  const authEvents: RoomEvent[] = [];
  for (const t of authEventTypesFor(template, rv)) {
    const e = input.state.get(stateKeyOf(t.type, t.stateKey));
    if (e) authEvents.push(e);
  }
  const content: JsonObject = { ...template.content };
  const unsignedEvent: JsonObject = {
    type: template.type,
    sender: template.sender,
    content,
    origin_server_ts: input.now,
    depth: Math.min(MAX_DEPTH, 1 + Math.max(0, ...prev.map((e) => e.depth))),
    prev_events: prev.map((e) => reference(e, rv)) as never,
    auth_events: authEvents.map((e) => reference(e, rv)) as never,
  };
  if (input.roomId !== undefined) unsignedEvent.room_id = input.roomId;
  if (template.state_key !== undefined) unsignedEvent.state_key = template.state_key;
  if (template.redacts !== undefined) {
    if (rv.redactsInContent) content.redacts = template.redacts;
    else unsignedEvent.redacts = template.redacts;
  }
  if (rv.eventFormat === 'v1') {
    // v1/v2 events carry an ID of the form $opaque:server.
    unsignedEvent.event_id = `$${randomBytes(12).toString('base64url')}:${input.serverName}`;
    // v1 format events also name their origin.
    unsignedEvent.origin = input.serverName;
  }
  const signed = hashAndSignEvent(unsignedEvent, input.serverName, input.key, rv) as unknown as RoomEvent;
  const event = { ...signed, event_id: computeEventId(signed, rv) } as RoomEvent;
  const withCreate = input.createEvent && !authEvents.includes(input.createEvent) ? [...authEvents, input.createEvent] : authEvents;
  const result = checkEventAuth(event, withCreate, rv, {
    createEvent: input.createEvent,
    // Our own events are signed by us, above; a join authorised through us is signed by us too.
    isSignedBy: (_e, server) => server === input.serverName,
  });
  if (!result.allowed) throw new MatrixError('M_FORBIDDEN', result.reason, { httpStatus: 403 });
  return event;
}

/** The PDU as it goes over federation: without the `event_id` that v3+ events do not carry. */
export function toFederationPdu(event: RoomEvent, rv: RoomVersion): JsonObject {
  if (rv.eventFormat === 'v1') return event as unknown as JsonObject;
  const { event_id: _id, ...pdu } = event;
  return pdu as unknown as JsonObject;
}

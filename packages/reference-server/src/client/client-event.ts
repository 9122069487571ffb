/**
 * Events as clients see them (client-server API "Room event format", `ClientEvent`):
 * `content`, `event_id`, `origin_server_ts`, `room_id`, `sender`, `state_key`, `type`,
 * and `unsigned` with `age`, `transaction_id` (for the device that sent it),
 * `prev_content` / `replaces_state` (state events, on request) and `redacted_because` (redacted
 * events, which are served redacted). No hashes, signatures, auth or prev events.
 *
 * @module
 */
import { redactEvent, stateKeyOf, type JsonObject, type JsonValue } from '@maxtryx/federation-core';
import type { StoredEvent } from '@maxtryx/storage-adapters';
import type { ClientServices } from './client-services.js';
import { redactsOf } from './redactions.js';

/** The user and device an event is shown to. */
export interface Viewer {
  readonly userId: string;
  readonly deviceId: string;
}

/** How to format events. */
export interface FormatOptions {
  /** Filter `event_fields`: dot-separated paths to keep (all when absent). */
  readonly eventFields?: readonly string[];
  /** Filter `event_format: federation`: the PDU as stored. */
  readonly federationFormat?: boolean;
  /** Leave out `room_id` (the events are listed under their room, as in `/sync`). */
  readonly omitRoomId?: boolean;
  /**
   * Add `prev_content` / `replaces_state` to state events (one state lookup per state
   * event: for timelines, not for whole room states).
   */
  readonly prevContent?: boolean;
}

/** One event in the client format, without anything that needs the store. */
export function clientEventOf(event: StoredEvent, now: number, omitRoomId = false): JsonObject {
  const pdu = event.pdu;
  const out: JsonObject = {
    content: pdu.content,
    event_id: event.eventId,
    origin_server_ts: pdu.origin_server_ts,
    sender: pdu.sender,
    type: pdu.type,
  };
  if (!omitRoomId) out.room_id = event.roomId;
  if (typeof pdu.state_key === 'string') out.state_key = pdu.state_key;
  // A redaction names its target at the top level too, whatever the room version, for clients.
  const redacts = redactsOf(pdu, event.roomVersion);
  if (redacts !== undefined) out.redacts = redacts;
  out.unsigned = { age: Math.max(0, now - pdu.origin_server_ts) };
  return out;
}

/** Splits a field path on dots not escaped by a backslash. */
function splitPath(path: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '\\' && i + 1 < path.length) current += path[++i];
    else if (c === '.') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Keeps only the `event_fields` of an event (client-server API "Filtering", `event_fields`). */
export function pickFields(event: JsonObject, fields: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const field of fields) {
    const path = splitPath(field);
    let src: JsonValue | undefined = event;
    let dst: JsonObject = out;
    for (let i = 0; i < path.length; i++) {
      if (src === null || typeof src !== 'object' || Array.isArray(src)) break;
      const key = path[i]!;
      const value: JsonValue | undefined = (src as JsonObject)[key];
      if (value === undefined) break;
      if (i === path.length - 1) dst[key] = value;
      else {
        const next = dst[key];
        if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) dst[key] = {};
        dst = dst[key] as JsonObject;
      }
      src = value;
    }
  }
  return out;
}

/**
 * Formats events for a viewer: redacted ones redacted with `redacted_because`, state
 * events with `prev_content` and `replaces_state`, the viewer's own with `transaction_id`.
 */
export async function formatEvents(
  cs: ClientServices,
  events: readonly StoredEvent[],
  viewer: Viewer | undefined,
  options: FormatOptions = {},
): Promise<JsonObject[]> {
  const { store } = cs.services;
  const now = cs.services.now();
  if (options.federationFormat) return events.map((e) => (options.eventFields ? pickFields(e.pdu as JsonObject, options.eventFields) : (e.pdu as JsonObject)));

  // Redactions, per room.
  const redactedBy = new Map<string, StoredEvent>();
  for (const [roomId, list] of groupByRoom(events)) {
    const found = await cs.redactions.redactionsFor(roomId, list);
    if (found.size === 0) continue;
    const stored = await store.getEvents([...new Set([...found.values()].map((r) => r.event_id))]);
    const byId = new Map(stored.map((s) => [s.eventId, s]));
    for (const [target, r] of found) {
      const s = byId.get(r.event_id);
      if (s) redactedBy.set(target, s);
    }
  }

  // The state each state event replaces.
  const replaces = new Map<string, string>();
  for (const e of options.prevContent ? events : []) {
    if (e.stateKey === undefined) continue;
    const before = await store.getStateBefore(e.roomId, e.eventId);
    const prev = before?.get(stateKeyOf(e.type, e.stateKey));
    if (prev !== undefined) replaces.set(e.eventId, prev);
  }
  const prevEvents = new Map((await store.getEvents([...new Set(replaces.values())])).map((p) => [p.eventId, p]));
  const prevRedactions = new Map<string, boolean>();
  for (const [roomId, list] of groupByRoom([...prevEvents.values()])) {
    for (const id of (await cs.redactions.redactionsFor(roomId, list)).keys()) prevRedactions.set(id, true);
  }

  return events.map((e) => {
    const redaction = redactedBy.get(e.eventId);
    const source = redaction ? { ...e, pdu: redactEvent(e.pdu, e.roomVersion) } : e;
    const out = clientEventOf(source, now, options.omitRoomId);
    const unsigned = out.unsigned as JsonObject;
    if (redaction) unsigned.redacted_because = clientEventOf(redaction, now, options.omitRoomId);
    const prevId = replaces.get(e.eventId);
    if (prevId !== undefined) {
      unsigned.replaces_state = prevId;
      const prev = prevEvents.get(prevId);
      if (prev) unsigned.prev_content = prevRedactions.has(prevId) ? redactEvent(prev.pdu, prev.roomVersion).content : prev.pdu.content;
    }
    if (viewer) {
      const txnId = cs.txns.transactionIdFor(e.eventId, viewer.userId, viewer.deviceId);
      if (txnId !== undefined) unsigned.transaction_id = txnId;
    }
    return options.eventFields ? pickFields(out, options.eventFields) : out;
  });
}

function groupByRoom(events: readonly StoredEvent[]): Map<string, StoredEvent[]> {
  const out = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const list = out.get(e.roomId);
    if (list) list.push(e);
    else out.set(e.roomId, [e]);
  }
  return out;
}

/** A stripped state event (client-server API "Stripped state"): `type`, `state_key`, `content`, `sender` only. */
export function strippedStateOf(event: { type: string; state_key?: string; content: JsonObject; sender: string }): JsonObject {
  return { type: event.type, state_key: event.state_key ?? '', content: event.content, sender: event.sender };
}

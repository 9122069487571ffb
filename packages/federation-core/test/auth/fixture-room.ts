// Builds the events of an auth fixture in the format of one room version.
// Event templates name their events; IDs, room IDs, creators, redacts and the
// reference format follow the room version, so one fixture runs in v1 to v12.
import type { JsonObject, RoomEvent, RoomVersion } from '@maxtryx/federation-core';

/** An event as written in a fixture. */
export interface EventTemplate {
  type: string;
  sender: string;
  state_key?: string;
  content?: JsonObject;
  /** Overrides the room ID (e.g. an auth event of another room). */
  room_id?: string;
  /** Name (or raw ID when it starts with `$`) of the redacted event. */
  redacts?: string;
  /** Create events: do not add `content.creator` in v1 to v10. */
  $noCreator?: boolean;
  /** Create events: do not add `content.room_version`. */
  $noRoomVersion?: boolean;
  /** Create events: keep a `room_id` in v12. */
  $keepRoomId?: boolean;
  /** Drop these top-level keys after building (bad-input cases). */
  $drop?: string[];
  /** Set these top-level keys after building (bad-input cases). */
  $set?: JsonObject;
  /** Per version range (`"12"`, `"1-10"`): template fields replaced in those versions. */
  $byVersion?: Record<string, Partial<EventTemplate>>;
}

/** Whether version `id` is in a range such as `"1-9,11"`. */
export function inRange(range: string, id: string): boolean {
  return versionsIn(range).includes(id);
}

/** The template as it applies in room version `id`. */
export function templateFor(t: EventTemplate, id: string): EventTemplate {
  if (!t.$byVersion) return t;
  for (const [range, patch] of Object.entries(t.$byVersion)) if (inRange(range, id)) return { ...t, ...patch };
  return t;
}

/** Parses `"1-9,11"` into version IDs. */
export function versionsIn(range: string | undefined): string[] {
  if (!range) return ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];
  const out: string[] = [];
  for (const part of range.split(',')) {
    const [a, b] = part.split('-').map((x) => Number(x.trim()));
    for (let v = a!; v <= (b ?? a!); v++) out.push(String(v));
  }
  return out;
}

function domain(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}

/** The event ID of a named event in a room version. */
export function eventIdFor(name: string, sender: string, rv: RoomVersion): string {
  if (name.startsWith('$')) return name;
  return rv.eventIdFormat === 'server' ? `$${name}:${domain(sender)}` : `$${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** A reference in the room version's format. */
export function refOf(id: string, rv: RoomVersion): string | [string, JsonObject] {
  return rv.eventFormat === 'v1' ? [id, { sha256: 'aGFzaA' }] : id;
}

/** Builds every template of a fixture for a room version; the room ID (v12) derives from the create event `createName`. */
export function buildEvents(templates: Record<string, EventTemplate>, rv: RoomVersion, createName = 'create'): Record<string, RoomEvent> {
  const createEntry = Object.entries(templates).find(([name, t]) => name === createName && t.type === 'm.room.create');
  const createId = createEntry ? eventIdFor(createEntry[0], createEntry[1].sender, rv) : '$create';
  const roomId = rv.roomIdIsCreateEventHash ? `!${createId.slice(1)}` : '!room:a.example';
  const ids: Record<string, string> = {};
  for (const [name, t] of Object.entries(templates)) ids[name] = eventIdFor(name, t.sender, rv);
  const out: Record<string, RoomEvent> = {};
  for (const [name, t] of Object.entries(templates)) out[name] = buildEvent(name, templateFor(t, rv.id), rv, roomId, ids);
  return out;
}

/** Builds one template. */
export function buildEvent(name: string, t: EventTemplate, rv: RoomVersion, roomId: string, ids: Record<string, string>): RoomEvent {
  const content: JsonObject = structuredClone(t.content ?? {});
  const event: RoomEvent = {
    event_id: eventIdFor(name, t.sender, rv),
    room_id: t.room_id ?? roomId,
    type: t.type,
    sender: t.sender,
    content,
    origin_server_ts: 1_700_000_000_000,
    depth: 1,
    prev_events: [],
    auth_events: [],
    hashes: { sha256: 'aGFzaA' },
    signatures: {},
  };
  if (t.state_key !== undefined) event.state_key = t.state_key;
  if (t.type === 'm.room.create') {
    if (!Object.hasOwn(content, 'room_version') && !t.$noRoomVersion) content['room_version'] = rv.id;
    if (!rv.creatorIsCreateEventSender && !t.$noCreator && !Object.hasOwn(content, 'creator')) content['creator'] = t.sender;
    if (rv.roomIdIsCreateEventHash && !t.$keepRoomId && t.room_id === undefined) delete event.room_id;
  }
  if (t.redacts !== undefined) {
    const target = ids[t.redacts] ?? t.redacts;
    if (rv.redactsInContent) content['redacts'] = target;
    else event.redacts = target;
  }
  for (const key of t.$drop ?? []) delete (event as Record<string, unknown>)[key];
  for (const [key, value] of Object.entries(t.$set ?? {})) (event as Record<string, unknown>)[key] = value;
  return event;
}

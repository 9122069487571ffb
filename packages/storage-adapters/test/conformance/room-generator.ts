// Generates rooms as DAGs for the conformance suite: a create event, joins, power levels and
// messages, with forks (an event may have two prev events), each event carrying its state
// before it. Event IDs are opaque; the stores never check hashes or signatures.
import { stateKeyOf } from '@maxtryx/federation-core';
import type { Pdu, StateKey } from '@maxtryx/federation-core';
import type { EventInput, EventStatus } from '@maxtryx/storage-adapters';

/** A generated event with what the tests expect of it. */
export interface GeneratedEvent {
  input: EventInput;
  id: string;
  depth: number;
  prevs: string[];
  auths: string[];
}

/** A generated room. */
export interface GeneratedRoom {
  roomId: string;
  events: GeneratedEvent[];
  byId: Map<string, GeneratedEvent>;
  /** State after the whole room, following each event's first prev event. */
  finalState: Map<StateKey, string>;
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A syntactically valid PDU of room version 10. */
export function makePdu(fields: { roomId: string; type: string; sender: string; depth: number; prevs: string[]; auths: string[]; stateKey?: string; content?: Record<string, unknown> }): Pdu {
  const pdu: Pdu = {
    type: fields.type,
    sender: fields.sender,
    room_id: fields.roomId,
    content: (fields.content ?? {}) as Pdu['content'],
    origin_server_ts: 1_700_000_000_000 + fields.depth,
    depth: fields.depth,
    prev_events: fields.prevs,
    auth_events: fields.auths,
    hashes: { sha256: 'aGFzaA' },
    signatures: { 'example.org': { 'ed25519:1': 'c2ln' } },
  };
  if (fields.stateKey !== undefined) pdu.state_key = fields.stateKey;
  return pdu;
}

/**
 * A room of `count` events in room version 10. `tag` keeps event IDs of different rooms apart.
 * About 10% of events are state events (joins, topic changes); about 15% have two prev events.
 */
export function generateRoom(options: { tag: string; count: number; seed?: number; withState?: boolean; status?: (i: number) => EventStatus }): GeneratedRoom {
  const { tag, count } = options;
  const random = rng(options.seed ?? 1);
  const roomId = `!${tag}:example.org`;
  const events: GeneratedEvent[] = [];
  const byId = new Map<string, GeneratedEvent>();
  const stateAfter = new Map<string, Map<StateKey, string>>();
  let extremities: string[] = [];
  const creator = `@creator:example.org`;
  let createId = '';
  let plId = '';
  const memberIds = new Map<string, string>();
  const add = (type: string, sender: string, content: Record<string, unknown>, stateKey?: string): void => {
    const i = events.length;
    const id = `$${tag}-${i}`;
    let prevs: string[];
    if (extremities.length === 0) prevs = [];
    else if (extremities.length > 1 && random() < 0.5) prevs = extremities.slice(-2);
    else prevs = [extremities[extremities.length - 1]!];
    const depth = prevs.length === 0 ? 1 : Math.max(...prevs.map((p) => byId.get(p)!.depth)) + 1;
    const auths = type === 'm.room.create' ? [] : [createId, ...(plId ? [plId] : []), ...(memberIds.has(sender) ? [memberIds.get(sender)!] : [])];
    const before = prevs.length === 0 ? new Map<StateKey, string>() : new Map(stateAfter.get(prevs[0]!)!);
    const input: EventInput = {
      roomVersion: '10',
      eventId: id,
      pdu: makePdu({ roomId, type, sender, depth, prevs, auths, content, ...(stateKey === undefined ? {} : { stateKey }) }),
      status: options.status?.(i) ?? 'accepted',
    };
    if (options.withState !== false) input.stateBefore = before;
    const after = stateKey === undefined ? before : new Map(before).set(stateKeyOf(type, stateKey), id);
    stateAfter.set(id, after);
    const ev = { input, id, depth, prevs, auths };
    events.push(ev);
    byId.set(id, ev);
    // Forks: keep up to 3 extremities; an event consumes its prevs.
    extremities = extremities.filter((e) => !prevs.includes(e));
    extremities.push(id);
    if (random() < 0.15 && events.length > 5) {
      // Start a side branch later from an older event.
      const older = events[Math.max(1, events.length - 1 - Math.floor(random() * 5))]!.id;
      if (!extremities.includes(older) && extremities.length < 3 && byId.get(older)!.depth < depth) extremities.unshift(older);
    }
    if (type === 'm.room.create') createId = id;
    if (type === 'm.room.power_levels') plId = id;
    if (type === 'm.room.member') memberIds.set(stateKey!, id);
  };
  add('m.room.create', creator, { room_version: '10' }, '');
  add('m.room.member', creator, { membership: 'join' }, creator);
  add('m.room.power_levels', creator, { users: { [creator]: 100 } }, '');
  add('m.room.join_rules', creator, { join_rule: 'public' }, '');
  let users = 0;
  while (events.length < count) {
    const r = random();
    if (r < 0.06) {
      const u = `@u${users++}:s${users % 7}.example.org`;
      add('m.room.member', u, { membership: 'join' }, u);
    } else if (r < 0.1) add('m.room.topic', creator, { topic: `topic ${events.length}` }, '');
    else {
      const senders = [...memberIds.keys()];
      add('m.room.message', senders[Math.floor(random() * senders.length)]!, { msgtype: 'm.text', body: `message ${events.length}` });
    }
  }
  // The state after the room: following first prev events from the last event.
  const last = events[events.length - 1]!;
  return { roomId, events, byId, finalState: stateAfter.get(last.id)! };
}

/** Reference forward extremities: accepted events that no accepted event lists as a prev. */
export function expectedExtremities(room: GeneratedRoom): string[] {
  const accepted = room.events.filter((e) => e.input.status === 'accepted');
  const referenced = new Set(accepted.flatMap((e) => e.prevs));
  return accepted.map((e) => e.id).filter((id) => !referenced.has(id)).sort();
}

/** Reference auth chain (IDs, sorted). */
export function expectedAuthChain(room: GeneratedRoom, ids: string[]): string[] {
  const seen = new Set<string>();
  const stack = ids.flatMap((id) => room.byId.get(id)?.auths ?? []);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(room.byId.get(id)?.auths ?? []));
  }
  return [...seen].sort();
}

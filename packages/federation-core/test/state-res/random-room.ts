// Random rooms for property tests: forks of a small room where every event was authorized
// against the state of its branch when it was sent, as a server would have accepted it.
import type { JsonObject, RoomEvent, StateKey } from '@maxtryx/federation-core';
import { authEventTypesFor, checkEventAuthAgainstState, getRoomVersion, stateKeyOf } from '@maxtryx/federation-core';

/** A deterministic pseudo-random generator (mulberry32). */
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

export const USERS = ['@alice:a.org', '@bob:b.org', '@carol:c.org', '@dave:d.org', '@erin:e.org'];

/** A generated room: every event, and the state at the end of each branch. */
export interface RandomRoom {
  events: Map<string, RoomEvent>;
  branches: Map<StateKey, string>[];
}

/**
 * Builds a room: a common start (create, joins, power levels, public join rules), then
 * `branchCount` branches, each forking from the end of the common part or from a point
 * of an earlier branch, with up to `length` random events each. `monotone` keeps to
 * events that take no one's ability away (topics, names, joins).
 */
export function randomRoom(roomVersion: string, seed: number, branchCount: number, length: number, monotone = false): RandomRoom {
  const rv = getRoomVersion(roomVersion);
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const events = new Map<string, RoomEvent>();
  const createId = `$create${seed}`;
  const roomId = rv.roomIdIsCreateEventHash ? '!' + createId.slice(1) : '!r:a.org';
  let ts = 1000;
  let counter = 0;
  // Tries to add an event to a branch state; returns the new state, or undefined if not allowed.
  // The last event added on top of each state (its prev event).
  const lastOf = new WeakMap<Map<StateKey, string>, string>();
  const attempt = (state: Map<StateKey, string>, type: string, stateKey: string, sender: string, content: JsonObject, id?: string): Map<StateKey, string> | undefined => {
    const prev = lastOf.get(state);
    const draft = { type, state_key: stateKey, sender, content };
    const authIds: string[] = [];
    const authState = new Map<StateKey, RoomEvent>();
    for (const t of authEventTypesFor(draft, rv)) {
      const key = stateKeyOf(t.type, t.stateKey);
      const aid = state.get(key);
      if (aid !== undefined) {
        authIds.push(aid);
        authState.set(key, events.get(aid)!);
      }
    }
    if (!rv.createEventInAuthEvents && type !== 'm.room.create') authState.set(stateKeyOf('m.room.create', ''), events.get(createId)!);
    ts += Math.floor(random() * 3); // ties happen
    const eventId = id ?? `$e${seed}-${counter++}`;
    const event: RoomEvent = {
      event_id: eventId,
      type,
      state_key: stateKey,
      sender,
      content,
      origin_server_ts: ts,
      depth: counter,
      prev_events: prev === undefined ? [] : rv.eventFormat === 'v1' ? [[prev, { sha256: 'AAAA' }]] : [prev],
      auth_events: rv.eventFormat === 'v1' ? authIds.map((a) => [a, { sha256: 'AAAA' }]) : authIds,
      hashes: { sha256: 'AAAA' },
      signatures: {},
    };
    if (!(rv.roomIdIsCreateEventHash && type === 'm.room.create')) event.room_id = roomId;
    if (!checkEventAuthAgainstState(event, authState, rv, { isSignedBy: () => true }).allowed) return undefined;
    events.set(eventId, event);
    const next = new Map(state);
    next.set(stateKeyOf(type, stateKey), eventId);
    lastOf.set(next, eventId);
    return next;
  };
  const [alice] = USERS as [string];
  let state = attempt(new Map(), 'm.room.create', '', alice, { room_version: rv.id, creator: alice }, createId)!;
  state = attempt(state, 'm.room.member', alice, alice, { membership: 'join' })!;
  const users: JsonObject = rv.privilegedCreators ? {} : { [alice]: 100 };
  users[USERS[1]!] = 50;
  state = attempt(state, 'm.room.power_levels', '', alice, { users })!;
  state = attempt(state, 'm.room.join_rules', '', alice, { join_rule: 'public' })!;
  for (const u of USERS.slice(1, 4)) state = attempt(state, 'm.room.member', u, u, { membership: 'join' })!;

  const branches: Map<StateKey, string>[] = [];
  const points: Map<StateKey, string>[] = [state];
  for (let b = 0; b < branchCount; b++) {
    let s = pick(points);
    for (let i = 0; i < length; i++) {
      const sender = pick(USERS);
      const target = pick(USERS);
      const kind = Math.floor(random() * (monotone ? 3 : 8));
      let next: Map<StateKey, string> | undefined;
      switch (kind) {
        case 0:
          next = attempt(s, 'm.room.topic', '', sender, { topic: `t${i}` });
          break;
        case 1:
          next = attempt(s, 'm.room.name', '', sender, { name: `n${i}` });
          break;
        case 2:
          next = attempt(s, 'm.room.member', sender, sender, { membership: 'join', displayname: `d${i}` });
          break;
        case 3: {
          const levels: JsonObject = rv.privilegedCreators ? {} : { [alice]: 100 };
          for (const u of USERS.slice(1)) if (random() < 0.4) levels[u] = pick([0, 50, 75]);
          next = attempt(s, 'm.room.power_levels', '', sender, { users: levels });
          break;
        }
        case 4:
          next = attempt(s, 'm.room.member', target, sender, { membership: 'ban' });
          break;
        case 5:
          next = attempt(s, 'm.room.member', target, sender, { membership: 'leave' });
          break;
        case 6:
          next = attempt(s, 'm.room.join_rules', '', sender, { join_rule: pick(['public', 'invite']) });
          break;
        default:
          next = attempt(s, 'm.room.member', target, sender, { membership: 'invite' });
      }
      if (next) {
        s = next;
        points.push(s);
      }
    }
    branches.push(s);
  }
  return { events, branches };
}

// Authorization benchmark: checkEventAuth on a realistic mix in a room of 1,000 joined
// members (70% messages, 15% joins to the public room, 10% state changes by moderators,
// 5% invites), in room versions 1, 10 and 12; and its two halves alone.
//
// Run alone: pnpm bench auth
import { pathToFileURL } from 'node:url';
import type { AuthOptions, JsonObject, RoomEvent, RoomVersion } from '../packages/federation-core/src/index.js';
import {
  authEventTypesFor,
  authStateFromEvents,
  checkAuthEventsList,
  checkEventAuth,
  checkEventAuthAgainstState,
  getRoomVersion,
  stateKeyOf,
} from '../packages/federation-core/src/index.js';
import { runGroup } from './harness.js';

interface Case {
  event: RoomEvent;
  authEvents: RoomEvent[];
}

/** A room of 1,000 members and a mix of 2,000 events with their auth events, in room version `rv`. */
export function generateAuthMix(rv: RoomVersion, members = 1000, count = 2000): { cases: Case[]; options: AuthOptions } {
  let n = 0;
  const id = (domain: string) => (rv.eventIdFormat === 'server' ? `$ev${++n}:${domain}` : `$ev${++n}`);
  const creator = '@alice:a.example';
  const createId = id('a.example');
  const roomId = rv.roomIdIsCreateEventHash ? `!${createId.slice(1)}` : '!room:a.example';
  const ref = (e: RoomEvent) => (rv.eventFormat === 'v1' ? ([e.event_id, { sha256: 'aGFzaA' }] as [string, JsonObject]) : e.event_id);
  const base = (type: string, sender: string, content: JsonObject, stateKey?: string): RoomEvent => {
    const e: RoomEvent = {
      event_id: id(sender.slice(sender.indexOf(':') + 1)),
      room_id: roomId,
      type,
      sender,
      content,
      origin_server_ts: 1_700_000_000_000 + n,
      depth: n,
      prev_events: [],
      auth_events: [],
      hashes: { sha256: 'aGFzaA' },
      signatures: {},
    };
    if (stateKey !== undefined) e.state_key = stateKey;
    return e;
  };
  const create: RoomEvent = { ...base('m.room.create', creator, { room_version: rv.id, ...(rv.creatorIsCreateEventSender ? {} : { creator }) }, ''), event_id: createId };
  if (rv.roomIdIsCreateEventHash) delete create.room_id;
  const state = new Map([[stateKeyOf('m.room.create', ''), create]]);
  const put = (e: RoomEvent) => {
    if (e.state_key !== undefined) state.set(stateKeyOf(e.type, e.state_key), e);
    return e;
  };
  const user = (i: number) => `@user${i}:s${i % 50}.example`;
  const users: JsonObject = {};
  for (let i = 0; i < 20; i++) users[user(i)] = 50;
  if (!rv.privilegedCreators) users[creator] = 100;
  put(base('m.room.member', creator, { membership: 'join' }, creator));
  put(base('m.room.power_levels', creator, { users, users_default: 0, events: { 'm.room.name': 50, 'm.room.power_levels': 100 }, state_default: 50, events_default: 0, ban: 50, kick: 50, redact: 50, invite: 0 }, ''));
  put(base('m.room.join_rules', creator, { join_rule: 'public' }, ''));
  for (let i = 0; i < members; i++) put(base('m.room.member', user(i), { membership: 'join', displayname: `User ${i}` }, user(i)));

  const withAuth = (e: RoomEvent): Case => {
    const authEvents: RoomEvent[] = [];
    for (const t of authEventTypesFor(e, rv)) {
      const a = state.get(stateKeyOf(t.type, t.stateKey));
      if (a) authEvents.push(a);
    }
    e.auth_events = authEvents.map(ref);
    e.prev_events = [ref(create)];
    if (rv.roomIdIsCreateEventHash) authEvents.push(create);
    return { event: e, authEvents };
  };
  const cases: Case[] = [];
  let seed = 42;
  const rand = (k: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % k;
  };
  for (let i = 0; i < count; i++) {
    const roll = rand(100);
    if (roll < 70) {
      cases.push(withAuth(base('m.room.message', user(rand(members)), { msgtype: 'm.text', body: `message ${i}` })));
    } else if (roll < 85) {
      const newcomer = `@new${i}:n${i % 30}.example`;
      cases.push(withAuth(base('m.room.member', newcomer, { membership: 'join', displayname: `New ${i}` }, newcomer)));
    } else if (roll < 95) {
      cases.push(withAuth(base(rand(2) ? 'm.room.topic' : 'm.room.name', user(rand(20)), { topic: `topic ${i}`, name: `name ${i}` }, '')));
    } else {
      const target = `@guest${i}:g.example`;
      cases.push(withAuth(base('m.room.member', user(rand(members)), { membership: 'invite' }, target)));
    }
  }
  return { cases, options: { isRejected: () => false } };
}

/** Runs the auth benchmark group. */
export function runAuthBench(): void {
  const mixes = (['10', '12', '1'] as const).map((v) => ({ v, rv: getRoomVersion(v), ...generateAuthMix(getRoomVersion(v)) }));
  for (const m of mixes) {
    const bad = m.cases.find((c) => !checkEventAuth(c.event, c.authEvents, m.rv, m.options).allowed);
    if (bad) throw new Error(`v${m.v}: the generated ${bad.event.type} is not allowed: ${JSON.stringify(checkEventAuth(bad.event, bad.authEvents, m.rv, m.options))}`);
  }
  const cycle = (m: (typeof mixes)[number], fn: (c: Case) => unknown) => {
    let i = 0;
    return () => fn(m.cases[i++ % m.cases.length]!);
  };
  const [m10, m12, m1] = mixes as [(typeof mixes)[number], (typeof mixes)[number], (typeof mixes)[number]];
  const states10 = m10.cases.map((c) => authStateFromEvents(c.authEvents));
  let j = 0;
  runGroup('checkEventAuth, 1,000-member room, mixed events (checks/s)', [
    { name: 'checkEventAuth v10', fn: cycle(m10, (c) => checkEventAuth(c.event, c.authEvents, m10.rv, m10.options)) },
    { name: 'checkEventAuth v12 (create via room ID)', fn: cycle(m12, (c) => checkEventAuth(c.event, c.authEvents, m12.rv, m12.options)) },
    { name: 'checkEventAuth v1 (v1 references)', fn: cycle(m1, (c) => checkEventAuth(c.event, c.authEvents, m1.rv, m1.options)) },
    { name: 'checkAuthEventsList v10 (state-independent)', fn: cycle(m10, (c) => checkAuthEventsList(c.event, c.authEvents, m10.rv, m10.options)) },
    {
      name: 'checkEventAuthAgainstState v10 (prebuilt state)',
      fn: () => {
        const k = j++ % m10.cases.length;
        return checkEventAuthAgainstState(m10.cases[k]!.event, states10[k]!, m10.rv, m10.options);
      },
    },
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runAuthBench();

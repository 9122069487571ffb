import { describe, expect, it } from 'vitest';
import {
  filterEventsForServer,
  serverMayAccessRoom,
  serverMaySeeEvent,
  type RoomEvent,
  type ServerVisibilityContext,
} from '@maxtryx/federation-core';

const message = (id: string): RoomEvent =>
  ({
    event_id: id,
    room_id: '!r:a.org',
    type: 'm.room.message',
    sender: '@alice:a.org',
    content: { body: 'secret', msgtype: 'm.text' },
    origin_server_ts: 1,
    depth: 1,
    prev_events: [],
    auth_events: [],
    hashes: { sha256: 'h' },
    signatures: { 'a.org': { 'ed25519:1': 's' } },
  }) as RoomEvent;

// Each history_visibility against a server whose users, at the event, had joined late
// (no membership yet), had left, were invited, never joined, or were joined.
const cases: Array<[string, string[], Record<string, boolean>]> = [
  ['never joined', [], { world_readable: true, shared: true, invited: false, joined: false }],
  ['joined late (not yet a member at the event)', ['leave'], { world_readable: true, shared: true, invited: false, joined: false }],
  ['left before the event', ['leave'], { world_readable: true, shared: true, invited: false, joined: false }],
  ['invited at the event', ['invite'], { world_readable: true, shared: true, invited: true, joined: false }],
  ['joined at the event', ['join'], { world_readable: true, shared: true, invited: true, joined: true }],
  ['one user banned, another joined', ['ban', 'join'], { world_readable: true, shared: true, invited: true, joined: true }],
];

describe('serverMaySeeEvent', () => {
  for (const [who, memberships, expected] of cases) {
    for (const [visibility, allowed] of Object.entries(expected)) {
      it(`${visibility}: a server whose users ${who} ${allowed ? 'sees' : 'does not see'} the event`, () => {
        expect(serverMaySeeEvent({ historyVisibility: visibility, memberships })).toBe(allowed);
      });
    }
  }

  it('reads an absent or unknown history_visibility as shared', () => {
    expect(serverMaySeeEvent({ historyVisibility: undefined, memberships: [] })).toBe(true);
    expect(serverMaySeeEvent({ historyVisibility: 'nonsense', memberships: [] })).toBe(true);
  });
});

describe('filterEventsForServer', () => {
  const joinedOnly: ServerVisibilityContext = { historyVisibility: 'joined', memberships: [] };

  it('redacts what the server may not see (default)', () => {
    const [out] = filterEventsForServer([message('$1')], '10', 'b.org', () => joinedOnly);
    expect(out!.event_id).toBe('$1');
    expect(out!.content).toEqual({});
    expect(out!.signatures).toEqual({ 'a.org': { 'ed25519:1': 's' } });
  });

  it('leaves out what the server may not see when asked to', () => {
    expect(filterEventsForServer([message('$1')], '10', 'b.org', () => joinedOnly, { hidden: 'omit' })).toEqual([]);
  });

  it('passes visible events unchanged', () => {
    const e = message('$1');
    expect(filterEventsForServer([e], '10', 'b.org', () => ({ historyVisibility: 'shared', memberships: [] }))[0]).toBe(e);
  });

  it('shows the server its own users\u2019 membership events when the state after allows', () => {
    const join = { ...message('$j'), type: 'm.room.member', state_key: '@bob:b.org', content: { membership: 'join' } } as RoomEvent;
    const other = { ...join, event_id: '$k', state_key: '@carol:c.org' } as RoomEvent;
    const after = () => ({ historyVisibility: 'joined', memberships: ['join'] });
    const out = filterEventsForServer([join, other], '10', 'b.org', () => joinedOnly, { hidden: 'omit', contextAfter: after });
    expect(out.map((e) => e.event_id)).toEqual(['$j']);
  });

  it('shows a history_visibility change if the visibility before or after allows', () => {
    const hv = { ...message('$h'), type: 'm.room.history_visibility', state_key: '', content: { history_visibility: 'joined' } } as RoomEvent;
    const before = () => ({ historyVisibility: 'world_readable', memberships: [] });
    expect(filterEventsForServer([hv], '10', 'b.org', before, { hidden: 'omit' })).toHaveLength(1);
    const after = () => ({ historyVisibility: 'world_readable', memberships: [] });
    expect(filterEventsForServer([hv], '10', 'b.org', () => joinedOnly, { hidden: 'omit', contextAfter: after })).toHaveLength(1);
  });
});

describe('serverMayAccessRoom', () => {
  it('allows a server with a joined user', () => {
    expect(serverMayAccessRoom({ serverName: 'b.org', joinedServers: new Set(['a.org', 'b.org']), historyVisibility: 'joined' })).toEqual({ allowed: true });
  });
  it('allows anyone into a world_readable room', () => {
    expect(serverMayAccessRoom({ serverName: 'c.org', joinedServers: new Set(['a.org']), historyVisibility: 'world_readable' }).allowed).toBe(true);
  });
  it('refuses other servers with M_FORBIDDEN', () => {
    const r = serverMayAccessRoom({ serverName: 'c.org', joinedServers: new Set(['a.org']), historyVisibility: 'shared' });
    expect(r).toMatchObject({ allowed: false, errcode: 'M_FORBIDDEN' });
  });
});

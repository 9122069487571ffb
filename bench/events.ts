// Realistic PDUs for the benchmarks (room version 10 format), built the way a server builds
// them (insertion order, not sorted) and as received from the network (parsed canonical JSON).

const b64 = (n: number, seed: number): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += alphabet[(x >>> 16) & 63];
  }
  return s;
};
const eventId = (i: number): string => '$' + b64(43, i).replace(/\+/g, '-').replace(/\//g, '_');

const common = (type: string, i: number): Record<string, unknown> => ({
  auth_events: [eventId(i + 1), eventId(i + 2), eventId(i + 3)],
  prev_events: [eventId(i + 4)],
  type,
  room_id: '!OGEhHVWSdvArJzumhm:matrix.org',
  sender: '@alice:example.org',
  origin_server_ts: 1_700_000_000_000 + i,
  depth: 12_345 + i,
  hashes: { sha256: b64(43, i + 5) },
  signatures: { 'example.org': { 'ed25519:a_AbCd': b64(86, i + 6) } },
  unsigned: { age_ts: 1_700_000_000_000 + i },
});

/** A small `m.room.message` PDU. */
export function messageEvent(): Record<string, unknown> {
  return {
    ...common('m.room.message', 1),
    content: {
      msgtype: 'm.text',
      body: 'Hello, world! This is a message with some ünïcödé — and an emoji 🎉.',
      format: 'org.matrix.custom.html',
      formatted_body: '<p>Hello, <b>world</b>! This is a message with some ünïcödé — and an emoji 🎉.</p>',
      'm.mentions': { user_ids: ['@bob:example.org'] },
    },
  };
}

/** An `m.room.create` PDU. */
export function createEvent(): Record<string, unknown> {
  const e = common('m.room.create', 2);
  return {
    ...e,
    auth_events: [],
    prev_events: [],
    depth: 1,
    state_key: '',
    content: { creator: '@alice:example.org', room_version: '10', 'm.federate': true, predecessor: { room_id: '!old:example.org', event_id: eventId(99) } },
  };
}

/** An `m.room.power_levels` PDU with `n` users. */
export function powerLevelsEvent(n = 1000): Record<string, unknown> {
  const users: Record<string, number> = {};
  for (let i = 0; i < n; i++) users[`@user${(i * 7919) % 100_003}:server${i % 37}.example.org`] = i % 3 === 0 ? 50 : 100;
  return {
    ...common('m.room.power_levels', 3),
    state_key: '',
    content: {
      users,
      users_default: 0,
      events: {
        'm.room.name': 50,
        'm.room.power_levels': 100,
        'm.room.history_visibility': 100,
        'm.room.canonical_alias': 50,
        'm.room.avatar': 50,
        'm.room.tombstone': 100,
        'm.room.server_acl': 100,
        'm.room.encryption': 100,
      },
      events_default: 0,
      state_default: 50,
      ban: 50,
      kick: 50,
      redact: 50,
      invite: 0,
      historical: 100,
      notifications: { room: 50 },
    },
  };
}

/** The same value as parsed from canonical JSON on the wire (keys already in sorted order). */
export function asReceived(value: Record<string, unknown>, encode: (v: unknown) => string): Record<string, unknown> {
  return JSON.parse(encode(value)) as Record<string, unknown>;
}

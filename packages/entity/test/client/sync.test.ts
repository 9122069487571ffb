import {
  createFilterResponseSchema,
  eventFilterSchema,
  filterSchema,
  roomEventFilterSchema,
  syncJoinedRoomSchema,
  syncResponseSchema,
} from '@maxtryx/entity';
import { describe, expect, it } from 'vitest';
import { expectLossless, expectRejectedAt } from './helpers.js';

const stateEvent = {
  content: { membership: 'join' },
  event_id: '$143273976499sgjks:example.org',
  origin_server_ts: 1432735824653,
  sender: '@example:example.org',
  state_key: '@example:example.org',
  type: 'm.room.member',
};
const messageEvent = {
  content: { body: 'hi', msgtype: 'm.text' },
  event_id: '$143273582443PhrSn:example.org',
  origin_server_ts: 1432735824653,
  sender: '@example:example.org',
  type: 'm.room.message',
};
const joined = {
  summary: { 'm.heroes': ['@alice:example.com'], 'm.joined_member_count': 2, 'm.invited_member_count': 0 },
  state: { events: [stateEvent] },
  timeline: { events: [stateEvent, messageEvent], limited: true, prev_batch: 't34-23535_0_0' },
  ephemeral: { events: [{ type: 'm.typing', content: { user_ids: ['@alice:matrix.org'] } }] },
  account_data: { events: [{ type: 'm.tag', content: { tags: {} } }] },
  unread_notifications: { highlight_count: 1, notification_count: 5 },
  unread_thread_notifications: { '$threadroot:example.org': { highlight_count: 0, notification_count: 1 } },
};

describe('GET /sync', () => {
  it('accepts a full response with every extension', () => {
    expectLossless(syncResponseSchema, {
      next_batch: 's72595_4483_1934',
      rooms: {
        join: { '!726s6s6q:example.com': { ...joined, state: undefined, state_after: { events: [stateEvent] } } },
        invite: {
          '!696r7674:example.com': {
            invite_state: {
              events: [{ sender: '@alice:example.com', type: 'm.room.name', state_key: '', content: { name: 'R' } }],
            },
          },
        },
        knock: {
          '!223asd456:example.com': {
            knock_state: {
              events: [{ sender: '@bob:example.com', type: 'm.room.member', state_key: '@bob:example.com', content: { membership: 'knock' } }],
            },
          },
        },
        leave: { '!Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpYQ': { timeline: { events: [messageEvent] } } },
      },
      presence: { events: [{ type: 'm.presence', sender: '@example:localhost', content: { presence: 'online' } }] },
      account_data: { events: [{ type: 'org.example.custom.config', content: { custom_config_key: 'v' } }] },
      to_device: {
        events: [{ sender: '@alice:example.com', type: 'm.new_device', content: { device_id: 'XYZABCDE', rooms: [] } }],
      },
      device_lists: { changed: ['@alice:example.com'], left: ['@bob:example.com'] },
      device_one_time_keys_count: { signed_curve25519: 20 },
      device_unused_fallback_key_types: ['signed_curve25519'],
    });
    expectLossless(syncResponseSchema, { next_batch: 's1', rooms: { leave: {}, join: {}, invite: {} } });
  });

  it('requires next_batch', () => {
    expectRejectedAt(syncResponseSchema, { rooms: {} }, 'next_batch');
    expectRejectedAt(syncResponseSchema, { next_batch: 1 }, 'next_batch');
  });

  it('rejects room maps keyed by something other than room IDs', () => {
    expectRejectedAt(syncResponseSchema, { next_batch: 's', rooms: { join: { '#alias:example.com': {} } } }, 'rooms.join.#alias:example.com');
    expectRejectedAt(syncResponseSchema, { next_batch: 's', rooms: { leave: { room: {} } } }, 'rooms.leave.room');
    expectRejectedAt(syncResponseSchema, { next_batch: 's', rooms: { invite: [] } }, 'rooms.invite');
  });

  it('rejects malformed parts of a joined room, naming the path', () => {
    const at = (room: object) => ({ next_batch: 's', rooms: { join: { '!r:example.com': room } } });
    const prefix = 'rooms.join.!r:example.com.';
    expectRejectedAt(syncResponseSchema, at({ timeline: { limited: true } }), `${prefix}timeline.events`);
    expectRejectedAt(syncResponseSchema, at({ timeline: { events: [{ ...messageEvent, sender: 'x' }] } }), `${prefix}timeline.events.0.sender`);
    expectRejectedAt(syncResponseSchema, at({ state: { events: [messageEvent] } }), `${prefix}state.events.0.state_key`);
    expectRejectedAt(syncResponseSchema, at({ state_after: { events: [messageEvent] } }), `${prefix}state_after.events.0.state_key`);
    expectRejectedAt(syncResponseSchema, at({ summary: { 'm.joined_member_count': -1 } }), `${prefix}summary.m.joined_member_count`);
    expectRejectedAt(syncResponseSchema, at({ summary: { 'm.heroes': ['alice'] } }), `${prefix}summary.m.heroes.0`);
    expectRejectedAt(syncResponseSchema, at({ unread_notifications: { notification_count: 1.5 } }), `${prefix}unread_notifications.notification_count`);
    expectRejectedAt(
      syncResponseSchema,
      at({ unread_thread_notifications: { threadroot: { highlight_count: 1 } } }),
      `${prefix}unread_thread_notifications.threadroot`,
    );
    expectRejectedAt(syncResponseSchema, at({ ephemeral: { events: [{ type: 'm.typing' }] } }), `${prefix}ephemeral.events.0.content`);
    expectRejectedAt(syncResponseSchema, at({ account_data: { events: [{ content: {} }] } }), `${prefix}account_data.events.0.type`);
  });

  it('rejects malformed invite and knock state', () => {
    expectRejectedAt(
      syncResponseSchema,
      { next_batch: 's', rooms: { invite: { '!r:e.org': { invite_state: { events: [{ type: 'm.room.name', content: {}, sender: '@a:e.org' }] } } } } },
      'rooms.invite.!r:e.org.invite_state.events.0.state_key',
    );
    expectRejectedAt(
      syncResponseSchema,
      { next_batch: 's', rooms: { knock: { '!r:e.org': { knock_state: { events: [{ type: 'm.room.name', content: {}, state_key: '' }] } } } } },
      'rooms.knock.!r:e.org.knock_state.events.0.sender',
    );
  });

  it('rejects malformed extensions', () => {
    expectRejectedAt(syncResponseSchema, { next_batch: 's', to_device: { events: [{ type: 'm.x', content: {} }] } }, 'to_device.events.0.sender');
    expectRejectedAt(syncResponseSchema, { next_batch: 's', device_lists: { changed: ['bob'] } }, 'device_lists.changed.0');
    expectRejectedAt(syncResponseSchema, { next_batch: 's', device_one_time_keys_count: { signed_curve25519: '20' } }, 'device_one_time_keys_count.signed_curve25519');
    expectRejectedAt(syncResponseSchema, { next_batch: 's', device_one_time_keys_count: { signed_curve25519: -1 } }, 'device_one_time_keys_count.signed_curve25519');
    expectRejectedAt(syncResponseSchema, { next_batch: 's', device_unused_fallback_key_types: 'signed_curve25519' }, 'device_unused_fallback_key_types');
    expectRejectedAt(syncResponseSchema, { next_batch: 's', presence: { events: [{ type: 'm.presence', content: [] }] } }, 'presence.events.0.content');
  });

  it('keeps the parts of a joined room it does not know', () => {
    expectLossless(syncJoinedRoomSchema, { ...joined, 'org.example.extra': { a: 1 } });
  });
});

describe('filters', () => {
  it('accepts a full filter', () => {
    expectLossless(filterSchema, {
      event_fields: ['type', 'content.body'],
      event_format: 'federation',
      presence: { types: ['m.presence'], not_senders: ['@alice:example.com'], limit: 10 },
      account_data: { not_types: ['m.*'] },
      room: {
        rooms: ['!a:example.com'],
        not_rooms: ['!b:example.com'],
        include_leave: true,
        state: { lazy_load_members: true, include_redundant_members: false },
        timeline: { limit: 1, contains_url: true, unread_thread_notifications: true, senders: ['@a:example.com'] },
        ephemeral: { types: ['m.receipt'] },
        account_data: {},
      },
    });
  });
  it('rejects a limit that is not an integer greater than 0', () => {
    for (const bad of [0, -1, 2.5, '10']) {
      expectRejectedAt(eventFilterSchema, { limit: bad }, 'limit');
      expectRejectedAt(filterSchema, { room: { timeline: { limit: bad } } }, 'room.timeline.limit');
    }
  });
  it('rejects bad senders, rooms, formats and flags', () => {
    expectRejectedAt(eventFilterSchema, { senders: ['alice'] }, 'senders.0');
    expectRejectedAt(roomEventFilterSchema, { not_rooms: ['#alias:example.com'] }, 'not_rooms.0');
    expectRejectedAt(roomEventFilterSchema, { lazy_load_members: 'true' }, 'lazy_load_members');
    expectRejectedAt(filterSchema, { event_format: 'json' }, 'event_format');
    expectRejectedAt(filterSchema, { room: { rooms: ['room'] } }, 'room.rooms.0');
    expectRejectedAt(filterSchema, { event_fields: 'type' }, 'event_fields');
  });
  it('create response: a filter ID not starting with {', () => {
    expectLossless(createFilterResponseSchema, { filter_id: '66696p746572' });
    expectRejectedAt(createFilterResponseSchema, { filter_id: '{"room":{}}' }, 'filter_id');
    expectRejectedAt(createFilterResponseSchema, {}, 'filter_id');
    expect(createFilterResponseSchema.safeParse({ filter_id: '' }).success).toBe(false);
  });
});

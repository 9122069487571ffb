import {
  clientEventSchema,
  clientEventWithoutRoomIdSchema,
  joinedMembersResponseSchema,
  messagesResponseSchema,
  redactEventRequestSchema,
  redactEventResponseSchema,
  roomMembersResponseSchema,
  roomStateResponseSchema,
  sendEventRequestSchema,
  sendEventResponseSchema,
  setStateRequestSchema,
  setStateResponseSchema,
  stateEventResponseSchema,
} from '@maxtryx/entity';
import { describe, expect, it } from 'vitest';
import { expectLossless, expectRejectedAt } from './helpers.js';

const message = {
  content: { body: 'hello', msgtype: 'm.text' },
  type: 'm.room.message',
  event_id: '$143273582443PhrSn:example.org',
  room_id: '!636q39766251:example.com',
  sender: '@example:example.org',
  origin_server_ts: 1432735824653,
  unsigned: { age: 1234, membership: 'join', transaction_id: 'txn1' },
};
const member = {
  ...message,
  type: 'm.room.member',
  state_key: '@example:example.org',
  content: { membership: 'join' },
};

describe('client-format events', () => {
  it('accept v1 and v4 event IDs, negative ages and a redacted_because event', () => {
    expectLossless(clientEventSchema, message);
    expectLossless(clientEventSchema, {
      ...message,
      event_id: '$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg',
      content: {},
      unsigned: {
        age: -20,
        redacted_because: {
          type: 'm.room.redaction',
          sender: '@moderator:example.org',
          content: { reason: 'spam' },
          redacts: '$26RqwJMLw-yds1GAH_QxjHRC1Da9oasK0e5VLnck_45',
          event_id: '$Nhl3rsgHMjk-DjMJANawr9HHAhLg4GcoTYrSiYYGqEE',
          origin_server_ts: 1632491098485,
          room_id: '!jEsUZKDJdhlrceRyVU:example.org',
          unsigned: { age: 1257 },
        },
      },
    });
    expectLossless(clientEventWithoutRoomIdSchema, { ...member, room_id: undefined, unsigned: { replaces_state: '$a:b.c' } });
  });
  it('reject each missing required field', () => {
    for (const key of ['event_id', 'type', 'sender', 'origin_server_ts', 'content', 'room_id'] as const) {
      const { [key]: _dropped, ...rest } = message;
      expectRejectedAt(clientEventSchema, rest, key);
    }
    const { room_id: _roomId, ...withoutRoom } = message;
    expectLossless(clientEventWithoutRoomIdSchema, withoutRoom);
  });
  it('reject malformed identifiers, timestamps and content', () => {
    expectRejectedAt(clientEventSchema, { ...message, event_id: 'YUwRidLecu:example.com' }, 'event_id');
    expectRejectedAt(clientEventSchema, { ...message, sender: '@example' }, 'sender');
    expectRejectedAt(clientEventSchema, { ...message, room_id: '!' }, 'room_id');
    expectRejectedAt(clientEventSchema, { ...message, origin_server_ts: 1.5 }, 'origin_server_ts');
    expectRejectedAt(clientEventSchema, { ...message, origin_server_ts: 2 ** 53 }, 'origin_server_ts');
    expectRejectedAt(clientEventSchema, { ...message, content: 'hello' }, 'content');
    expectRejectedAt(clientEventSchema, { ...message, type: '' }, 'type');
    expectRejectedAt(clientEventSchema, { ...message, state_key: 0 }, 'state_key');
    expectRejectedAt(clientEventSchema, { ...message, unsigned: { age: '1' } }, 'unsigned.age');
    expectRejectedAt(clientEventSchema, { ...message, unsigned: { replaces_state: 'x' } }, 'unsigned.replaces_state');
    expectRejectedAt(
      clientEventSchema,
      {
        ...message,
        unsigned: { redacted_because: { type: 'm.room.redaction', sender: '@a:b.c', origin_server_ts: 1, content: {} } },
      },
      'unsigned.redacted_because.event_id',
    );
    expectRejectedAt(clientEventSchema, { ...message, event_id: `$${'a'.repeat(250)}:example.org` }, 'event_id');
  });
});

describe('sending events and redacting', () => {
  it('send and state bodies are any JSON object', () => {
    expectLossless(sendEventRequestSchema, { msgtype: 'm.text', body: 'hello' });
    expectLossless(setStateRequestSchema, { membership: 'join' });
    expect(sendEventRequestSchema.safeParse(['hello']).success).toBe(false);
    expect(setStateRequestSchema.safeParse('join').success).toBe(false);
  });
  it('responses carry an event ID', () => {
    expectLossless(sendEventResponseSchema, { event_id: '$YUwRidLecu:example.com' });
    expectRejectedAt(sendEventResponseSchema, {}, 'event_id');
    expectRejectedAt(setStateResponseSchema, { event_id: '!YUwRidLecu:example.com' }, 'event_id');
    expectLossless(redactEventResponseSchema, {});
    expectRejectedAt(redactEventResponseSchema, { event_id: 42 }, 'event_id');
  });
  it('redaction request: an optional string reason', () => {
    expectLossless(redactEventRequestSchema, { reason: 'Indecent material' });
    expectRejectedAt(redactEventRequestSchema, { reason: false }, 'reason');
  });
});

describe('reading room state and members', () => {
  it('GET /state: state events only', () => {
    expectLossless(roomStateResponseSchema, [member]);
    expectRejectedAt(roomStateResponseSchema, [member, message], '1.state_key');
    expect(roomStateResponseSchema.safeParse({ chunk: [] }).success).toBe(false);
  });
  it('GET /state/{type}/{key}: content (or the event) as a JSON object', () => {
    expectLossless(stateEventResponseSchema, { name: 'Example room name' });
    expectLossless(stateEventResponseSchema, member);
    expect(stateEventResponseSchema.safeParse('Example room name').success).toBe(false);
  });
  it('GET /members: m.room.member state events', () => {
    expectLossless(roomMembersResponseSchema, { chunk: [member] });
    expectRejectedAt(roomMembersResponseSchema, { chunk: [{ ...member, type: 'm.room.name' }] }, 'chunk.0.type');
    expectRejectedAt(roomMembersResponseSchema, { chunk: [{ ...member, sender: 'x' }] }, 'chunk.0.sender');
  });
  it('GET /joined_members: user IDs to profiles', () => {
    expectLossless(joinedMembersResponseSchema, {
      joined: { '@bar:example.com': { display_name: 'Bar', avatar_url: 'mxc://riot.ovh/printErCATzZijQsSDWorRaK' } },
    });
    expectRejectedAt(joinedMembersResponseSchema, { joined: { bar: {} } }, 'joined.bar');
    expectRejectedAt(
      joinedMembersResponseSchema,
      { joined: { '@bar:example.com': { avatar_url: 'mxc://riot.ovh/bad/id' } } },
      'joined.@bar:example.com.avatar_url',
    );
    expectRejectedAt(joinedMembersResponseSchema, { joined: { '@bar:example.com': { display_name: 1 } } }, 'joined.@bar:example.com.display_name');
  });
});

describe('GET /messages', () => {
  it('accepts a page with and without end and state', () => {
    expectLossless(messagesResponseSchema, { start: 't1', end: 't2', chunk: [message], state: [member] });
    expectLossless(messagesResponseSchema, { start: 't1', chunk: [] });
  });
  it('requires start and chunk, and client-format events', () => {
    expectRejectedAt(messagesResponseSchema, { chunk: [] }, 'start');
    expectRejectedAt(messagesResponseSchema, { start: 't1' }, 'chunk');
    expectRejectedAt(messagesResponseSchema, { start: 't1', chunk: [{ ...message, room_id: undefined }] }, 'chunk.0.room_id');
    expectRejectedAt(messagesResponseSchema, { start: 1, chunk: [] }, 'start');
  });
});

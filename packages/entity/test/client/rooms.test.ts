import {
  banRequestSchema,
  createRoomRequestSchema,
  createRoomResponseSchema,
  emptyResponseSchema,
  inviteRequestSchema,
  joinRoomRequestSchema,
  joinRoomResponseSchema,
  kickRequestSchema,
  knockRoomRequestSchema,
  knockRoomResponseSchema,
  leaveRoomRequestSchema,
  unbanRequestSchema,
} from '@maxtryx/entity';
import { describe, expect, it } from 'vitest';
import { expectLossless, expectRejectedAt } from './helpers.js';

describe('POST /createRoom', () => {
  it('accepts every parameter', () => {
    expectLossless(createRoomRequestSchema, {
      visibility: 'public',
      room_alias_name: 'thepub',
      name: 'The Grand Duke Pub',
      topic: 'All about happy hour',
      invite: ['@alice:example.org'],
      invite_3pid: [{ id_server: 'matrix.org', id_access_token: 'abc', medium: 'email', address: 'cheeky@monkey.com' }],
      room_version: '12',
      creation_content: { 'm.federate': false, additional_creators: ['@bob:example.org'] },
      initial_state: [{ type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
      preset: 'trusted_private_chat',
      is_direct: true,
      power_level_content_override: { users_default: 10 },
    });
    expectLossless(createRoomRequestSchema, {});
  });
  it('rejects values outside the enums', () => {
    expectRejectedAt(createRoomRequestSchema, { visibility: 'hidden' }, 'visibility');
    expectRejectedAt(createRoomRequestSchema, { preset: 'public' }, 'preset');
  });
  it('rejects bad invitees, room versions and state', () => {
    expectRejectedAt(createRoomRequestSchema, { invite: ['@alice:example.org', 'bob'] }, 'invite.1');
    expectRejectedAt(createRoomRequestSchema, { invite: '@alice:example.org' }, 'invite');
    expectRejectedAt(createRoomRequestSchema, { room_version: 'V12' }, 'room_version');
    expectRejectedAt(createRoomRequestSchema, { room_version: 'a'.repeat(33) }, 'room_version');
    expectRejectedAt(createRoomRequestSchema, { room_version: 12 }, 'room_version');
    expectRejectedAt(createRoomRequestSchema, { initial_state: [{ type: 'm.room.name' }] }, 'initial_state.0.content');
    expectRejectedAt(createRoomRequestSchema, { initial_state: [{ content: {} }] }, 'initial_state.0.type');
    expectRejectedAt(createRoomRequestSchema, { creation_content: ['m.federate'] }, 'creation_content');
    expectRejectedAt(createRoomRequestSchema, { invite_3pid: [{ id_access_token: 'x', medium: 'email', address: 'a@b' }] }, 'invite_3pid.0.id_server');
    expectRejectedAt(createRoomRequestSchema, { is_direct: 'true' }, 'is_direct');
  });
  it('rejects alias localparts with a colon, empty, or too long for any alias', () => {
    expectRejectedAt(createRoomRequestSchema, { room_alias_name: 'the:pub' }, 'room_alias_name');
    expectRejectedAt(createRoomRequestSchema, { room_alias_name: '' }, 'room_alias_name');
    expectLossless(createRoomRequestSchema, { room_alias_name: 'a'.repeat(252) });
    expectRejectedAt(createRoomRequestSchema, { room_alias_name: 'a'.repeat(253) }, 'room_alias_name');
    expectRejectedAt(createRoomRequestSchema, { room_alias_name: 'é'.repeat(127) }, 'room_alias_name');
  });
  it('response: a room ID of any room version', () => {
    expectLossless(createRoomResponseSchema, { room_id: '!Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpYQ' });
    expectRejectedAt(createRoomResponseSchema, {}, 'room_id');
    expectRejectedAt(createRoomResponseSchema, { room_id: '#alias:example.org' }, 'room_id');
    expectRejectedAt(createRoomResponseSchema, { room_id: `!${'a'.repeat(250)}:example.org` }, 'room_id');
  });
});

describe('joining, knocking, leaving', () => {
  const signed = {
    sender: '@alice:example.org',
    mxid: '@bob:example.org',
    token: 'random8nonce',
    signatures: { 'example.org': { 'ed25519:0': 'some9signature' } },
  };
  it('join: accepts a reason and third_party_signed', () => {
    expectLossless(joinRoomRequestSchema, { reason: 'Looking for support', third_party_signed: signed });
    expectLossless(joinRoomRequestSchema, {});
  });
  it('join: rejects a malformed third_party_signed', () => {
    expectRejectedAt(joinRoomRequestSchema, { third_party_signed: { ...signed, mxid: 'bob' } }, 'third_party_signed.mxid');
    expectRejectedAt(joinRoomRequestSchema, { third_party_signed: { ...signed, token: undefined } }, 'third_party_signed.token');
    expectRejectedAt(
      joinRoomRequestSchema,
      { third_party_signed: { ...signed, signatures: { 'example.org': { 'ed25519:0': 1 } } } },
      'third_party_signed.signatures.example.org.ed25519:0',
    );
    expectRejectedAt(
      joinRoomRequestSchema,
      { third_party_signed: { ...signed, signatures: { 'bad host!': {} } } },
      'third_party_signed.signatures.bad host!',
    );
    expectRejectedAt(joinRoomRequestSchema, { reason: 5 }, 'reason');
  });
  it('join and knock responses: a room ID', () => {
    expectLossless(joinRoomResponseSchema, { room_id: '!d41d8cd:matrix.org' });
    expectRejectedAt(joinRoomResponseSchema, { room_id: 'd41d8cd:matrix.org' }, 'room_id');
    expectLossless(knockRoomResponseSchema, { room_id: '!d41d8cd:matrix.org' });
    expectRejectedAt(knockRoomResponseSchema, {}, 'room_id');
  });
  it('knock and leave: an optional string reason', () => {
    expectLossless(knockRoomRequestSchema, { reason: 'Let me in' });
    expectRejectedAt(knockRoomRequestSchema, { reason: ['x'] }, 'reason');
    expectLossless(leaveRoomRequestSchema, { reason: 'Saying farewell - thanks for the support!' });
    expectRejectedAt(leaveRoomRequestSchema, { reason: null }, 'reason');
  });
  it('empty responses: any object, no arrays', () => {
    expectLossless(emptyResponseSchema, {});
    expect(emptyResponseSchema.safeParse([]).success).toBe(false);
    expect(emptyResponseSchema.safeParse(null).success).toBe(false);
  });
});

describe('kick, ban, unban, invite', () => {
  it.each([
    ['kick', kickRequestSchema],
    ['ban', banRequestSchema],
    ['unban', unbanRequestSchema],
    ['invite', inviteRequestSchema],
  ] as const)('%s: requires a valid user_id, allows a reason', (_name, schema) => {
    expectLossless(schema, { user_id: '@cheeky_monkey:matrix.org', reason: 'Telling unfunny jokes' });
    expectLossless(schema, { user_id: '@cheeky_monkey:matrix.org' });
    expectRejectedAt(schema, { reason: 'no target' }, 'user_id');
    expectRejectedAt(schema, { user_id: 'cheeky_monkey' }, 'user_id');
    expectRejectedAt(schema, { user_id: '@cheeky_monkey:bad_host' }, 'user_id');
    expectRejectedAt(schema, { user_id: `@${'m'.repeat(244)}:matrix.org` }, 'user_id');
    expectRejectedAt(schema, { user_id: '@cheeky_monkey:matrix.org', reason: 1 }, 'reason');
  });
});

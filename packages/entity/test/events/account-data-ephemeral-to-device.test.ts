import { describe, expect, it } from 'vitest';
import {
  directContentSchema,
  forwardedRoomKeyContentSchema,
  fullyReadContentSchema,
  identityServerContentSchema,
  ignoredUserListContentSchema,
  imagePackRoomsContentSchema,
  keyBackupContentSchema,
  markedUnreadContentSchema,
  policyRuleContentSchema,
  presenceEventSchema,
  pushRulesContentSchema,
  receiptContentSchema,
  recentEmojiContentSchema,
  roomKeyBundleContentSchema,
  roomKeyContentSchema,
  roomKeyRequestContentSchema,
  roomKeyWithheldContentSchema,
  secretRequestContentSchema,
  secretSendContentSchema,
  spaceChildContentSchema,
  spaceChildEventSchema,
  spaceParentContentSchema,
  tagContentSchema,
  typingContentSchema,
} from '@maxtryx/entity';
import { issuePaths, parsesLosslessly, roomEventFields } from './helpers.js';

describe('account data', () => {
  it.each([
    [directContentSchema, { bob: ['!a:example.org'] }, ['bob']],
    [directContentSchema, { '@bob:example.org': ['a'] }, ['@bob:example.org', 0]],
    [tagContentSchema, { tags: { 'u.work': { order: 2 } } }, ['tags', 'u.work', 'order']],
    [tagContentSchema, { tags: { 'u.work': { order: '0.5' } } }, ['tags', 'u.work', 'order']],
    [ignoredUserListContentSchema, {}, ['ignored_users']],
    [ignoredUserListContentSchema, { ignored_users: { '@a:example.org': true } }, ['ignored_users', '@a:example.org']],
    [fullyReadContentSchema, { event_id: 'nope' }, ['event_id']],
    [identityServerContentSchema, { base_url: 5 }, ['base_url']],
    [imagePackRoomsContentSchema, { rooms: { notaroom: {} } }, ['rooms', 'notaroom']],
    [keyBackupContentSchema, {}, ['enabled']],
    [markedUnreadContentSchema, { unread: 'yes' }, ['unread']],
    [recentEmojiContentSchema, { recent_emoji: [{ emoji: '👍' }] }, ['recent_emoji', 0, 'total']],
    [pushRulesContentSchema, { global: { override: [{ actions: [], default: true, enabled: true }] } }, ['global', 'override', 0, 'rule_id']],
    [pushRulesContentSchema, { global: { underride: [{ actions: [], default: true, enabled: true, rule_id: 'r', conditions: [{ key: 'type' }] }] } }, ['global', 'underride', 0, 'conditions', 0, 'kind']],
    [pushRulesContentSchema, { global: { room: [{ actions: [3], default: true, enabled: true, rule_id: 'r' }] } }, ['global', 'room', 0, 'actions', 0]],
  ])('%#: rejects %j at %j', (schema, content, path) => {
    expect(issuePaths(schema, content)).toEqual([path]);
  });
  it('accepts an identity server of null (none) and keeps extra keys', () => {
    expect(parsesLosslessly(identityServerContentSchema, { base_url: null })).toBe(true);
    expect(parsesLosslessly(tagContentSchema, { tags: { 'm.favourite': { order: 0 } }, 'x.y': 1 })).toBe(true);
  });
});

describe('ephemeral events', () => {
  it('m.typing lists user IDs', () => {
    expect(parsesLosslessly(typingContentSchema, { user_ids: ['@a:example.org'] })).toBe(true);
    expect(issuePaths(typingContentSchema, { user_ids: ['@a:example.org', 'b'] })).toEqual([['user_ids', 1]]);
    expect(issuePaths(typingContentSchema, {})).toEqual([['user_ids']]);
  });
  it('m.receipt maps event IDs to receipt types to users', () => {
    const content = { '$a:example.org': { 'm.read': { '@u:example.org': { ts: 1, thread_id: 'main' } } } };
    expect(parsesLosslessly(receiptContentSchema, content)).toBe(true);
    expect(issuePaths(receiptContentSchema, { notanevent: {} })).toEqual([['notanevent']]);
    expect(issuePaths(receiptContentSchema, { '$a:example.org': { 'm.read': { u: { ts: 1 } } } })).toEqual([['$a:example.org', 'm.read', 'u']]);
    expect(issuePaths(receiptContentSchema, { '$a:example.org': { 'm.read.private': { '@u:example.org': { ts: 'x' } } } })).toEqual([['$a:example.org', 'm.read.private', '@u:example.org', 'ts']]);
  });
  it('m.presence needs a sender and a known presence state', () => {
    const event = { type: 'm.presence', sender: '@u:example.org', content: { presence: 'online' } };
    expect(parsesLosslessly(presenceEventSchema, event)).toBe(true);
    expect(issuePaths(presenceEventSchema, { ...event, content: { presence: 'busy' } })).toEqual([['content', 'presence']]);
    expect(issuePaths(presenceEventSchema, { type: 'm.presence', content: { presence: 'online' } })).toEqual([['sender']]);
    expect(issuePaths(presenceEventSchema, { ...event, content: { presence: 'online', last_active_ago: -5 } })).toEqual([['content', 'last_active_ago']]);
  });
});

describe('to-device events', () => {
  const key = { algorithm: 'm.megolm.v1.aes-sha2', room_id: '!r:example.org', session_id: 's', session_key: 'k' };
  it.each([
    [roomKeyContentSchema, { ...key, algorithm: 'm.megolm.v2' }, ['algorithm']],
    [roomKeyContentSchema, { ...key, room_id: 'r' }, ['room_id']],
    [roomKeyContentSchema, { ...key, session_key: undefined }, ['session_key']],
    [forwardedRoomKeyContentSchema, { ...key, sender_key: 'a', sender_claimed_ed25519_key: 'b' }, ['forwarding_curve25519_key_chain']],
    [roomKeyWithheldContentSchema, { algorithm: 'm.megolm.v1.aes-sha2', sender_key: 'a', code: 'm.nope' }, ['code']],
    [roomKeyWithheldContentSchema, { algorithm: 'm.megolm.v1.aes-sha2', code: 'm.no_olm' }, ['sender_key']],
    [roomKeyRequestContentSchema, { action: 'request', requesting_device_id: 'D', request_id: '1' }, ['body']],
    [roomKeyRequestContentSchema, { action: 'cancel', requesting_device_id: 'D', request_id: '1' }, ['action']],
    [roomKeyRequestContentSchema, { action: 'request', requesting_device_id: 'D', request_id: '1', body: { algorithm: 'a', room_id: '!r:example.org' } }, ['body', 'session_id']],
    [roomKeyBundleContentSchema, { room_id: '!r:example.org' }, ['file']],
    [secretRequestContentSchema, { action: 'request', requesting_device_id: 'D', request_id: '1' }, ['name']],
    [secretRequestContentSchema, { action: 'request_cancellation', requesting_device_id: '', request_id: '1' }, ['requesting_device_id']],
    [secretSendContentSchema, { request_id: '1' }, ['secret']],
  ])('%#: rejects %j at %j', (schema, content, path) => {
    expect(issuePaths(schema, content)).toEqual([path]);
  });
  it('a cancellation needs no body or name', () => {
    expect(parsesLosslessly(roomKeyRequestContentSchema, { action: 'request_cancellation', requesting_device_id: 'D', request_id: '1' })).toBe(true);
    expect(parsesLosslessly(secretRequestContentSchema, { action: 'request_cancellation', requesting_device_id: 'D', request_id: '1' })).toBe(true);
  });
});

describe('spaces and policy rules', () => {
  it.each([
    [spaceChildContentSchema, {}, ['via']],
    [spaceChildContentSchema, { via: ['bad server'] }, ['via', 0]],
    [spaceChildContentSchema, { via: ['example.org'], order: 'x'.repeat(51) }, ['order']],
    [spaceChildContentSchema, { via: ['example.org'], order: 'tab\there' }, ['order']],
    [spaceChildContentSchema, { via: ['example.org'], order: '' }, ['order']],
    [spaceParentContentSchema, { via: ['example.org'], canonical: 'true' }, ['canonical']],
    [policyRuleContentSchema, { entity: '@a*:example.org', recommendation: 'm.ban' }, ['reason']],
  ])('%#: rejects %j at %j', (schema, content, path) => {
    expect(issuePaths(schema, content)).toEqual([path]);
  });
  it('the state key of m.space.child is the child room ID', () => {
    const event = { ...roomEventFields, type: 'm.space.child', state_key: '!child:example.org', content: { via: ['example.org'], order: 'x'.repeat(50) } };
    expect(parsesLosslessly(spaceChildEventSchema, event)).toBe(true);
    expect(issuePaths(spaceChildEventSchema, { ...event, state_key: 'child' })).toEqual([['state_key']]);
  });
});

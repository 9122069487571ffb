import { describe, expect, it } from 'vitest';
import {
  roomCanonicalAliasContentSchema,
  roomCreateContentSchema,
  roomCreateEventSchema,
  roomEncryptionContentSchema,
  roomHistoryVisibilityContentSchema,
  roomJoinRulesContentSchema,
  roomMemberContentSchema,
  roomMemberEventSchema,
  roomNameEventSchema,
  roomPinnedEventsContentSchema,
  roomPowerLevelsContentSchema,
  roomRedactionEventSchema,
  roomServerAclContentSchema,
  roomThirdPartyInviteContentSchema,
  roomTombstoneContentSchema,
  roomTopicContentSchema,
  roomAvatarContentSchema,
  roomImagePackContentSchema,
  roomPolicyContentSchema,
} from '@maxtryx/entity';
import { issuePaths, parsesLosslessly, roomEventFields } from './helpers.js';

describe('m.room.create', () => {
  it('accepts a v12 create with additional_creators and keeps unknown keys', () => {
    const content = { room_version: '12', additional_creators: ['@bob:example.org'], 'org.example.x': 1 };
    expect(parsesLosslessly(roomCreateContentSchema, content)).toBe(true);
  });
  it.each([
    [{ room_version: 12 }, ['room_version']],
    [{ 'm.federate': 'yes' }, ['m.federate']],
    [{ additional_creators: ['bob'] }, ['additional_creators', 0]],
    [{ additional_creators: '@bob:example.org' }, ['additional_creators']],
    [{ predecessor: { event_id: '$a:example.org' } }, ['predecessor', 'room_id']],
    [{ predecessor: { room_id: 'oldroom' } }, ['predecessor', 'room_id']],
    [{ creator: '@x' }, ['creator']],
  ])('rejects %j at %j', (content, path) => {
    expect(issuePaths(roomCreateContentSchema, content)).toEqual([path]);
  });
  it('the event requires the empty state key and a client envelope', () => {
    const event = { ...roomEventFields, type: 'm.room.create', state_key: '', content: { room_version: '11' } };
    expect(parsesLosslessly(roomCreateEventSchema, event)).toBe(true);
    expect(issuePaths(roomCreateEventSchema, { ...event, state_key: 'x' })).toEqual([['state_key']]);
    expect(issuePaths(roomCreateEventSchema, { ...event, type: 'm.room.name' })).toEqual([['type']]);
    const { sender: _sender, ...noSender } = event;
    expect(issuePaths(roomCreateEventSchema, noSender)).toEqual([['sender']]);
    expect(issuePaths(roomCreateEventSchema, { ...event, origin_server_ts: 1.5 })).toEqual([['origin_server_ts']]);
    expect(issuePaths(roomCreateEventSchema, { ...event, event_id: '$short' })).toEqual([['event_id']]);
    expect(issuePaths(roomCreateEventSchema, { ...event, room_id: 'jEsUZ:example.org' })).toEqual([['room_id']]);
  });
});

describe('m.room.member', () => {
  const signed = { mxid: '@alice:example.org', token: 'abc123', signatures: { 'magic.forest': { 'ed25519:3': 'sig' } } };
  it('accepts third_party_invite and join_authorised_via_users_server', () => {
    expect(parsesLosslessly(roomMemberContentSchema, { membership: 'invite', third_party_invite: { display_name: 'alice', signed } })).toBe(true);
    expect(parsesLosslessly(roomMemberContentSchema, { membership: 'join', join_authorised_via_users_server: '@bob:example.org', displayname: null })).toBe(true);
  });
  it.each([
    [{}, ['membership']],
    [{ membership: 'joined' }, ['membership']],
    [{ membership: 'join', avatar_url: 'https://example.org/a.png' }, ['avatar_url']],
    [{ membership: 'join', displayname: 5 }, ['displayname']],
    [{ membership: 'join', is_direct: 'true' }, ['is_direct']],
    [{ membership: 'join', join_authorised_via_users_server: 'bob' }, ['join_authorised_via_users_server']],
    [{ membership: 'invite', third_party_invite: { signed } }, ['third_party_invite', 'display_name']],
    [{ membership: 'invite', third_party_invite: { display_name: 'a', signed: { ...signed, mxid: 'alice' } } }, ['third_party_invite', 'signed', 'mxid']],
    [{ membership: 'invite', third_party_invite: { display_name: 'a', signed: { ...signed, signatures: { bad_server: {} } } } }, ['third_party_invite', 'signed', 'signatures', 'bad_server']],
  ])('rejects %j at %j', (content, path) => {
    expect(issuePaths(roomMemberContentSchema, content)).toEqual([path]);
  });
  it('the state key must be a user ID; invite_room_state must be stripped state', () => {
    const event = { ...roomEventFields, type: 'm.room.member', state_key: '@alice:example.org', content: { membership: 'join' } };
    expect(parsesLosslessly(roomMemberEventSchema, event)).toBe(true);
    expect(issuePaths(roomMemberEventSchema, { ...event, state_key: '' })).toEqual([['state_key']]);
    const withState = { ...event, unsigned: { invite_room_state: [{ type: 'm.room.name', state_key: '', content: {} }] } };
    expect(issuePaths(roomMemberEventSchema, withState)).toEqual([['unsigned', 'invite_room_state', 0, 'sender']]);
  });
});

describe('m.room.power_levels', () => {
  it('accepts the full content', () => {
    const content = { ban: 50, events: { 'm.room.name': 100 }, users: { '@a:example.org': 100 }, notifications: { room: 20, 'org.x': 5 } };
    expect(parsesLosslessly(roomPowerLevelsContentSchema, content)).toBe(true);
  });
  it.each([
    [{ ban: '50' }, ['ban']],
    [{ kick: 1.5 }, ['kick']],
    [{ redact: 2 ** 53 }, ['redact']],
    [{ users: { alice: 100 } }, ['users', 'alice']],
    [{ users: { '@a:example.org': 'high' } }, ['users', '@a:example.org']],
    [{ events: { 'm.room.name': null } }, ['events', 'm.room.name']],
    [{ notifications: { room: 'x' } }, ['notifications', 'room']],
    [{ notifications: { other: true } }, ['notifications', 'other']],
  ])('rejects %j at %j', (content, path) => {
    expect(issuePaths(roomPowerLevelsContentSchema, content)).toEqual([path]);
  });
});

describe('m.room.join_rules', () => {
  it('accepts restricted and knock_restricted allow lists', () => {
    for (const join_rule of ['restricted', 'knock_restricted']) {
      expect(parsesLosslessly(roomJoinRulesContentSchema, { join_rule, allow: [{ type: 'm.room_membership', room_id: '!a:example.org' }] })).toBe(true);
    }
  });
  it.each([
    [{}, ['join_rule']],
    [{ join_rule: 'open' }, ['join_rule']],
    [{ join_rule: 'restricted', allow: [{ type: 'm.room_membership' }] }, ['allow', 0, 'room_id']],
    [{ join_rule: 'restricted', allow: [{ type: 'm.other', room_id: '!a:example.org' }] }, ['allow', 0, 'type']],
    [{ join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: 'a' }] }, ['allow', 0, 'room_id']],
  ])('rejects %j at %j', (content, path) => {
    expect(issuePaths(roomJoinRulesContentSchema, content)).toEqual([path]);
  });
});

describe('other room state contents', () => {
  it.each([
    [roomHistoryVisibilityContentSchema, { history_visibility: 'everyone' }, ['history_visibility']],
    [roomHistoryVisibilityContentSchema, {}, ['history_visibility']],
    [roomServerAclContentSchema, { allow: '*' }, ['allow']],
    [roomServerAclContentSchema, { allow_ip_literals: 'no' }, ['allow_ip_literals']],
    [roomTombstoneContentSchema, { body: 'moved' }, ['replacement_room']],
    [roomTombstoneContentSchema, { body: 'moved', replacement_room: 'newroom' }, ['replacement_room']],
    [roomCanonicalAliasContentSchema, { alias: 'somewhere:example.org' }, ['alias']],
    [roomCanonicalAliasContentSchema, { alt_aliases: ['#ok:example.org', '#bad'] }, ['alt_aliases', 1]],
    [roomPinnedEventsContentSchema, { pinned: ['$nope'] }, ['pinned', 0]],
    [roomPinnedEventsContentSchema, {}, ['pinned']],
    [roomEncryptionContentSchema, { algorithm: 'm.olm.v1.curve25519-aes-sha2' }, ['algorithm']],
    [roomEncryptionContentSchema, { algorithm: 'm.megolm.v1.aes-sha2', rotation_period_ms: -1 }, ['rotation_period_ms']],
    [roomThirdPartyInviteContentSchema, { display_name: 'a', public_key: 'k' }, ['key_validity_url']],
    [roomThirdPartyInviteContentSchema, { display_name: 'a', public_key: 'k', key_validity_url: 'u', public_keys: [{}] }, ['public_keys', 0, 'public_key']],
    [roomTopicContentSchema, { topic: 't', 'm.topic': { 'm.text': [{ mimetype: 'text/html' }] } }, ['m.topic', 'm.text', 0, 'body']],
    [roomAvatarContentSchema, { url: 'mxc://example.org/a b' }, ['url']],
    [roomAvatarContentSchema, { url: 'mxc://example.org/abc', info: { w: -3 } }, ['info', 'w']],
    [roomImagePackContentSchema, { images: { 'bad code!': { url: 'mxc://example.org/a' } } }, ['images', 'bad code!']],
    [roomImagePackContentSchema, { images: { ok: {} } }, ['images', 'ok', 'url']],
    [roomImagePackContentSchema, { images: {}, pack: { usage: ['gif'] } }, ['pack', 'usage', 0]],
    [roomPolicyContentSchema, { via: 'policy.example.org', public_keys: {} }, ['public_keys', 'ed25519']],
    [roomPolicyContentSchema, { via: 'not a server', public_keys: { ed25519: 'k' } }, ['via']],
  ])('%#: rejects %j at %j', (schema, content, path) => {
    expect(issuePaths(schema, content)).toEqual([path]);
  });

  it('m.room.name: a name is required and must be a string', () => {
    const event = { ...roomEventFields, type: 'm.room.name', state_key: '', content: { name: 'Lobby' } };
    expect(parsesLosslessly(roomNameEventSchema, event)).toBe(true);
    expect(issuePaths(roomNameEventSchema, { ...event, content: { name: 3 } })).toEqual([['content', 'name']]);
    expect(issuePaths(roomNameEventSchema, { ...event, content: {} })).toEqual([['content', 'name']]);
  });

  it('m.room.redaction: content.redacts (v11+) and the top-level redacts (earlier) are event IDs', () => {
    const event = { ...roomEventFields, type: 'm.room.redaction', content: { redacts: '$a:example.org', reason: 'spam' } };
    expect(parsesLosslessly(roomRedactionEventSchema, event)).toBe(true);
    expect(parsesLosslessly(roomRedactionEventSchema, { ...event, content: {}, redacts: '$a:example.org' })).toBe(true);
    expect(issuePaths(roomRedactionEventSchema, { ...event, content: { redacts: 'a' } })).toEqual([['content', 'redacts']]);
    expect(issuePaths(roomRedactionEventSchema, { ...event, redacts: 42 })).toEqual([['redacts']]);
  });
});

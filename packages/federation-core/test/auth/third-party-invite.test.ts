// Third-party invites (v1 rule 5.3.1): the signed block must verify against a public key of the
// m.room.third_party_invite event, checked with real Ed25519 keys.
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@maxtryx/federation-core';
import {
  checkEventAuthAgainstState,
  encodeBase64,
  encodeBase64Url,
  generateSigningKey,
  getRoomVersion,
  roomVersionIds,
  signJson,
  thirdPartyInvitePublicKeys,
} from '@maxtryx/federation-core';
import { makeEvent, makeRoom } from './helpers.js';

const identityKey = generateSigningKey('0');
const otherKey = generateSigningKey('1');
const carol = '@carol:c.example';

function setup(version: string, inviteContent?: JsonObject) {
  const rv = getRoomVersion(version);
  const room = makeRoom(rv);
  room.member('@alice:a.example', 'join');
  room.add({ type: 'm.room.join_rules', sender: '@alice:a.example', state_key: '', content: { join_rule: 'invite' } });
  room.add({
    type: 'm.room.third_party_invite',
    sender: '@alice:a.example',
    state_key: 'tok123',
    content: inviteContent ?? {
      display_name: 'c...@example.org',
      key_validity_url: 'https://id.example/_matrix/identity/v2/pubkey/isvalid',
      public_key: encodeBase64(otherKey.publicKey),
      public_keys: [{ public_key: encodeBase64(identityKey.publicKey), key_validity_url: 'https://id.example/_matrix/identity/v2/pubkey/isvalid' }],
    },
  });
  const invite = (signed: JsonObject, sender = '@alice:a.example', target = carol) =>
    makeEvent(rv, room.roomId, {
      type: 'm.room.member',
      sender,
      state_key: target,
      content: { membership: 'invite', third_party_invite: { display_name: 'c...@example.org', signed } },
    });
  const signed = (mxid = carol, token = 'tok123', key = identityKey) => signJson({ mxid, token, sender: '@alice:a.example' }, 'id.example', key) as unknown as JsonObject;
  return { rv, room, invite, signed };
}

describe.each(roomVersionIds)('third-party invites, room version %s', (version) => {
  it('allows an invite whose signed block is signed by a key of the invite event (public_keys)', () => {
    const { rv, room, invite, signed } = setup(version);
    expect(checkEventAuthAgainstState(invite(signed()), room.state, rv)).toEqual({ allowed: true });
  });

  it('allows a signature by the single public_key too', () => {
    const { rv, room, invite, signed } = setup(version);
    expect(checkEventAuthAgainstState(invite(signed(carol, 'tok123', otherKey)), room.state, rv)).toEqual({ allowed: true });
  });

  it('needs no sender membership: the third-party invite decides (5.3.1.7)', () => {
    const { rv, room, invite, signed } = setup(version);
    room.member('@alice:a.example', 'leave');
    expect(checkEventAuthAgainstState(invite(signed()), room.state, rv).allowed).toBe(true);
  });

  it('rejects a signature by a key not in the invite event (5.3.1.8)', () => {
    const { rv, room, invite, signed } = setup(version);
    const stranger = generateSigningKey('2');
    const result = checkEventAuthAgainstState(invite(signed(carol, 'tok123', stranger)), room.state, rv);
    expect(result).toMatchObject({ allowed: false, step: 'member.invite.third_party.signature' });
  });

  it('rejects a signed block altered after signing', () => {
    const { rv, room, invite, signed } = setup(version);
    const tampered = { ...signed(), sender: '@mallory:m.example' };
    expect(checkEventAuthAgainstState(invite(tampered), room.state, rv)).toMatchObject({ allowed: false, step: 'member.invite.third_party.signature' });
  });

  it('rejects when the target is banned (5.3.1.1)', () => {
    const { rv, room, invite, signed } = setup(version);
    room.member(carol, 'ban', '@alice:a.example');
    expect(checkEventAuthAgainstState(invite(signed()), room.state, rv)).toMatchObject({ allowed: false, step: 'member.invite.third_party.banned' });
  });

  it('rejects without signed (5.3.1.2), without mxid/token (5.3.1.3), with another mxid (5.3.1.4)', () => {
    const { rv, room, invite, signed } = setup(version);
    const noSigned = makeEvent(rv, room.roomId, { type: 'm.room.member', sender: '@alice:a.example', state_key: carol, content: { membership: 'invite', third_party_invite: { display_name: 'x' } } });
    expect(checkEventAuthAgainstState(noSigned, room.state, rv)).toMatchObject({ step: 'member.invite.third_party.signed' });
    const noToken = signJson({ mxid: carol, sender: '@alice:a.example' }, 'id.example', identityKey) as unknown as JsonObject;
    expect(checkEventAuthAgainstState(invite(noToken), room.state, rv)).toMatchObject({ step: 'member.invite.third_party.mxid_token' });
    expect(checkEventAuthAgainstState(invite(signed('@dave:d.example')), room.state, rv)).toMatchObject({ step: 'member.invite.third_party.mxid' });
  });

  it('rejects an unknown token (5.3.1.5) and a sender other than the invite event sender (5.3.1.6)', () => {
    const { rv, room, invite, signed } = setup(version);
    expect(checkEventAuthAgainstState(invite(signed(carol, 'nope')), room.state, rv)).toMatchObject({ step: 'member.invite.third_party.invite_event' });
    room.member('@mod:a.example', 'join');
    expect(checkEventAuthAgainstState(invite(signed(), '@mod:a.example'), room.state, rv)).toMatchObject({ step: 'member.invite.third_party.sender' });
  });

  it('treats malformed public keys and signatures as not matching', () => {
    const { rv, room, invite, signed } = setup(version, { public_key: 'not base64!', public_keys: [{ public_key: 42 }, 'x'] });
    expect(checkEventAuthAgainstState(invite(signed()), room.state, rv)).toMatchObject({ step: 'member.invite.third_party.signature' });
    const { rv: rv2, room: room2, invite: invite2 } = setup(version);
    const junk = { mxid: carol, token: 'tok123', signatures: { 'id.example': { 'ed25519:0': 'AAAA' } } };
    expect(checkEventAuthAgainstState(invite2(junk), room2.state, rv2)).toMatchObject({ step: 'member.invite.third_party.signature' });
  });

  it('accepts identity-server keys in URL-safe or padded base64', () => {
    const { rv, room, invite, signed } = setup(version, { public_key: encodeBase64Url(identityKey.publicKey) });
    expect(checkEventAuthAgainstState(invite(signed()), room.state, rv).allowed).toBe(true);
    const padded = encodeBase64(identityKey.publicKey) + '=';
    const second = setup(version, { public_keys: [{ public_key: padded }] });
    expect(checkEventAuthAgainstState(second.invite(second.signed()), second.room.state, second.rv).allowed).toBe(true);
  });
});

describe('thirdPartyInvitePublicKeys', () => {
  it('lists public_key then public_keys, skipping non-strings', () => {
    expect(thirdPartyInvitePublicKeys({ public_key: 'a', public_keys: [{ public_key: 'b' }, { public_key: 3 }, 'c'] })).toEqual(['a', 'b']);
    expect(thirdPartyInvitePublicKeys(null)).toEqual([]);
  });
});

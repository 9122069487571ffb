import { describe, expect, it } from 'vitest';
import {
  reactionEventSchema,
  roomEncryptedContentSchema,
  roomMessageContentSchema,
  roomMessageEventSchema,
  stickerContentSchema,
} from '@maxtryx/entity';
import { issuePaths, parsesLosslessly, roomEventFields } from './helpers.js';

const file = {
  url: 'mxc://example.org/FHyPlCeYUSFFxlgbQYZmoEoe',
  key: { alg: 'A256CTR', ext: true, k: 'aWF6', key_ops: ['encrypt', 'decrypt'], kty: 'oct' },
  iv: 'w+sE15fzSc0AAAAAAAAAAA',
  hashes: { sha256: 'fdSLu' },
  v: 'v2',
};

describe('m.room.message (union over msgtype)', () => {
  it.each([
    { msgtype: 'm.text', body: 'hi', format: 'org.matrix.custom.html', formatted_body: '<b>hi</b>' },
    { msgtype: 'm.emote', body: 'waves' },
    { msgtype: 'm.notice', body: 'bot says' },
    { msgtype: 'm.image', body: 'cat.png', url: 'mxc://example.org/abc', info: { w: 1, h: 2, mimetype: 'image/png', size: 3 } },
    { msgtype: 'm.image', body: 'secret.png', file },
    { msgtype: 'm.file', body: 'a.doc', filename: 'a.doc', url: 'mxc://example.org/abc', info: { thumbnail_file: file } },
    { msgtype: 'm.audio', body: 'song', url: 'mxc://example.org/abc', info: { duration: 1000 } },
    { msgtype: 'm.video', body: 'clip', url: 'mxc://example.org/abc', info: { duration: 1000, w: 1, h: 1 } },
    { msgtype: 'm.location', body: 'Big Ben', geo_uri: 'geo:51.5008,0.1247' },
    { msgtype: 'm.server_notice', body: 'limit', server_notice_type: 'm.server_notice.usage_limit_reached' },
    { msgtype: 'm.key.verification.request', from_device: 'AliceDevice2', methods: ['m.sas.v1'], to: '@bob:example.org' },
    { msgtype: 'org.example.custom', body: 'fallback', 'org.example.data': [1, 2] },
  ])('accepts and keeps %j', (content) => {
    expect(parsesLosslessly(roomMessageContentSchema, content)).toBe(true);
  });

  it.each([
    [{ body: 'no msgtype' }, ['msgtype']],
    [{ msgtype: 7, body: 'x' }, ['msgtype']],
    [{ msgtype: 'm.text' }, ['body']],
    [{ msgtype: 'm.text', body: 5 }, ['body']],
    [{ msgtype: 'm.emote', body: 'x', formatted_body: {} }, ['formatted_body']],
    [{ msgtype: 'org.example.custom' }, ['body']],
    [{ msgtype: 'm.image', body: 'x', url: 'http://example.org/x.png' }, ['url']],
    [{ msgtype: 'm.image', body: 'x', info: { size: -1 } }, ['info', 'size']],
    [{ msgtype: 'm.image', body: 'x', file: { ...file, key: { ...file.key, alg: 'A128CBC' } } }, ['file', 'key', 'alg']],
    [{ msgtype: 'm.file', body: 'x', info: { thumbnail_info: { w: 'wide' } } }, ['info', 'thumbnail_info', 'w']],
    [{ msgtype: 'm.audio', body: 'x', info: { duration: 1.5 } }, ['info', 'duration']],
    [{ msgtype: 'm.location', body: 'x', geo_uri: 'https://maps.example.org' }, ['geo_uri']],
    [{ msgtype: 'm.location', body: 'x' }, ['geo_uri']],
    [{ msgtype: 'm.server_notice', body: 'x' }, ['server_notice_type']],
    [{ msgtype: 'm.key.verification.request', from_device: 'D', methods: ['m.sas.v1'], to: 'bob' }, ['to']],
  ])('rejects %j at %j', (content, path) => {
    expect(issuePaths(roomMessageContentSchema, content)).toEqual([path]);
  });

  it('reports paths through the whole event', () => {
    const event = { ...roomEventFields, type: 'm.room.message', content: { msgtype: 'm.text', body: 'hi' } };
    expect(parsesLosslessly(roomMessageEventSchema, event)).toBe(true);
    expect(issuePaths(roomMessageEventSchema, { ...event, content: { msgtype: 'm.text' } })).toEqual([['content', 'body']]);
    expect(issuePaths(roomMessageEventSchema, { ...event, content: 'hi' })).toEqual([['content']]);
  });
});

describe('m.room.encrypted (union over algorithm)', () => {
  it('accepts Megolm and Olm contents', () => {
    expect(parsesLosslessly(roomEncryptedContentSchema, { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'Awg', session_id: 'X3l', device_id: 'RJY', sender_key: 'IlR' })).toBe(true);
    expect(parsesLosslessly(roomEncryptedContentSchema, { algorithm: 'm.olm.v1.curve25519-aes-sha2', sender_key: 'Szl', ciphertext: { '7qZ': { type: 0, body: 'Awo' } } })).toBe(true);
  });
  it.each([
    [{ algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'Awg' }, ['session_id']],
    [{ algorithm: 'm.megolm.v1.aes-sha2', ciphertext: { a: { type: 0, body: 'b' } }, session_id: 's' }, ['ciphertext']],
    [{ algorithm: 'm.olm.v1.curve25519-aes-sha2', sender_key: 'S', ciphertext: { k: { type: '0', body: 'b' } } }, ['ciphertext', 'k', 'type']],
    [{ algorithm: 'm.olm.v1.curve25519-aes-sha2', ciphertext: {} }, ['sender_key']],
  ])('rejects %j at %j', (content, path) => {
    expect(issuePaths(roomEncryptedContentSchema, content)).toEqual([path]);
  });
  it('rejects an unknown algorithm', () => {
    expect(roomEncryptedContentSchema.safeParse({ algorithm: 'm.none', ciphertext: 'x' }).success).toBe(false);
  });
});

describe('m.reaction and m.sticker', () => {
  const reaction = { ...roomEventFields, type: 'm.reaction', content: { 'm.relates_to': { rel_type: 'm.annotation', event_id: '$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg', key: '👍' } } };
  it('accepts an annotation of a valid event ID', () => {
    expect(parsesLosslessly(reactionEventSchema, reaction)).toBe(true);
  });
  it.each([
    [{ rel_type: 'm.reference', event_id: '$a:example.org', key: 'x' }, ['content', 'm.relates_to', 'rel_type']],
    [{ rel_type: 'm.annotation', event_id: '$some_event_id', key: 'x' }, ['content', 'm.relates_to', 'event_id']],
    [{ rel_type: 'm.annotation', event_id: '$a:example.org' }, ['content', 'm.relates_to', 'key']],
  ])('rejects the relation %j at %j', (relation, path) => {
    expect(issuePaths(reactionEventSchema, { ...reaction, content: { 'm.relates_to': relation } })).toEqual([path]);
  });
  it('a sticker needs body, info and an mxc url', () => {
    expect(parsesLosslessly(stickerContentSchema, { body: 'Landing', info: { w: 1 }, url: 'mxc://matrix.org/sHhq' })).toBe(true);
    expect(issuePaths(stickerContentSchema, { body: 'Landing', url: 'mxc://matrix.org/sHhq' })).toEqual([['info']]);
    expect(issuePaths(stickerContentSchema, { body: 'Landing', info: {}, url: 'sHhq' })).toEqual([['url']]);
  });
});

import {
  anyEduSchema,
  deviceListUpdateEduSchema,
  directToDeviceEduSchema,
  eduSchema,
  presenceEduSchema,
  receiptEduSchema,
  signingKeyUpdateEduSchema,
  typingEduSchema,
} from '@maxtryx/entity';
import { describe, expect, it } from 'vitest';
import { issuePaths } from '../pdu/pdu-fixtures.js';

const typing = { edu_type: 'm.typing', content: { room_id: '!somewhere:matrix.org', user_id: '@john:matrix.org', typing: true } };
const presence = {
  edu_type: 'm.presence',
  content: {
    push: [{ user_id: '@john:matrix.org', presence: 'online', status_msg: 'Making cupcakes', last_active_ago: 5000, currently_active: true }],
  },
};
// The content example of definitions/event-schemas/m.receipt.yaml, plus a thread ID.
const receipt = {
  edu_type: 'm.receipt',
  content: {
    '!some_room:example.org': {
      'm.read': { '@john:matrix.org': { event_ids: ['$read_this_event:matrix.org'], data: { ts: 1533358089009, thread_id: 'main' } } },
    },
  },
};
const deviceKeys = {
  user_id: '@john:example.com',
  device_id: 'QBUAZIFURK',
  algorithms: ['m.olm.v1.curve25519-aes-sha2', 'm.megolm.v1.aes-sha2'],
  keys: { 'curve25519:QBUAZIFURK': '3C5BFWi2Y8MaVvjM8M22DBmh24PmgR0nPvJOIArzgyI' },
  signatures: { '@john:example.com': { 'ed25519:QBUAZIFURK': 'dSO80A01XiigH3uBiDVx' } },
};
const deviceListUpdate = {
  edu_type: 'm.device_list_update',
  content: { user_id: '@john:example.com', device_id: 'QBUAZIFURK', device_display_name: 'Mobile', stream_id: 6, prev_id: [5], deleted: false, keys: deviceKeys },
};
const signingKeyUpdate = {
  edu_type: 'm.signing_key_update',
  content: {
    user_id: '@alice:example.com',
    master_key: { user_id: '@alice:example.com', usage: ['master'], keys: { 'ed25519:base64+master+public+key': 'base64+master+public+key' } },
    self_signing_key: {
      user_id: '@alice:example.com',
      usage: ['self_signing'],
      keys: { 'ed25519:base64+self+signing+public+key': 'base64+self+signing+master+public+key' },
      signatures: { '@alice:example.com': { 'ed25519:base64+master+public+key': 'signature+of+self+signing+key' } },
    },
  },
};
const directToDevice = {
  edu_type: 'm.direct_to_device',
  content: {
    sender: '@john:example.com',
    type: 'm.room_key_request',
    message_id: 'hiezohf6Hoo7kaev',
    messages: { '@alice:example.org': { IWHQUZUIAH: { algorithm: 'm.megolm.v1.aes-sha2', room_id: '!Cuyf34gef24t:localhost' }, '*': {} } },
  },
};

const typed = [
  ['m.typing', typingEduSchema, typing],
  ['m.presence', presenceEduSchema, presence],
  ['m.receipt', receiptEduSchema, receipt],
  ['m.device_list_update', deviceListUpdateEduSchema, deviceListUpdate],
  ['m.signing_key_update', signingKeyUpdateEduSchema, signingKeyUpdate],
  ['m.direct_to_device', directToDeviceEduSchema, directToDevice],
] as const;

describe('EDUs parse losslessly with their schema, the generic schema and anyEduSchema', () => {
  it.each(typed)('%s', (_type, schema, edu) => {
    const withExtra = { ...structuredClone(edu), extra_key: { kept: true } };
    expect(schema.parse(withExtra)).toStrictEqual(withExtra);
    expect(eduSchema.parse(withExtra)).toStrictEqual(withExtra);
    expect(anyEduSchema.parse(withExtra)).toStrictEqual(withExtra);
  });

  it('anyEduSchema accepts an EDU of a type the spec does not define', () => {
    const custom = { edu_type: 'org.example.custom', content: { anything: [1, 'two'] } };
    expect(anyEduSchema.parse(custom)).toStrictEqual(custom);
  });

  it('each typed schema rejects another edu_type', () => {
    for (const [, schema, edu] of typed) {
      expect(issuePaths(schema.safeParse({ ...edu, edu_type: 'm.other' }))).toEqual(['edu_type']);
    }
  });
});

describe('EDUs reject bad input, naming the path', () => {
  it('the generic shape', () => {
    expect(issuePaths(eduSchema.safeParse({ content: {} }))).toEqual(['edu_type']);
    expect(issuePaths(eduSchema.safeParse({ edu_type: 'm.typing' }))).toEqual(['content']);
    expect(issuePaths(eduSchema.safeParse({ edu_type: 5, content: [] }))).toEqual(['edu_type', 'content']);
    expect(issuePaths(anyEduSchema.safeParse({ edu_type: 'x.custom', content: 'text' }))).toEqual(['content']);
  });

  it.each([
    ['m.typing wrong type', typing, (e: any) => (e.content.typing = 'yes'), ['content.typing']],
    ['m.typing missing room_id', typing, (e: any) => delete e.content.room_id, ['content.room_id']],
    ['m.typing bad room ID', typing, (e: any) => (e.content.room_id = 'somewhere'), ['content.room_id']],
    ['m.typing bad user ID', typing, (e: any) => (e.content.user_id = '@john'), ['content.user_id']],
    ['m.presence unknown state', presence, (e: any) => (e.content.push[0].presence = 'busy'), ['content.push.0.presence']],
    ['m.presence missing last_active_ago', presence, (e: any) => delete e.content.push[0].last_active_ago, ['content.push.0.last_active_ago']],
    ['m.presence missing push', presence, (e: any) => delete e.content.push, ['content.push']],
    ['m.receipt two event IDs', receipt, (e: any) => e.content['!some_room:example.org']['m.read']['@john:matrix.org'].event_ids.push('$b:x.org'), ['content.!some_room:example.org.m.read.@john:matrix.org.event_ids']],
    ['m.receipt no event ID', receipt, (e: any) => (e.content['!some_room:example.org']['m.read']['@john:matrix.org'].event_ids = []), ['content.!some_room:example.org.m.read.@john:matrix.org.event_ids']],
    ['m.receipt missing ts', receipt, (e: any) => delete e.content['!some_room:example.org']['m.read']['@john:matrix.org'].data.ts, ['content.!some_room:example.org.m.read.@john:matrix.org.data.ts']],
    ['m.receipt missing m.read', receipt, (e: any) => (e.content['!some_room:example.org'] = {}), ['content.!some_room:example.org.m.read']],
    ['m.receipt key not a room ID', receipt, (e: any) => (e.content = { some_room: e.content['!some_room:example.org'] }), ['content.some_room']],
    ['m.device_list_update stream_id string', deviceListUpdate, (e: any) => (e.content.stream_id = '6'), ['content.stream_id']],
    ['m.device_list_update prev_id float', deviceListUpdate, (e: any) => (e.content.prev_id = [1.5]), ['content.prev_id.0']],
    ['m.device_list_update missing device_id', deviceListUpdate, (e: any) => delete e.content.device_id, ['content.device_id']],
    ['m.device_list_update keys without signatures', deviceListUpdate, (e: any) => delete e.content.keys.signatures, ['content.keys.signatures']],
    ['m.signing_key_update two keys in master_key', signingKeyUpdate, (e: any) => (e.content.master_key.keys['ed25519:other'] = 'x'), ['content.master_key.keys']],
    ['m.signing_key_update unknown usage', signingKeyUpdate, (e: any) => (e.content.master_key.usage = ['admin']), ['content.master_key.usage.0']],
    ['m.signing_key_update missing user_id', signingKeyUpdate, (e: any) => delete e.content.user_id, ['content.user_id']],
    ['m.direct_to_device 33-code-point message_id', directToDevice, (e: any) => (e.content.message_id = '😀'.repeat(33)), ['content.message_id']],
    ['m.direct_to_device messages keyed by non-user', directToDevice, (e: any) => (e.content.messages = { alice: {} }), ['content.messages.alice']],
    ['m.direct_to_device message body not an object', directToDevice, (e: any) => (e.content.messages['@alice:example.org'].IWHQUZUIAH = 'hi'), ['content.messages.@alice:example.org.IWHQUZUIAH']],
    ['m.direct_to_device missing sender', directToDevice, (e: any) => delete e.content.sender, ['content.sender']],
  ] as Array<[string, object, (edu: unknown) => void, string[]]>)('%s', (_name, valid, mutate, paths) => {
    const edu = structuredClone(valid) as { edu_type: keyof typeof schemas };
    mutate(edu);
    const schemas = Object.fromEntries(typed.map(([type, schema]) => [type, schema]));
    expect(issuePaths(schemas[edu.edu_type]!.safeParse(edu))).toEqual(paths);
    // The union reports the same paths, and the generic schema does not look inside.
    expect(issuePaths(anyEduSchema.safeParse(edu))).toEqual(paths);
    expect(eduSchema.safeParse(edu).success).toBe(true);
  });

  it('a message_id of 32 code points (64 UTF-16 units) passes', () => {
    const edu = structuredClone(directToDevice);
    edu.content.message_id = '😀'.repeat(32);
    expect(directToDeviceEduSchema.safeParse(edu).success).toBe(true);
  });
});

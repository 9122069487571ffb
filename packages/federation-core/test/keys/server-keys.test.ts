import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  InvalidServerKeyDocumentError,
  MAX_KEY_VALIDITY_MS,
  buildServerKeyDocument,
  effectiveValidUntilTs,
  hashAndSignEvent,
  serverKeysLookup,
  signJson,
  signingKeyFromSeed,
  verifyEventSignatures,
  verifyJsonSignature,
  verifyNotaryKeyResponse,
  verifyServerKeyDocument,
} from '@maxtryx/federation-core';
import type { VerifiedServerKeys } from '@maxtryx/federation-core';

const specExample = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../vendor/matrix-spec/data/api/server-server/examples/${name}`, import.meta.url)), 'utf8'));

const k1 = signingKeyFromSeed('ed25519:a_1', new Uint8Array(32).fill(1));
const k2 = signingKeyFromSeed('ed25519:a_2', new Uint8Array(32).fill(2));
const old = signingKeyFromSeed('ed25519:0ld', new Uint8Array(32).fill(3));
const notaryKey = signingKeyFromSeed('ed25519:n', new Uint8Array(32).fill(4));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

const T = 1_700_000_000_000;
const doc = buildServerKeyDocument({
  serverName: 'example.org',
  keys: [k1, k2],
  oldVerifyKeys: [{ keyId: old.keyId, publicKey: old.publicKey, expiredTs: T - 1000 }],
  validUntilTs: T + 86_400_000,
});

describe('buildServerKeyDocument', () => {
  it('lists current and old keys as unpadded base64 and the validity', () => {
    expect(doc.server_name).toBe('example.org');
    expect(doc.valid_until_ts).toBe(T + 86_400_000);
    expect(doc.verify_keys).toEqual({ 'ed25519:a_1': { key: b64(k1.publicKey) }, 'ed25519:a_2': { key: b64(k2.publicKey) } });
    expect(doc.old_verify_keys).toEqual({ 'ed25519:0ld': { key: b64(old.publicKey), expired_ts: T - 1000 } });
  });
  it('is signed by every current key, each signature over the document without signatures', () => {
    expect(Object.keys(doc.signatures['example.org']!).sort()).toEqual(['ed25519:a_1', 'ed25519:a_2']);
    expect(verifyJsonSignature(doc, 'example.org', 'ed25519:a_1', k1.publicKey)).toBe(true);
    expect(verifyJsonSignature(doc, 'example.org', 'ed25519:a_2', k2.publicKey)).toBe(true);
  });
  it('rejects bad input with the typed error', () => {
    const ok = { serverName: 'example.org', keys: [k1], validUntilTs: T };
    expect(() => buildServerKeyDocument({ ...ok, keys: [] })).toThrow(InvalidServerKeyDocumentError);
    expect(() => buildServerKeyDocument({ ...ok, serverName: 'bad name' })).toThrow(/server name/);
    expect(() => buildServerKeyDocument({ ...ok, keys: [k1, k1] })).toThrow(/twice/);
    expect(() => buildServerKeyDocument({ ...ok, validUntilTs: 1.5 })).toThrow(/valid_until_ts/);
    expect(() => buildServerKeyDocument({ ...ok, keys: [signingKeyFromSeed('ed25519:bad-id', new Uint8Array(32))] })).toThrow(/key ID/);
  });
});

describe('verifyServerKeyDocument', () => {
  it('accepts a document signed by each of its keys and returns the keys', () => {
    const result = verifyServerKeyDocument(structuredClone(doc), { serverName: 'example.org', now: T });
    expect(result).toMatchObject({ ok: true, serverName: 'example.org', validUntilTs: T + 86_400_000, expired: false, effectiveValidUntilTs: T + 86_400_000 });
    if (!result.ok) throw new Error('unreachable');
    expect(result.verifyKeys['ed25519:a_1']).toEqual(k1.publicKey);
    expect(result.oldVerifyKeys['ed25519:0ld']).toEqual({ key: old.publicKey, expiredTs: T - 1000 });
  });
  it('reports expiry and caps the validity at 7 days (rooms/v5)', () => {
    const long = buildServerKeyDocument({ serverName: 'example.org', keys: [k1], validUntilTs: T + 30 * 86_400_000 });
    expect(verifyServerKeyDocument(long, { serverName: 'example.org', now: T })).toMatchObject({ ok: true, effectiveValidUntilTs: T + MAX_KEY_VALIDITY_MS });
    const expired = verifyServerKeyDocument(doc, { serverName: 'example.org', now: T + 86_400_001 });
    expect(expired).toMatchObject({ ok: true, expired: true });
    expect(effectiveValidUntilTs(5, 0)).toBe(5);
  });
  it('fails for another server name', () => {
    expect(verifyServerKeyDocument(doc, { serverName: 'evil.org' })).toMatchObject({ ok: false, reason: expect.stringMatching(/server_name/) });
  });
  it('fails when one current key has not signed', () => {
    const d = structuredClone(doc);
    delete d.signatures['example.org']!['ed25519:a_2'];
    expect(verifyServerKeyDocument(d, { serverName: 'example.org' })).toMatchObject({ ok: false, reason: expect.stringMatching(/a_2/) });
  });
  it.each([
    ['a changed validity', (d: typeof doc) => ({ ...d, valid_until_ts: d.valid_until_ts + 1 })],
    ['a swapped key', (d: typeof doc) => ({ ...d, verify_keys: { ...d.verify_keys, 'ed25519:a_2': { key: b64(old.publicKey) } } })],
    ['an added key', (d: typeof doc) => ({ ...d, verify_keys: { ...d.verify_keys, 'ed25519:x': { key: b64(old.publicKey) } } })],
    ['a changed old key expiry', (d: typeof doc) => ({ ...d, old_verify_keys: { 'ed25519:0ld': { key: b64(old.publicKey), expired_ts: T } } })],
  ])('fails when tampered: %s', (_name, change) => {
    expect(verifyServerKeyDocument(change(structuredClone(doc)), { serverName: 'example.org' }).ok).toBe(false);
  });
  it('fails a document with no ed25519 verify key', () => {
    const empty = signJson({ server_name: 'example.org', verify_keys: {}, valid_until_ts: T }, 'example.org', k1);
    expect(verifyServerKeyDocument(empty, { serverName: 'example.org' })).toMatchObject({ ok: false, reason: expect.stringMatching(/no ed25519/) });
  });
  it('throws the typed error for malformed documents', () => {
    const bad: unknown[] = [
      null,
      [],
      { ...doc, server_name: 5 },
      { ...doc, verify_keys: [] },
      { ...doc, verify_keys: { 'ed25519:a_1': { key: 'not base64!' } } },
      { ...doc, verify_keys: { 'ed25519:a_1': { key: b64(new Uint8Array(31)) } } },
      { ...doc, valid_until_ts: '1' },
      { ...doc, old_verify_keys: { 'ed25519:0ld': { key: b64(old.publicKey) } } },
      { ...doc, signatures: 'x' },
      { ...doc, verify_keys: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`ed25519:k${i}`, { key: b64(k1.publicKey) }])) },
    ];
    for (const d of bad) expect(() => verifyServerKeyDocument(d, { serverName: 'example.org' }), JSON.stringify(d)?.slice(0, 80)).toThrow(InvalidServerKeyDocumentError);
  });
  it('the spec example documents parse as data but their placeholder keys are not 32 bytes', () => {
    expect(() => verifyServerKeyDocument(specExample('server_key.json'), { serverName: 'example.org' })).toThrow(/not 32/);
  });
});

describe('verifyNotaryKeyResponse', () => {
  const notarised = (d: object) => signJson(structuredClone(d), 'notary.example', notaryKey);
  const lookupNotaryKey = (server: string, keyId: string) => (server === 'notary.example' && keyId === 'ed25519:n' ? notaryKey.publicKey : undefined);
  const other = buildServerKeyDocument({ serverName: 'other.org', keys: [old], validUntilTs: T });

  it('accepts documents with valid self and notary signatures', async () => {
    const results = await verifyNotaryKeyResponse({ server_keys: [notarised(doc), notarised(other)] }, { notaryServerName: 'notary.example', lookupNotaryKey });
    expect(results.map((r) => [r.ok, r.ok && r.serverName, r.ok && r.notaryKeyIds])).toEqual([
      [true, 'example.org', ['ed25519:n']],
      [true, 'other.org', ['ed25519:n']],
    ]);
  });
  it('judges each document on its own', async () => {
    const tampered = { ...notarised(doc), valid_until_ts: 1 };
    const results = await verifyNotaryKeyResponse(
      { server_keys: [doc, tampered, notarised(other), { nonsense: true }, notarised({ ...other, verify_keys: 'x' })] },
      { notaryServerName: 'notary.example', lookupNotaryKey },
    );
    expect(results.map((r) => r.ok)).toEqual([false, false, true, false, false]);
    expect(results[0]).toMatchObject({ serverName: 'example.org', reason: expect.stringMatching(/notary/) });
    expect(results[4]).toMatchObject({ reason: expect.stringMatching(/verify_keys/) });
  });
  it('fails when the notary key is unknown or its signature is wrong', async () => {
    const unknown = await verifyNotaryKeyResponse({ server_keys: [notarised(doc)] }, { notaryServerName: 'notary.example', lookupNotaryKey: () => undefined });
    expect(unknown[0]).toMatchObject({ ok: false, reason: expect.stringMatching(/known key/) });
    const wrong = await verifyNotaryKeyResponse({ server_keys: [notarised(doc)] }, { notaryServerName: 'notary.example', lookupNotaryKey: () => k1.publicKey });
    expect(wrong[0]).toMatchObject({ ok: false, reason: expect.stringMatching(/does not verify/) });
  });
  it('refuses documents for servers not asked for', async () => {
    const results = await verifyNotaryKeyResponse(
      { server_keys: [notarised(doc), notarised(other)] },
      { notaryServerName: 'notary.example', lookupNotaryKey, requestedServerNames: ['other.org'] },
    );
    expect(results.map((r) => r.ok)).toEqual([false, true]);
  });
  it('throws the typed error for a malformed response and bounds its size', async () => {
    await expect(verifyNotaryKeyResponse({}, { notaryServerName: 'n', lookupNotaryKey })).rejects.toThrow(InvalidServerKeyDocumentError);
    await expect(verifyNotaryKeyResponse({ server_keys: new Array(257).fill({}) }, { notaryServerName: 'n', lookupNotaryKey })).rejects.toThrow(/more than/);
  });
  it('the spec notary example is structurally read (placeholder keys are rejected)', async () => {
    const results = await verifyNotaryKeyResponse({ server_keys: [specExample('server_key.json')] }, { notaryServerName: 'notary.server.com', lookupNotaryKey });
    expect(results[0]).toMatchObject({ ok: false, serverName: 'example.org' });
  });
});

describe('serverKeysLookup with verifyEventSignatures', () => {
  const verified = verifyServerKeyDocument(doc, { serverName: 'example.org' }) as VerifiedServerKeys & { ok: true };
  const lookup = serverKeysLookup([verified]);
  const event = (ts: number) => ({
    type: 'm.room.message',
    room_id: '!r:example.org',
    sender: '@a:example.org',
    content: { body: 'x' },
    origin_server_ts: ts,
    depth: 1,
    prev_events: [],
    auth_events: [],
    hashes: {},
    signatures: {},
  });

  it('answers current keys with validity and old keys with expiry', async () => {
    expect(await lookup('example.org', 'ed25519:a_1')).toEqual({ key: k1.publicKey, validUntilTs: T + 86_400_000 });
    expect(await lookup('example.org', 'ed25519:0ld')).toEqual({ key: old.publicKey, expiredTs: T - 1000 });
    expect(await lookup('example.org', 'ed25519:none')).toBeUndefined();
    expect(await lookup('other.org', 'ed25519:a_1')).toBeUndefined();
  });
  it('an old key verifies events from before its expiry only', async () => {
    const before = hashAndSignEvent(event(T - 2000), 'example.org', old, '10');
    const after = hashAndSignEvent(event(T), 'example.org', old, '10');
    expect((await verifyEventSignatures(before, '10', lookup)).ok).toBe(true);
    expect((await verifyEventSignatures(after, '10', lookup)).ok).toBe(false);
  });
  it('a current key verifies events up to valid_until_ts in v5+, any time in v4', async () => {
    const late = hashAndSignEvent(event(T + 86_400_001), 'example.org', k1, '10');
    expect((await verifyEventSignatures(late, '10', lookup)).ok).toBe(false);
    const lateV4 = hashAndSignEvent(event(T + 86_400_001), 'example.org', k1, '4');
    expect((await verifyEventSignatures(lateV4, '4', lookup)).ok).toBe(true);
  });
  it('prefers a current key over the same key ID listed as old elsewhere', async () => {
    const older = { ...verified, verifyKeys: {}, oldVerifyKeys: { 'ed25519:a_1': { key: k1.publicKey, expiredTs: 5 } } };
    expect(await serverKeysLookup([older, verified])('example.org', 'ed25519:a_1')).toEqual({ key: k1.publicKey, validUntilTs: T + 86_400_000 });
    expect(await serverKeysLookup([verified, older])('example.org', 'ed25519:a_1')).toEqual({ key: k1.publicKey, validUntilTs: T + 86_400_000 });
  });
});

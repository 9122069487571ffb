import { describe, expect, it } from 'vitest';
import {
  InvalidSignatureInputError,
  InvalidXMatrixHeaderError,
  buildXMatrixAuthorization,
  parseXMatrixAuthorization,
  signJson,
  signingKeyFromSeed,
  verifyJsonSignature,
  verifyXMatrixAuthorization,
  xMatrixSignedJson,
} from '@maxtryx/federation-core';
import type { VerifyKeyLookupResult } from '@maxtryx/federation-core';

const key = signingKeyFromSeed('ed25519:a_1', new Uint8Array(32).fill(7));
const lookup = (server: string, keyId: string): VerifyKeyLookupResult =>
  server === 'origin.example' && keyId === 'ed25519:a_1' ? key.publicKey : undefined;

const request = {
  method: 'PUT',
  uri: '/_matrix/federation/v1/send/txn1?x=1',
  origin: 'origin.example',
  destination: 'dest.example:8448',
  content: { pdus: [], edus: [{ edu_type: 'm.typing', content: { a: 1.5e3 } }] },
};

describe('buildXMatrixAuthorization', () => {
  it('produces the spec form: one space, lower-case names, quoted values, no spaces around commas', () => {
    const header = buildXMatrixAuthorization({ ...request, key });
    expect(header).toMatch(/^X-Matrix origin="origin\.example",destination="dest\.example:8448",key="ed25519:a_1",sig="[A-Za-z0-9+/]{86}"$/);
  });

  it('signs exactly the JSON object of step 1 (method, uri, origin, destination, content)', () => {
    const { signature } = parseXMatrixAuthorization(buildXMatrixAuthorization({ ...request, key }));
    const json = {
      method: 'PUT',
      uri: '/_matrix/federation/v1/send/txn1?x=1',
      origin: 'origin.example',
      destination: 'dest.example:8448',
      content: request.content,
      signatures: { 'origin.example': { 'ed25519:a_1': signature } },
    };
    expect(verifyJsonSignature(json, 'origin.example', 'ed25519:a_1', key.publicKey)).toBe(true);
    // The same signature as signing that object with the JSON signing algorithm.
    const { signatures, ...unsigned } = json;
    void signatures;
    expect(signJson(unsigned, 'origin.example', key)).toEqual(json);
  });

  it('omits content when the request has no body', () => {
    expect(xMatrixSignedJson({ method: 'GET', uri: '/u', origin: 'a.example', destination: 'b.example' })).toEqual({
      method: 'GET',
      uri: '/u',
      origin: 'a.example',
      destination: 'b.example',
    });
  });
});

describe('verifyXMatrixAuthorization', () => {
  const header = buildXMatrixAuthorization({ ...request, key });
  const base = { header, method: request.method, uri: request.uri, destination: request.destination, content: request.content, lookupKey: lookup };

  it('accepts a request signed by the origin', async () => {
    expect(await verifyXMatrixAuthorization(base)).toEqual({ ok: true, origin: 'origin.example', keyId: 'ed25519:a_1' });
    expect((await verifyXMatrixAuthorization({ ...base, header: parseXMatrixAuthorization(header) })).ok).toBe(true);
  });

  it('accepts a GET without a body', async () => {
    const get = { method: 'GET', uri: '/_matrix/federation/v1/version', origin: 'origin.example', destination: 'dest.example:8448' };
    const h = buildXMatrixAuthorization({ ...get, key });
    expect((await verifyXMatrixAuthorization({ header: h, ...get, lookupKey: lookup })).ok).toBe(true);
    // ...but not if the receiver thinks there was a body.
    expect((await verifyXMatrixAuthorization({ header: h, ...get, content: {}, lookupKey: lookup })).ok).toBe(false);
  });

  it('accepts a header without destination from an older server (the JSON still names us)', async () => {
    const parsed = parseXMatrixAuthorization(header);
    const old = `X-Matrix origin=${parsed.origin},key="${parsed.key}",sig="${parsed.signature}"`;
    expect((await verifyXMatrixAuthorization({ ...base, header: old })).ok).toBe(true);
  });

  it('denies a destination that is not us', async () => {
    const result = await verifyXMatrixAuthorization({ ...base, destination: 'other.example' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/destination/);
  });

  it.each([
    ['method', { method: 'POST' }],
    ['uri', { uri: '/_matrix/federation/v1/send/txn2?x=1' }],
    ['query string', { uri: '/_matrix/federation/v1/send/txn1' }],
    ['content', { content: { pdus: [], edus: [] } }],
  ])('fails when the %s differs from what was signed', async (_name, change) => {
    const result = await verifyXMatrixAuthorization({ ...base, ...change });
    expect(result).toMatchObject({ ok: false, origin: 'origin.example' });
    expect(!result.ok && result.reason).toMatch(/does not verify/);
  });

  it('fails for an unknown key, an old key, and a key past its validity', async () => {
    expect(await verifyXMatrixAuthorization({ ...base, lookupKey: () => undefined })).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown key/) });
    expect(await verifyXMatrixAuthorization({ ...base, lookupKey: () => ({ key: key.publicKey, expiredTs: 5 }) })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/old key/),
    });
    const expiring = () => ({ key: key.publicKey, validUntilTs: 1000 });
    expect((await verifyXMatrixAuthorization({ ...base, lookupKey: expiring, now: 1001 })).ok).toBe(false);
    expect((await verifyXMatrixAuthorization({ ...base, lookupKey: expiring, now: 1000 })).ok).toBe(true);
  });

  it('fails for a signature by another key, claimed as the origin key', async () => {
    const other = signingKeyFromSeed('ed25519:a_1', new Uint8Array(32).fill(8));
    const forged = buildXMatrixAuthorization({ ...request, key: other });
    expect((await verifyXMatrixAuthorization({ ...base, header: forged })).ok).toBe(false);
  });

  it('a malformed header is a failed result carrying the typed error, not a throw', async () => {
    const result = await verifyXMatrixAuthorization({ ...base, header: 'Bearer abc' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toBeInstanceOf(InvalidXMatrixHeaderError);
  });

  it('signs and verifies a body with floats (v1-v5 PDUs) only in lenient mode', async () => {
    const lenient = { canonicalJson: { numbers: 'lenient' } } as const;
    const content = { pdus: [{ content: { body: 'old room', ratio: 1.5 } }] };
    expect(() => buildXMatrixAuthorization({ ...request, content, key })).toThrow(InvalidSignatureInputError);
    const h = buildXMatrixAuthorization({ ...request, content, key }, lenient);
    const withFloat = { ...base, header: h, content };
    expect((await verifyXMatrixAuthorization({ ...withFloat, ...lenient })).ok).toBe(true);
    expect(await verifyXMatrixAuthorization(withFloat)).toMatchObject({ ok: false, reason: expect.stringMatching(/cannot be checked/) });
    // Another float value is another body.
    expect((await verifyXMatrixAuthorization({ ...withFloat, ...lenient, content: { pdus: [{ content: { body: 'old room', ratio: 1.25 } }] } })).ok).toBe(false);
    // Without floats both modes sign the same bytes.
    expect(buildXMatrixAuthorization({ ...request, key }, lenient)).toBe(header);
  });

  it('a signature that is not base64 fails', async () => {
    const h = header.replace(/sig="[^"]+"/, 'sig="***"');
    expect((await verifyXMatrixAuthorization({ ...base, header: h })).ok).toBe(false);
  });
});

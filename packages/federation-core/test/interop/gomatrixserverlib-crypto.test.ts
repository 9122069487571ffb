// gomatrixserverlib event hashing, signing and redaction vectors
// (fixtures/gomatrixserverlib-event-signing.json, fixtures/gomatrixserverlib-redaction.json).
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  checkContentHash,
  decodeBase64,
  hashAndSignEvent,
  MalformedEventError,
  redactEvent,
  signingKeyFromSeed,
  verifyEventSignatures,
  verifyJsonSignature,
} from '@maxtryx/federation-core';
import signing from './fixtures/gomatrixserverlib-event-signing.json' with { type: 'json' };
import redaction from './fixtures/gomatrixserverlib-redaction.json' with { type: 'json' };

const key = signingKeyFromSeed(signing.keyId, decodeBase64(signing.seed));

describe('gomatrixserverlib TestSignEventTestVectors', () => {
  it.each(signing.sign.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if ('ours' in c) {
      expect(() => hashAndSignEvent(structuredClone(c.input) as Record<string, unknown>, signing.serverName, key, signing.roomVersion)).toThrow(MalformedEventError);
      return;
    }
    const signed = hashAndSignEvent(structuredClone(c.input) as Record<string, unknown>, signing.serverName, key, signing.roomVersion);
    expect(signed).toEqual(c.output);
    expect(checkContentHash(signed, signing.roomVersion)).toBe(true);
  });
});

describe('gomatrixserverlib TestVerifyEventSignatureTestVectors', () => {
  it.each(signing.verify.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if ('ours' in c) {
      expect(() => redactEvent(c.event as Record<string, unknown>, signing.roomVersion)).toThrow(MalformedEventError);
      return;
    }
    const redacted = redactEvent(c.event as Record<string, unknown>, signing.roomVersion);
    expect(verifyJsonSignature(redacted, signing.serverName, signing.keyId, key.publicKey)).toBe(c.valid);
  });
});

describe('gomatrixserverlib TestVerifyAllEventSignatures: servers whose signature an event needs', () => {
  it.each(signing.requiredServers.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await verifyEventSignatures(c.event as Record<string, unknown>, c.roomVersion, () => undefined);
    expect(result.servers.map((s) => s.serverName).sort()).toEqual(c.servers);
    expect(result.ok).toBe(false); // no keys known: nothing verifies
  });
});

describe('gomatrixserverlib redaction vectors', () => {
  it.each(redaction.cases.map((c) => [`${c.source.test} v${c.roomVersion}: ${c.name}`, c] as const))('%s', (_name, c) => {
    expect(canonicalJson(redactEvent(c.input as Record<string, unknown>, c.roomVersion))).toBe(c.expectedCanonical);
  });
});

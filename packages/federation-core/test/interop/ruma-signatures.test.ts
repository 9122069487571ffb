// ruma-signatures vectors and scenarios (see fixtures/ruma-signatures.json).
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  decodeBase64,
  encodePublicKey,
  hashAndSignEvent,
  signJson,
  signingKeyFromSeed,
  verifyEventSignatures,
  verifyJsonSignature,
} from '@maxtryx/federation-core';
import fixture from './fixtures/ruma-signatures.json' with { type: 'json' };

const key = signingKeyFromSeed(fixture.keyId, decodeBase64(fixture.seed));
const lookup = (server: string, keyId: string) => (server === fixture.serverName && keyId === fixture.keyId ? key.publicKey : undefined);

describe('ruma-signatures', () => {
  it('the key of its tests: our public key from the seed is the one in its DER', () => {
    expect(encodePublicKey(key)).toBe(fixture.publicKey);
  });

  it.each(fixture.canonicalJson.map((c) => [c.input, c] as const))('canonical_json_examples %s', (_input, c) => {
    expect(canonicalJson(JSON.parse(c.input))).toBe(c.canonical);
  });

  it.each(fixture.jsonSigning.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(signJson(structuredClone(c.input), fixture.serverName, key)).toEqual(c.output);
    expect(verifyJsonSignature(c.output, fixture.serverName, fixture.keyId, key.publicKey)).toBe(true);
  });

  it.each(fixture.jsonVerifyFailures.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    // A signature check returns false (it throws only on malformed input such as a bad key).
    expect(verifyJsonSignature(c.value, fixture.serverName, fixture.keyId, key.publicKey)).toBe(false);
  });

  it.each(fixture.eventSigning.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(hashAndSignEvent(structuredClone(c.input) as Record<string, unknown>, fixture.serverName, key, c.roomVersion)).toEqual(c.output);
  });

  it.each(fixture.eventVerify.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const result = await verifyEventSignatures(c.event, c.roomVersion, lookup);
    expect(result.ok).toBe(true);
    expect(result.servers.map((s) => s.serverName)).toEqual([fixture.serverName]);
  });

  const required = fixture.requiredServers.flatMap((c) => Object.entries(c.byVersion).map(([v, servers]) => [`${c.name} in v${v}`, c.event, v, servers] as const));
  it.each(required)('required_server_signatures: %s', async (_name, event, version, servers) => {
    const result = await verifyEventSignatures(event, version, () => undefined);
    expect(result.servers.map((s) => s.serverName).sort()).toEqual(servers);
  });
});

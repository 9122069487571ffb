import { describe, expect, it } from 'vitest';
import {
  checkContentHash,
  computeContentHash,
  getRoomVersion,
  hashAndSignEvent,
  roomVersionIds,
  signJson,
  signingKeyFromSeed,
  verifyEventSignatures,
  verifyJsonSignature,
} from '@maxtryx/federation-core';
import vectors from '../fixtures/spec-signing-vectors.json' with { type: 'json' };

// The spec appendix "Cryptographic Test Vectors": seed, server name "domain", key "ed25519:1".
const seed = new Uint8Array(Buffer.from(vectors.signingKeySeed, 'base64'));
const key = signingKeyFromSeed(vectors.keyId, seed);
const lookup = (server: string, keyId: string) => (server === 'domain' && keyId === 'ed25519:1' ? key.publicKey : undefined);

// The vectors' events keep `origin`: they were signed with the redaction algorithm of room
// versions 1 to 10. Version 11 stops protecting `origin`, so its signature differs.
const preV11 = roomVersionIds.filter((id) => getRoomVersion(id).redaction !== 'v11');
const fromV11 = roomVersionIds.filter((id) => getRoomVersion(id).redaction === 'v11');

describe('appendix JSON signing vectors', () => {
  for (const [i, vector] of vectors.jsonSigning.entries()) {
    it(`signs vector ${i + 1} to the published signature`, () => {
      expect(signJson(structuredClone(vector.input), vectors.serverName, key)).toEqual(vector.output);
    });
    it(`verifies vector ${i + 1}, and not a tampered copy`, () => {
      expect(verifyJsonSignature(vector.output, 'domain', 'ed25519:1', key.publicKey)).toBe(true);
      expect(verifyJsonSignature({ ...vector.output, extra: 1 }, 'domain', 'ed25519:1', key.publicKey)).toBe(false);
    });
  }
});

describe('appendix event signing vectors', () => {
  for (const vector of vectors.eventSigning) {
    describe(vector.name, () => {
      it('computeContentHash gives the published hash', () => {
        expect(computeContentHash(vector.input)).toBe(vector.output.hashes.sha256);
        // The content hash ignores `hashes`, `signatures` and `unsigned`: same on the output.
        expect(computeContentHash(vector.output)).toBe(vector.output.hashes.sha256);
      });

      it('checkContentHash accepts the published event and rejects a changed one', () => {
        expect(checkContentHash(vector.output)).toBe(true);
        expect(checkContentHash({ ...vector.output, origin_server_ts: 1000001 })).toBe(false);
        expect(checkContentHash({ ...vector.output, unsigned: { age_ts: 5 } })).toBe(true);
        expect(checkContentHash({ ...vector.output, hashes: {} })).toBe(false);
        expect(checkContentHash({ ...vector.output, hashes: { sha256: '!!not base64!!' } })).toBe(false);
      });

      it.each(preV11)('hashAndSignEvent in room v%s reproduces the published event exactly', (id) => {
        if (getRoomVersion(id).eventFormat !== 'v1' && 'event_id' in vector.input) return; // v3+ events carry no event_id
        const input = structuredClone(vector.input);
        expect(hashAndSignEvent(input, 'domain', key, id)).toEqual(vector.output);
        expect(input).toEqual(vector.input); // not mutated
      });

      it.each(fromV11)('in room v%s the signature differs (origin is no longer protected) but verifies', async (id) => {
        if ('event_id' in vector.input) return;
        const signed = hashAndSignEvent(structuredClone(vector.input), 'domain', key, id);
        expect(signed.hashes).toEqual(vector.output.hashes);
        expect(signed.signatures['domain']!['ed25519:1']).not.toBe(vector.output.signatures.domain['ed25519:1']);
        expect((await verifyEventSignatures(signed, id, lookup)).ok).toBe(true);
        // ...and the published v1-v10 signature does not verify under v11 redaction.
        expect((await verifyEventSignatures(vector.output, id, lookup)).ok).toBe(false);
      });

      it('verifyEventSignatures accepts the published event in the versions its format allows', async () => {
        for (const id of preV11) {
          const v1Format = getRoomVersion(id).eventFormat === 'v1';
          if (v1Format !== 'event_id' in vector.input) continue;
          const result = await verifyEventSignatures(vector.output, id, lookup);
          expect(result.ok, `room v${id}`).toBe(true);
          expect(result.servers.map((s) => s.serverName)).toEqual(['domain']);
        }
      });
    });
  }
});

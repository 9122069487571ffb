import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CanonicalJsonError,
  MalformedEventError,
  checkContentHash,
  computeContentHash,
  hashAndSignEvent,
  redactEvent,
  roomVersionIds,
  signingKeyFromSeed,
  verifyEventSignatures,
  withEventId,
} from '@maxtryx/federation-core';
import type { Pdu } from '@maxtryx/federation-core';

const key = signingKeyFromSeed('ed25519:k', new Uint8Array(32).fill(5));
const lookup = (server: string, keyId: string) => (server === 'a.example' && keyId === 'ed25519:k' ? key.publicKey : undefined);

const event = {
  type: 'm.room.message',
  room_id: '!r:a.example',
  sender: '@alice:a.example',
  content: { body: 'hi' },
  origin_server_ts: 5,
  depth: 2,
  prev_events: [],
  auth_events: [],
  hashes: { sha256: 'old', sha512: 'other' },
  signatures: { 'b.example': { 'ed25519:z': 'kept' } },
  unsigned: { age: 3 },
};

describe('computeContentHash', () => {
  it('is the unpadded base64 sha256 of the canonical JSON without unsigned, signatures, hashes', () => {
    // Canonical JSON written by hand (sorted keys, no whitespace), hashed by Node.
    const canonical =
      '{"auth_events":[],"content":{"body":"hi"},"depth":2,"origin_server_ts":5,"prev_events":[],"room_id":"!r:a.example",' +
      '"sender":"@alice:a.example","type":"m.room.message"}';
    const expected = createHash('sha256').update(canonical).digest('base64').replace(/=+$/, '');
    expect(computeContentHash(event)).toBe(expected);
  });
  it('covers unredacted content and every other top-level key', () => {
    const base = computeContentHash(event);
    expect(computeContentHash({ ...event, content: { body: 'ho' } })).not.toBe(base);
    expect(computeContentHash({ ...event, custom: 1 })).not.toBe(base);
    expect(computeContentHash({ ...event, unsigned: { other: true }, signatures: {}, hashes: {} })).toBe(base);
  });
  it('uses the canonical JSON rules of the room version: floats tolerated up to v5 only', () => {
    const floaty = { ...event, content: { body: 'x', n: 1.5 } };
    expect(() => computeContentHash(floaty)).toThrow(CanonicalJsonError);
    expect(() => computeContentHash(floaty, '6')).toThrow(CanonicalJsonError);
    expect(computeContentHash(floaty, '5')).toMatch(/^[A-Za-z0-9+/]{43}$/);
  });
  it('with a room version of the v3 formats, ignores an event_id a caller attached', () => {
    const signed = hashAndSignEvent(event, 'a.example', key, '10');
    const roomEvent = withEventId(signed as unknown as Pdu, '10');
    expect(checkContentHash(roomEvent, '10')).toBe(true);
    expect(checkContentHash(roomEvent)).toBe(false);
    expect(checkContentHash({ ...signed, event_id: '$e:a.example' }, '1')).toBe(false);
  });
  it('throws MalformedEventError for a non-object event', () => {
    expect(() => computeContentHash('x' as never)).toThrow(MalformedEventError);
    expect(() => checkContentHash([] as never)).toThrow(MalformedEventError);
  });
});

describe('hashAndSignEvent', () => {
  it('sets hashes to the content hash alone and keeps other servers signatures', () => {
    const signed = hashAndSignEvent(event, 'a.example', key, '10');
    expect(signed.hashes).toEqual({ sha256: computeContentHash(event) });
    expect(signed.signatures['b.example']).toEqual({ 'ed25519:z': 'kept' });
    expect(Object.keys(signed.signatures['a.example']!)).toEqual(['ed25519:k']);
    expect(signed.unsigned).toEqual({ age: 3 });
    expect(signed.content).toEqual({ body: 'hi' });
  });
  it('does not mutate its input', () => {
    const copy = structuredClone(event);
    hashAndSignEvent(copy, 'a.example', key, '10');
    expect(copy).toEqual(event);
  });
  it('refuses an event_id in room versions whose event ID is the hash', () => {
    for (const id of roomVersionIds) {
      const withId = { ...event, event_id: '$e:a.example' };
      if (id === '1' || id === '2') expect(() => hashAndSignEvent(withId, 'a.example', key, id)).not.toThrow();
      else expect(() => hashAndSignEvent(withId, 'a.example', key, id)).toThrow(/event_id/);
    }
  });
  it('signs the redacted form: redacting before or after signing gives verifying events', async () => {
    for (const id of roomVersionIds) {
      const e = id === '1' || id === '2' ? { ...event, event_id: '$e:a.example' } : event;
      const signed = hashAndSignEvent(e, 'a.example', key, id);
      expect((await verifyEventSignatures(signed, id, lookup)).ok).toBe(true);
      expect((await verifyEventSignatures(redactEvent(signed, id), id, lookup)).ok).toBe(true);
      // Signing an already-redacted event gives the same signature as signing the full one
      // only if the content hash is the same, which redaction changes.
      expect(hashAndSignEvent(redactEvent(e, id), 'a.example', key, id).hashes).not.toEqual(signed.hashes);
    }
  });
  it('property: signing then checking the content hash and signature always succeeds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...roomVersionIds.filter((id) => id !== '1' && id !== '2')),
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))),
        fc.constantFrom('m.room.message', 'm.room.member', 'm.room.create', 'm.room.power_levels', 'm.room.join_rules'),
        async (id, content, type) => {
          const signed = hashAndSignEvent({ ...event, type, content }, 'a.example', key, id);
          expect(checkContentHash(signed, id)).toBe(true);
          expect((await verifyEventSignatures(signed, id, lookup)).ok).toBe(true);
          // The redacted event keeps `hashes` unchanged, and its content hash matches only if
          // redaction removed nothing that is hashed.
          const redacted = redactEvent(signed, id);
          expect(redacted.hashes).toEqual(signed.hashes);
          const { unsigned: _u, ...hashed } = signed;
          expect(checkContentHash(redacted, id)).toBe(JSON.stringify(Object.keys(hashed).sort()) === JSON.stringify(Object.keys(redacted).sort()) && JSON.stringify(redacted.content) === JSON.stringify(signed.content));
        },
      ),
      { numRuns: 100 },
    );
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MalformedEventError,
  RoomIdNotDerivedError,
  UnsupportedRoomVersionError,
  computeEventId,
  computeReferenceHash,
  computeRoomId,
  getRoomVersion,
  hashAndSignEvent,
  redactEvent,
  roomVersionIds,
  signingKeyFromSeed,
  withEventId,
} from '@maxtryx/federation-core';
import type { Pdu } from '@maxtryx/federation-core';
import vectors from '../fixtures/spec-signing-vectors.json' with { type: 'json' };

// Expected IDs are derived independently of the code under test: the canonical JSON of the
// redacted event is written out by hand (keys sorted, no whitespace) and hashed with Node's
// sha256; the encodings follow the appendix (unpadded base64, URL-safe variant).
const sha = (canonical: string) => createHash('sha256').update(canonical, 'utf8').digest();
const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
const b64url = (bytes: Buffer) => bytes.toString('base64url');

// The appendix's signed minimal event (v1-v10 redaction keeps `origin`).
const signedMinimal = vectors.eventSigning[0]!.output;
const minimalRedactedV1 =
  '{"auth_events":[],"content":{},"depth":3,"hashes":{"sha256":"5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos"},' +
  '"origin":"domain","origin_server_ts":1000000,"prev_events":[],"room_id":"!x:domain","sender":"@a:domain","type":"X"}';
const minimalRedactedV11 =
  '{"auth_events":[],"content":{},"depth":3,"hashes":{"sha256":"5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos"},' +
  '"origin_server_ts":1000000,"prev_events":[],"room_id":"!x:domain","sender":"@a:domain","type":"X"}';

describe('computeReferenceHash', () => {
  it('is the sha256 of the redacted event without signatures and unsigned (v1-v10 redaction)', () => {
    for (const id of ['3', '4', '10']) {
      expect(Buffer.from(computeReferenceHash(signedMinimal, id))).toEqual(sha(minimalRedactedV1));
    }
  });
  it('follows the v11 redaction from room v11 (origin not hashed)', () => {
    expect(Buffer.from(computeReferenceHash(signedMinimal, '11'))).toEqual(sha(minimalRedactedV11));
    expect(Buffer.from(computeReferenceHash(signedMinimal, '12'))).toEqual(sha(minimalRedactedV11));
  });
  it('drops an attached event_id in the v3 formats, hashes it in v1/v2', () => {
    const withId = { ...signedMinimal, event_id: '$whatever' };
    expect(computeReferenceHash(withId, '4')).toEqual(computeReferenceHash(signedMinimal, '4'));
    const v1 = { ...signedMinimal, event_id: '$a:domain' };
    expect(Buffer.from(computeReferenceHash(v1, '1'))).toEqual(
      sha(minimalRedactedV1.replace('"depth":3,', '"depth":3,"event_id":"$a:domain",')),
    );
  });
  it('ignores unredacted content and signatures: equal for an event and its redaction', () => {
    const event = { ...signedMinimal, content: { body: 'secret' }, signatures: { other: { 'ed25519:x': 'y' } } };
    for (const id of roomVersionIds) {
      if (getRoomVersion(id).eventFormat === 'v1') continue;
      expect(computeReferenceHash(event, id)).toEqual(computeReferenceHash(redactEvent(event, id), id));
    }
  });
  it('throws UnsupportedRoomVersionError for an unknown version', () => {
    expect(() => computeReferenceHash(signedMinimal, '0')).toThrow(UnsupportedRoomVersionError);
  });
});

describe('computeEventId', () => {
  it('v3: $ + unpadded standard base64 of the reference hash', () => {
    expect(computeEventId(signedMinimal, '3')).toBe(`$${b64(sha(minimalRedactedV1))}`);
  });
  it.each(['4', '5', '6', '7', '8', '9', '10'])('v%s: $ + URL-safe unpadded base64', (id) => {
    expect(computeEventId(signedMinimal, id)).toBe(`$${b64url(sha(minimalRedactedV1))}`);
  });
  it.each(['11', '12'])('v%s: URL-safe, over the v11 redaction', (id) => {
    expect(computeEventId(signedMinimal, id)).toBe(`$${b64url(sha(minimalRedactedV11))}`);
  });
  it('v3 and v4 IDs of one event differ only in the alphabet, and contain no padding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.string(), (ts, body) => {
        const event = { ...signedMinimal, origin_server_ts: ts, content: { body } };
        const v3 = computeEventId(event, '3');
        const v4 = computeEventId(event, '4');
        expect(v4).toBe(v3.replace(/\+/g, '-').replace(/\//g, '_'));
        expect(v3).toMatch(/^\$[A-Za-z0-9+/]{43}$/);
        expect(v4).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
      }),
    );
  });
  it('v1/v2: the event_id the event carries', () => {
    const event = vectors.eventSigning[1]!.output;
    expect(computeEventId(event, '1')).toBe('$0:domain');
    expect(computeEventId({ ...event, event_id: '$abc:example.org:8448' }, '2')).toBe('$abc:example.org:8448');
  });
  it('v1/v2: a missing or malformed event_id is a MalformedEventError', () => {
    expect(() => computeEventId(signedMinimal, '1')).toThrow(MalformedEventError);
    for (const bad of ['0:domain', '$nodomain', '$:domain', '$a:', '$a:bad domain', 5]) {
      expect(() => computeEventId({ ...signedMinimal, event_id: bad }, '2'), String(bad)).toThrow(/event_id/);
    }
    expect(() => computeEventId({ ...signedMinimal, event_id: `$${'a'.repeat(250)}:domain` }, '1')).toThrow(/255 bytes/);
  });
  it('changes when any protected field changes, not when unprotected content does', () => {
    const base = computeEventId(signedMinimal, '10');
    expect(computeEventId({ ...signedMinimal, depth: 4 }, '10')).not.toBe(base);
    expect(computeEventId({ ...signedMinimal, hashes: { sha256: 'x' } }, '10')).not.toBe(base);
    expect(computeEventId({ ...signedMinimal, content: { body: 'b' } }, '10')).toBe(base);
    expect(computeEventId({ ...signedMinimal, unsigned: { age: 1 } }, '10')).toBe(base);
  });
});

describe('withEventId', () => {
  it('attaches the computed ID without mutating the input', () => {
    const pdu = structuredClone(signedMinimal) as unknown as Pdu;
    const event = withEventId(pdu, '10');
    expect(event.event_id).toBe(computeEventId(signedMinimal, '10'));
    expect('event_id' in pdu).toBe(false);
    // Attaching the ID does not change it.
    expect(computeEventId(event, '10')).toBe(event.event_id);
  });
});

describe('computeRoomId (room v12)', () => {
  const seed = new Uint8Array(Buffer.from(vectors.signingKeySeed, 'base64'));
  const key = signingKeyFromSeed('ed25519:1', seed);
  const create = {
    type: 'm.room.create',
    state_key: '',
    sender: '@a:domain',
    content: { room_version: '12' },
    origin_server_ts: 1000000,
    depth: 1,
    prev_events: [],
    auth_events: [],
    hashes: { sha256: 'AAAA' },
    signatures: { domain: { 'ed25519:1': 'sig' } },
    unsigned: { age: 1 },
  };
  const canonical =
    '{"auth_events":[],"content":{"room_version":"12"},"depth":1,"hashes":{"sha256":"AAAA"},"origin_server_ts":1000000,' +
    '"prev_events":[],"sender":"@a:domain","state_key":"","type":"m.room.create"}';

  it('is ! + URL-safe unpadded base64 of the create event reference hash', () => {
    expect(computeRoomId(create, '12')).toBe(`!${b64url(sha(canonical))}`);
  });
  it('is the create event ID with ! for $', () => {
    const signed = hashAndSignEvent({ ...create, hashes: {}, signatures: {} }, 'domain', key, '12');
    expect(computeRoomId(signed, '12')).toBe(`!${computeEventId(signed, '12').slice(1)}`);
    expect(computeRoomId(signed, '12')).toMatch(/^![A-Za-z0-9_-]{43}$/);
  });
  it('keeps the whole create content (v11 redaction), so every content key changes it', () => {
    expect(computeRoomId({ ...create, content: { room_version: '12', additional_creators: ['@b:x'] } }, '12')).not.toBe(
      computeRoomId(create, '12'),
    );
  });
  it.each(roomVersionIds.filter((id) => id !== '12'))('throws RoomIdNotDerivedError in room v%s', (id) => {
    expect(() => computeRoomId(create, id)).toThrow(RoomIdNotDerivedError);
  });
  it('rejects a create event with a room_id, and a non-create event', () => {
    expect(() => computeRoomId({ ...create, room_id: '!x:domain' }, '12')).toThrow(/room_id/);
    expect(() => computeRoomId({ ...create, type: 'm.room.member' }, '12')).toThrow(MalformedEventError);
  });
});

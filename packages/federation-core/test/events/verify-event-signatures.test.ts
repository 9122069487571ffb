import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MalformedEventError,
  checkContentHash,
  computeContentHash,
  hashAndSignEvent,
  redactEvent,
  roomVersionIds,
  signingKeyFromSeed,
  verifyEventSignatures,
} from '@maxtryx/federation-core';
import type { VerifyKeyLookupResult } from '@maxtryx/federation-core';

const keyFor = (n: number, keyId = 'ed25519:1') => signingKeyFromSeed(keyId, new Uint8Array(32).fill(n));
const keys = {
  'a.example': keyFor(1),
  'b.example': keyFor(2),
  'c.example': keyFor(3),
};
type Server = keyof typeof keys;
const lookup = (server: string, keyId: string): VerifyKeyLookupResult => {
  const key = keys[server as Server];
  return key && key.keyId === keyId ? key.publicKey : undefined;
};

function baseEvent(roomVersion: string, extra: Record<string, unknown> = {}) {
  const event: Record<string, unknown> = {
    type: 'm.room.message',
    room_id: '!r:a.example',
    sender: '@alice:a.example',
    content: { body: 'hello', msgtype: 'm.text' },
    origin_server_ts: 1_700_000_000_000,
    depth: 10,
    prev_events: [],
    auth_events: [],
    hashes: {},
    signatures: {},
    ...extra,
  };
  if (['1', '2'].includes(roomVersion) && !('event_id' in extra)) event['event_id'] = '$e1:a.example';
  return event as never;
}

function signBy(event: never, servers: Server[], roomVersion: string) {
  let out = event as Record<string, unknown>;
  for (const server of servers) out = hashAndSignEvent(out as never, server, keys[server], roomVersion) as Record<string, unknown>;
  return out as never;
}

describe('verifyEventSignatures: who must sign', () => {
  it.each(roomVersionIds)('room v%s: the sender server signature suffices for an ordinary event', async (id) => {
    const event = signBy(baseEvent(id), ['a.example'], id);
    const result = await verifyEventSignatures(event, id, lookup);
    expect(result).toEqual({
      ok: true,
      servers: [{ serverName: 'a.example', requiredFor: id === '1' || id === '2' ? ['sender', 'event_id'] : ['sender'], ok: true, verifiedKeyIds: ['ed25519:1'] }],
    });
  });

  it.each(roomVersionIds)('room v%s: an event not signed by the sender server fails', async (id) => {
    const event = signBy(baseEvent(id), ['b.example'], id);
    const result = await verifyEventSignatures(event, id, lookup);
    expect(result.ok).toBe(false);
    expect(result.servers[0]).toMatchObject({ serverName: 'a.example', ok: false, reason: 'no signature from this server' });
  });

  it.each(['1', '2'])('room v%s also needs the event_id server when it differs', async (id) => {
    const event = baseEvent(id, { event_id: '$e1:b.example' });
    const onlySender = await verifyEventSignatures(signBy(event, ['a.example'], id), id, lookup);
    expect(onlySender.ok).toBe(false);
    expect(onlySender.servers.map((s) => [s.serverName, s.requiredFor, s.ok])).toEqual([
      ['a.example', ['sender'], true],
      ['b.example', ['event_id'], false],
    ]);
    expect((await verifyEventSignatures(signBy(event, ['a.example', 'b.example'], id), id, lookup)).ok).toBe(true);
  });

  it('room v3 onwards does not look at an event_id a caller attached', async () => {
    const signed = signBy(baseEvent('4'), ['a.example'], '4');
    const result = await verifyEventSignatures({ ...(signed as object), event_id: '$x:b.example' } as never, '4', lookup);
    expect(result.ok).toBe(true);
  });

  const joinVia = (id: string) =>
    baseEvent(id, {
      type: 'm.room.member',
      state_key: '@alice:a.example',
      content: { membership: 'join', join_authorised_via_users_server: '@bob:b.example' },
    });

  it.each(['8', '9', '10', '11', '12'])('room v%s: join_authorised_via_users_server needs that user server', async (id) => {
    const onlySender = await verifyEventSignatures(signBy(joinVia(id), ['a.example'], id), id, lookup);
    expect(onlySender.ok).toBe(false);
    expect(onlySender.servers[1]).toMatchObject({ serverName: 'b.example', requiredFor: ['join_authorised_via_users_server'], ok: false });
    const both = await verifyEventSignatures(signBy(joinVia(id), ['a.example', 'b.example'], id), id, lookup);
    expect(both.ok).toBe(true);
  });

  it.each(['3', '7'])('room v%s has no restricted joins: the key is not looked at', async (id) => {
    const result = await verifyEventSignatures(signBy(joinVia(id), ['a.example'], id), id, lookup);
    expect(result.ok).toBe(true);
    expect(result.servers).toHaveLength(1);
  });

  it('an authoriser on the sender server is one entry needed for both reasons', async () => {
    const event = baseEvent('10', {
      type: 'm.room.member',
      state_key: '@alice:a.example',
      content: { membership: 'join', join_authorised_via_users_server: '@carol:a.example' },
    });
    const result = await verifyEventSignatures(signBy(event, ['a.example'], '10'), '10', lookup);
    expect(result.servers).toEqual([
      { serverName: 'a.example', requiredFor: ['sender', 'join_authorised_via_users_server'], ok: true, verifiedKeyIds: ['ed25519:1'] },
    ]);
  });

  it('a third-party invite does not need the sender server (another server may send it)', async () => {
    const invite = baseEvent('10', {
      type: 'm.room.member',
      state_key: '@bob:b.example',
      content: { membership: 'invite', third_party_invite: { display_name: 'b', signed: { mxid: '@bob:b.example', token: 't', signatures: {} } } },
    });
    const result = await verifyEventSignatures(signBy(invite, ['c.example'], '10'), '10', lookup);
    expect(result).toEqual({ ok: true, servers: [] });
    // In v1/v2 the event_id server is still needed.
    const v1 = baseEvent('1', { ...(invite as object), event_id: '$i:c.example' });
    expect((await verifyEventSignatures(signBy(v1, ['c.example'], '1'), '1', lookup)).servers.map((s) => s.serverName)).toEqual(['c.example']);
    // A plain invite needs the sender.
    const plain = baseEvent('10', { type: 'm.room.member', state_key: '@bob:b.example', content: { membership: 'invite' } });
    expect((await verifyEventSignatures(signBy(plain, ['c.example'], '10'), '10', lookup)).ok).toBe(false);
  });
});

describe('verifyEventSignatures: keys', () => {
  const ts = 1_700_000_000_000;
  const signed = signBy(baseEvent('10'), ['a.example'], '10');
  const pub = keys['a.example'].publicKey;
  const with_ = (result: VerifyKeyLookupResult) => (server: string) => (server === 'a.example' ? result : undefined);

  it('an unknown key is skipped, leaving no usable signature', async () => {
    const result = await verifyEventSignatures(signed, '10', () => undefined);
    expect(result.ok).toBe(false);
    expect(result.servers[0]!.reason).toMatch(/no signature by a usable key.*unknown/);
  });

  it('accepts the key as base64 and from an async lookup', async () => {
    const b64 = Buffer.from(pub).toString('base64').replace(/=+$/, '');
    expect((await verifyEventSignatures(signed, '10', with_(b64))).ok).toBe(true);
    expect((await verifyEventSignatures(signed, '10', async (s) => (s === 'a.example' ? pub : undefined))).ok).toBe(true);
  });

  it('a known key with a wrong signature fails, even beside a good one', async () => {
    const event = signed as { signatures: Record<string, Record<string, string>> };
    const other = keyFor(9, 'ed25519:2');
    const twoKeys = {
      ...event,
      signatures: { 'a.example': { ...event.signatures['a.example'], 'ed25519:2': event.signatures['a.example']!['ed25519:1']! } },
    };
    const result = await verifyEventSignatures(twoKeys as never, '10', (s, k) => (k === 'ed25519:1' ? pub : other.publicKey));
    expect(result.ok).toBe(false);
    expect(result.servers[0]!.reason).toMatch(/ed25519:2 does not verify/);
    // Unknown second key: skipped, the good one carries.
    expect((await verifyEventSignatures(twoKeys as never, '10', (s, k) => (k === 'ed25519:1' ? pub : undefined))).ok).toBe(true);
  });

  it('a signature that is not base64 fails, not throws', async () => {
    const event = { ...(signed as object), signatures: { 'a.example': { 'ed25519:1': '@@@' } } };
    const result = await verifyEventSignatures(event as never, '10', with_(pub));
    expect(result.ok).toBe(false);
  });

  it('non-ed25519 signatures are ignored', async () => {
    const event = { ...(signed as object), signatures: { 'a.example': { 'curve25519:1': 'x' } } };
    expect((await verifyEventSignatures(event as never, '10', with_(pub))).servers[0]!.reason).toMatch(/no ed25519/);
  });

  it('an old key verifies events up to its expired_ts, in every room version', async () => {
    for (const id of ['1', '4', '10']) {
      const event = signBy(baseEvent(id), ['a.example'], id);
      expect((await verifyEventSignatures(event, id, with_({ key: pub, expiredTs: ts }))).ok).toBe(true);
      expect((await verifyEventSignatures(event, id, with_({ key: pub, expiredTs: ts + 1 }))).ok).toBe(true);
      const expired = await verifyEventSignatures(event, id, with_({ key: pub, expiredTs: ts - 1 }));
      expect(expired.ok).toBe(false);
      expect(expired.servers[0]!.reason).toMatch(/expired/);
    }
  });

  it('valid_until_ts is enforced from room v5 only', async () => {
    for (const id of roomVersionIds) {
      const event = signBy(baseEvent(id), ['a.example'], id);
      const enforce = Number(id) >= 5;
      expect((await verifyEventSignatures(event, id, with_({ key: pub, validUntilTs: ts - 1 }))).ok, `v${id}`).toBe(!enforce);
      expect((await verifyEventSignatures(event, id, with_({ key: pub, validUntilTs: ts }))).ok, `v${id} at ts`).toBe(true);
    }
  });
});

describe('verifyEventSignatures: redaction and tampering', () => {
  it.each(roomVersionIds)('room v%s: the redacted copy verifies too, but fails the content hash', async (id) => {
    const event = signBy(baseEvent(id), ['a.example'], id);
    const redacted = redactEvent(event as Record<string, never>, id);
    expect((await verifyEventSignatures(redacted, id, lookup)).ok).toBe(true);
    expect(checkContentHash(event)).toBe(true);
    expect(checkContentHash(redacted)).toBe(false);
  });

  it('changing unprotected content keeps signatures valid but breaks the content hash', async () => {
    const event = signBy(baseEvent('10'), ['a.example'], '10') as Record<string, unknown>;
    const changed = { ...event, content: { body: 'changed', msgtype: 'm.text' } };
    expect((await verifyEventSignatures(changed as never, '10', lookup)).ok).toBe(true);
    expect(checkContentHash(changed as never)).toBe(false);
  });

  const tamper: [string, (e: Record<string, unknown>) => Record<string, unknown>][] = [
    ['depth', (e) => ({ ...e, depth: 11 })],
    ['origin_server_ts', (e) => ({ ...e, origin_server_ts: 1 })],
    ['room_id', (e) => ({ ...e, room_id: '!other:a.example' })],
    ['type', (e) => ({ ...e, type: 'm.room.other' })],
    ['state_key added', (e) => ({ ...e, state_key: '' })],
    ['prev_events', (e) => ({ ...e, prev_events: ['$x'] })],
    ['auth_events', (e) => ({ ...e, auth_events: ['$x'] })],
    ['hashes', (e) => ({ ...e, hashes: { sha256: computeContentHash({ ...e, depth: 1 }) } })],
  ];
  it.each(tamper)('changing %s breaks the signature', async (_name, change) => {
    const event = signBy(baseEvent('10'), ['a.example'], '10') as Record<string, unknown>;
    expect((await verifyEventSignatures(change(event) as never, '10', lookup)).ok).toBe(false);
  });

  it('property: any change to a signed (protected) field breaks verification, in every version', async () => {
    const fields = ['depth', 'origin_server_ts', 'room_id', 'type', 'prev_events', 'auth_events', 'hashes', 'state_key', 'content'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...roomVersionIds),
        fc.constantFrom(...fields),
        fc.jsonValue({ maxDepth: 2 }),
        async (id, field, value) => {
          const event = signBy(
            baseEvent(id, { type: 'm.room.member', state_key: '@alice:a.example', content: { membership: 'join' } }),
            ['a.example'],
            id,
          ) as Record<string, unknown>;
          const changed = { ...event, [field]: field === 'content' ? { membership: value } : value };
          fc.pre(JSON.stringify(changed[field]) !== JSON.stringify(event[field]));
          // A changed type or content may stop being a member event; values must still be JSON objects where required.
          fc.pre(field !== 'content' || typeof value !== 'undefined');
          fc.pre(field !== 'type' || typeof value === 'string');
          fc.pre(field !== 'origin_server_ts' || Number.isSafeInteger(value));
          const result = await verifyEventSignatures(changed as never, id, lookup);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('verifyEventSignatures: malformed input', () => {
  it('throws MalformedEventError for a bad sender, event_id, authoriser or timestamp', async () => {
    await expect(verifyEventSignatures(baseEvent('10', { sender: 'alice' }), '10', lookup)).rejects.toThrow(MalformedEventError);
    await expect(verifyEventSignatures(baseEvent('10', { sender: '@:a.example' }), '10', lookup)).rejects.toThrow(/sender/);
    await expect(verifyEventSignatures(baseEvent('1', { event_id: 'nope' }), '1', lookup)).rejects.toThrow(/event_id/);
    await expect(verifyEventSignatures(baseEvent('10', { origin_server_ts: 1.5 }), '10', lookup)).rejects.toThrow(/origin_server_ts/);
    await expect(
      verifyEventSignatures(
        baseEvent('10', { type: 'm.room.member', state_key: '@alice:a.example', content: { membership: 'join', join_authorised_via_users_server: 5 } }),
        '10',
        lookup,
      ),
    ).rejects.toThrow(/join_authorised_via_users_server/);
  });
});

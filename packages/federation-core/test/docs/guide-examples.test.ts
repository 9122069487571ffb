/**
 * The examples of the guides in docs/ (federation-core.md and
 * authorization-and-state-resolution.md), run with real keys and real events.
 * Each `it` names the guide section it mirrors; a change to an example there
 * must be made here too, and the other way round.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pduSchemaFor } from '@maxtryx/entity';
import {
  CanonicalJsonError,
  StrictJsonError,
  UnsupportedRoomVersionError,
  allowConditionsOf,
  authEventIds,
  authEventTypesFor,
  backfill,
  buildServerKeyDocument,
  buildXMatrixAuthorization,
  canBan,
  canSendState,
  canonicalJson,
  canonicalJsonForSigning,
  canonicalJsonOptionsFor,
  checkAuthEventsList,
  checkContentHash,
  checkEventAuth,
  checkEventAuthAgainstState,
  checkJoinAllowed,
  checkMembershipTransition,
  computeEventId,
  computeRoomId,
  createStateResolver,
  encodePublicKey,
  filterEventsForServer,
  findJoinAuthorisers,
  formatSigningKeyFile,
  generateSigningKey,
  getCryptoBackend,
  getMissingEvents,
  getRequiredPowerLevel,
  getRoomVersion,
  getUserPowerLevel,
  hashAndSignEvent,
  isSupportedRoomVersion,
  joinRuleOf,
  nobleCryptoBackend,
  parseMissingEventsRequest,
  parsePowerLevelValue,
  parseSigningKeyFile,
  parseStrictJson,
  parseXMatrixAuthorization,
  powerLevelsFromState,
  prevEventIds,
  redactEvent,
  resolveState,
  serverKeysLookup,
  serverMayAccessRoom,
  setCryptoBackend,
  signJson,
  signingKeyFromSeed,
  stateKeyOf,
  toAuthStateLookup,
  verifyEventSignatures,
  verifyJsonSignature,
  verifyNotaryKeyResponse,
  verifyServerKeyDocument,
  verifyXMatrixAuthorization,
  withEventId,
} from '@maxtryx/federation-core';
import type {
  AuthOptions,
  AuthStateLookup,
  EventObject,
  JsonObject,
  Pdu,
  RoomEvent,
  RoomEventSource,
  RoomVersion,
  SigningKey,
  StateKey,
  StateResolutionProvider,
  VerifyKeyLookup,
} from '@maxtryx/federation-core';

// ---------------------------------------------------------------------------------------------
// docs/federation-core.md
// ---------------------------------------------------------------------------------------------

describe('federation-core.md', () => {
  afterEach(() => setCryptoBackend(undefined));

  it('Browser safety and the crypto backend', () => {
    expect(getCryptoBackend().name).toBe('node');

    const key = signingKeyFromSeed('ed25519:1', 'YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1');
    const withNode = signJson({ one: 1 }, 'example.org', key);
    setCryptoBackend(nobleCryptoBackend); // the pure JavaScript backend, as in a browser
    const withNoble = signJson({ one: 1 }, 'example.org', key);
    setCryptoBackend(undefined); // back to the automatic choice
    expect(withNoble).toEqual(withNode);
    expect(getCryptoBackend().name).toBe('node');
  });

  it('Canonical JSON', () => {
    expect(canonicalJson({ b: '2', a: 1, c: { z: null, y: [true] } })).toBe('{"a":1,"b":"2","c":{"y":[true],"z":null}}');
    expect(canonicalJsonForSigning({ a: 1, signatures: {}, unsigned: { age: 3 } })).toBe('{"a":1}');

    let caught: unknown;
    try {
      canonicalJson({ content: { weight: 1.5 } });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(CanonicalJsonError);
    expect((caught as CanonicalJsonError).reason).toBe('not-an-integer');
    expect((caught as CanonicalJsonError).path).toBe('content.weight');

    // Room versions 1 to 5 tolerate floats and big integers in events:
    expect(canonicalJson({ weight: 1.5 }, canonicalJsonOptionsFor(getRoomVersion('5')))).toBe('{"weight":1.5}');
    expect(canonicalJsonOptionsFor(getRoomVersion('6'))).toEqual({ numbers: 'strict' });
  });

  it('Parsing network input', () => {
    expect(parseStrictJson('{"depth":1e2}')).toEqual({ depth: 100 });

    const errorOf = (input: string, options?: Parameters<typeof parseStrictJson>[1]): StrictJsonError => {
      try {
        parseStrictJson(input, options);
      } catch (err) {
        if (err instanceof StrictJsonError) return err;
        throw err;
      }
      throw new Error('no error');
    };
    expect(errorOf('{"a":1,"a":2}').reason).toBe('duplicate-key');
    expect(errorOf('{"n":12345678901234567890}').reason).toBe('number-out-of-range');
    expect(errorOf('{"depth":1e2}', { numbers: 'plain' }).reason).toBe('not-an-integer');
    expect(errorOf('"' + 'x'.repeat(70_000) + '"', { maxBytes: 65_536 }).reason).toBe('too-large');
    expect(parseStrictJson('{"weight":1.5}', { numbers: 'lenient' })).toEqual({ weight: 1.5 });
  });

  it('Signing keys and the key file', () => {
    const key = generateSigningKey('a_1');
    expect(key.keyId).toBe('ed25519:a_1');
    expect(key.seed.length).toBe(32);
    expect(key.publicKey.length).toBe(32);

    const file = formatSigningKeyFile([key]);
    expect(file).toMatch(/^ed25519 a_1 [A-Za-z0-9+/]{43}\n$/);
    const [loaded] = parseSigningKeyFile(file);
    expect(encodePublicKey(loaded!)).toBe(encodePublicKey(key));

    const specKey = signingKeyFromSeed('ed25519:1', 'YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1');
    expect(encodePublicKey(specKey)).toBe('XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI');
  });

  it('Signing JSON', () => {
    const key = signingKeyFromSeed('ed25519:1', 'YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1');
    const signed = signJson({ one: 1, two: 'Two' }, 'domain', key);
    expect(signed.signatures).toEqual({
      domain: { 'ed25519:1': 'KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw' },
    });
    expect(verifyJsonSignature(signed, 'domain', 'ed25519:1', key.publicKey)).toBe(true);
    expect(verifyJsonSignature({ ...signed, two: 'Three' }, 'domain', 'ed25519:1', key.publicKey)).toBe(false);
    expect(verifyJsonSignature(signed, 'other.example', 'ed25519:1', key.publicKey)).toBe(false);
    expect(verifyJsonSignature(signed, 'domain', 'ed25519:1', 'XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI')).toBe(true);
  });

  // Events: one key per server, and a lookup over them.
  const keyA = generateSigningKey('a_1');
  const keyB = generateSigningKey('b_1');
  const known: Record<string, SigningKey> = { 'a.example': keyA, 'b.example': keyB };
  const lookupKey: VerifyKeyLookup = (serverName, keyId) => {
    const key = known[serverName];
    return key?.keyId === keyId ? key.publicKey : undefined;
  };

  it('Hashing and signing an event', async () => {
    const pdu = hashAndSignEvent(
      {
        room_id: '!room:a.example',
        type: 'm.room.message',
        sender: '@alice:a.example',
        content: { msgtype: 'm.text', body: 'hello' },
        origin_server_ts: 1_700_000_000_000,
        depth: 5,
        prev_events: ['$prev'],
        auth_events: ['$create', '$power', '$join'],
      },
      'a.example',
      keyA,
      '11',
    );
    expect(Object.keys(pdu.signatures)).toEqual(['a.example']);
    expect(pdu.hashes.sha256).toMatch(/^[A-Za-z0-9+/]{43}$/);

    const eventId = computeEventId(pdu, '11');
    expect(eventId).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
    const event = withEventId(pdu, '11');
    expect(event.event_id).toBe(eventId);

    const result = await verifyEventSignatures(event, '11', lookupKey);
    expect(result).toEqual({
      ok: true,
      servers: [{ serverName: 'a.example', requiredFor: ['sender'], ok: true, verifiedKeyIds: ['ed25519:a_1'] }],
    });
    expect(checkContentHash(pdu, '11')).toBe(true);

    // Someone changed the body on the way: the signatures (over the redacted form)
    // still verify, the content hash does not, so the event is used redacted.
    const tampered = { ...pdu, content: { msgtype: 'm.text', body: 'HELLO' } };
    expect((await verifyEventSignatures(tampered, '11', lookupKey)).ok).toBe(true);
    expect(checkContentHash(tampered, '11')).toBe(false);
    const used = redactEvent(tampered, '11');
    expect(used.content).toEqual({});
    expect(computeEventId(used, '11')).toBe(eventId);

    // A signature by an unknown key is skipped; with no usable key left the server fails.
    const byStranger = hashAndSignEvent({ ...pdu, sender: '@mallory:b.example', signatures: {} }, 'b.example', generateSigningKey('b_1'), '11');
    const strangerResult = await verifyEventSignatures(byStranger, '11', lookupKey);
    expect(strangerResult.ok).toBe(false);
    expect(strangerResult.servers[0]!.reason).toBe('signature by ed25519:b_1 does not verify');
  });

  it('Room IDs of room version 12', () => {
    const create = hashAndSignEvent(
      {
        type: 'm.room.create',
        state_key: '',
        sender: '@alice:a.example',
        content: { room_version: '12' },
        origin_server_ts: 1_700_000_000_000,
        depth: 1,
        prev_events: [],
        auth_events: [],
      },
      'a.example',
      keyA,
      '12',
    );
    const roomId = computeRoomId(create, '12');
    expect(roomId).toBe(`!${computeEventId(create, '12').slice(1)}`);
    expect(roomId).toMatch(/^![A-Za-z0-9_-]{43}$/);
  });

  it('X-Matrix request authentication', async () => {
    const header = buildXMatrixAuthorization({
      method: 'PUT',
      uri: '/_matrix/federation/v1/send/1700000000000',
      origin: 'a.example',
      destination: 'b.example',
      content: { pdus: [], edus: [] },
      key: keyA,
    });
    expect(header).toMatch(/^X-Matrix origin="a\.example",destination="b\.example",key="ed25519:a_1",sig="[A-Za-z0-9+/]{86}"$/);
    expect(parseXMatrixAuthorization(header)).toMatchObject({ origin: 'a.example', destination: 'b.example', key: 'ed25519:a_1' });

    // On b.example:
    const result = await verifyXMatrixAuthorization({
      header,
      method: 'PUT',
      uri: '/_matrix/federation/v1/send/1700000000000',
      destination: 'b.example',
      content: { pdus: [], edus: [] },
      lookupKey,
      now: Date.now(),
    });
    expect(result).toEqual({ ok: true, origin: 'a.example', keyId: 'ed25519:a_1' });

    const replayed = await verifyXMatrixAuthorization({
      header,
      method: 'PUT',
      uri: '/_matrix/federation/v1/send/1700000000001',
      destination: 'b.example',
      content: { pdus: [], edus: [] },
      lookupKey,
    });
    expect(replayed).toMatchObject({ ok: false, origin: 'a.example', reason: 'signature by ed25519:a_1 of a.example does not verify' });
  });

  it('Server keys and notaries', async () => {
    const now = 1_700_000_000_000;
    const doc = buildServerKeyDocument({ serverName: 'a.example', keys: [keyA], validUntilTs: now + 86_400_000 });
    expect(doc.verify_keys).toEqual({ 'ed25519:a_1': { key: encodePublicKey(keyA) } });

    const verified = verifyServerKeyDocument(doc, { serverName: 'a.example', now });
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(verified.verifyKeys['ed25519:a_1']).toEqual(keyA.publicKey);
    expect(verified.effectiveValidUntilTs).toBe(now + 86_400_000);

    const lookup = serverKeysLookup([verified]);
    const pdu = hashAndSignEvent(
      {
        room_id: '!room:a.example',
        type: 'm.room.message',
        sender: '@alice:a.example',
        content: { body: 'hi' },
        origin_server_ts: now,
        depth: 2,
        prev_events: ['$prev'],
        auth_events: ['$create'],
      },
      'a.example',
      keyA,
      '11',
    );
    expect((await verifyEventSignatures(pdu, '11', lookup)).ok).toBe(true);
    expect(verifyServerKeyDocument(doc, { serverName: 'b.example' })).toEqual({ ok: false, reason: 'server_name "a.example" is not "b.example"' });

    // A notary answers /_matrix/key/v2/query with the document, countersigned.
    const notaryKey = generateSigningKey('n_1');
    const response = { server_keys: [signJson(doc, 'notary.example', notaryKey)] };
    const results = await verifyNotaryKeyResponse(response, {
      notaryServerName: 'notary.example',
      lookupNotaryKey: (serverName, keyId) =>
        serverName === 'notary.example' && keyId === notaryKey.keyId ? notaryKey.publicKey : undefined,
      requestedServerNames: ['a.example'],
      now,
    });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: true, serverName: 'a.example', notaryKeyIds: ['ed25519:n_1'] });
  });

  it('Room versions', () => {
    const v10 = getRoomVersion('10');
    expect(v10.integerPowerLevels).toBe(true);
    expect(getRoomVersion('9').integerPowerLevels).toBe(false);
    expect(getRoomVersion('12').stateResolution).toBe('v2.1');
    expect(isSupportedRoomVersion('org.example.custom')).toBe(false);
    expect(() => getRoomVersion('org.example.custom')).toThrow(UnsupportedRoomVersionError);
    expect(() => computeEventId({}, 'org.example.custom')).toThrow(UnsupportedRoomVersionError);
  });
});

// ---------------------------------------------------------------------------------------------
// docs/authorization-and-state-resolution.md
// ---------------------------------------------------------------------------------------------

// "Your storage": what the guide's examples keep, in memory.
const store = {
  events: new Map<string, RoomEvent>(),
  rejected: new Set<string>(),
  /** The state after each accepted event: state key -> event ID. */
  stateAfter: new Map<string, Map<StateKey, string>>(),
};

const keys: Record<string, SigningKey> = {
  'a.example': generateSigningKey('a_1'),
  'b.example': generateSigningKey('b_1'),
  'c.example': generateSigningKey('c_1'),
};
const lookupKey: VerifyKeyLookup = (serverName, keyId) => {
  const key = keys[serverName];
  return key?.keyId === keyId ? key.publicKey : undefined;
};

const rv = getRoomVersion('11');
const roomId = '!room:a.example';
let clock = 1_700_000_000_000;

/** A state map (state key -> event ID) as the auth checks read it. */
function stateLookup(state: ReadonlyMap<StateKey, string>): AuthStateLookup {
  return (type, stateKey) => {
    const id = state.get(stateKeyOf(type, stateKey));
    return id === undefined ? undefined : store.events.get(id);
  };
}

type EventFields = {
  room_id: string;
  type: string;
  state_key?: string;
  sender: string;
  content: JsonObject;
  origin_server_ts: number;
  depth: number;
  prev_events: string[];
  auth_events: string[];
};

/** Builds, signs and authorises an event of a local user on top of `prev`, then stores it. */
function send(fields: { type: string; sender: string; state_key?: string; content: JsonObject }, prev?: RoomEvent): RoomEvent {
  const before = prev ? store.stateAfter.get(prev.event_id)! : new Map<StateKey, string>();
  // The auth events selection, over the state before the event.
  const authEvents = authEventTypesFor(fields, rv)
    .map((t) => before.get(stateKeyOf(t.type, t.stateKey)))
    .filter((id): id is string => id !== undefined);
  const server = fields.sender.slice(fields.sender.indexOf(':') + 1);
  const pdu = hashAndSignEvent(
    {
      room_id: roomId,
      ...fields,
      origin_server_ts: clock++,
      depth: prev ? prev.depth + 1 : 1,
      prev_events: prev ? [prev.event_id] : [],
      auth_events: authEvents,
    },
    server,
    keys[server]!,
    rv,
  );
  const event = withEventId(pdu, rv);
  const result = checkEventAuth(event, authEvents.map((id) => store.events.get(id)!), rv);
  if (!result.allowed) throw new Error(`${result.step}: ${result.reason}`);
  store.events.set(event.event_id, event);
  const after = new Map(before);
  if (event.state_key !== undefined) after.set(stateKeyOf(event.type, event.state_key), event.event_id);
  store.stateAfter.set(event.event_id, after);
  return event;
}

/** A signed event that is neither checked nor stored (what another server might send). */
function unchecked(fields: { type: string; sender: string; state_key?: string; content: JsonObject }, prev: RoomEvent, authEvents: readonly RoomEvent[]): Pdu {
  const server = fields.sender.slice(fields.sender.indexOf(':') + 1);
  return hashAndSignEvent(
    {
      room_id: roomId,
      ...fields,
      origin_server_ts: clock++,
      depth: prev.depth + 1,
      prev_events: [prev.event_id],
      auth_events: authEvents.map((e) => e.event_id),
    },
    server,
    keys[server]!,
    rv,
  );
}

const alice = '@alice:a.example';
const bob = '@bob:b.example';
const carol = '@carol:c.example';

const create = send({ type: 'm.room.create', sender: alice, state_key: '', content: { room_version: '11' } });
const aliceJoin = send({ type: 'm.room.member', sender: alice, state_key: alice, content: { membership: 'join' } }, create);
const power = send(
  { type: 'm.room.power_levels', sender: alice, state_key: '', content: { users: { [alice]: 100, [bob]: 50 } } },
  aliceJoin,
);
const joinRules = send({ type: 'm.room.join_rules', sender: alice, state_key: '', content: { join_rule: 'public' } }, power);
const bobJoin = send({ type: 'm.room.member', sender: bob, state_key: bob, content: { membership: 'join' } }, joinRules);
const topic = send({ type: 'm.room.topic', sender: alice, state_key: '', content: { topic: 'old' } }, bobJoin);

describe('authorization-and-state-resolution.md', () => {
  it('Checking an event against its auth events', () => {
    const message = send({ type: 'm.room.message', sender: bob, content: { msgtype: 'm.text', body: 'hi' } }, topic);
    expect(authEventTypesFor(message, rv)).toEqual([
      { type: 'm.room.create', stateKey: '' },
      { type: 'm.room.power_levels', stateKey: '' },
      { type: 'm.room.member', stateKey: bob },
    ]);
    const authEvents = authEventIds(message).map((id) => store.events.get(id)).filter((e) => e !== undefined);
    expect(authEvents.map((e) => e.event_id)).toEqual([create.event_id, power.event_id, bobJoin.event_id]);

    const options: AuthOptions = { isRejected: (id) => store.rejected.has(id) };
    expect(checkEventAuth(message, authEvents, rv, options)).toEqual({ allowed: true });

    // A missing auth event, and one that was rejected:
    expect(checkEventAuth(message, authEvents.slice(0, 2), rv, options)).toMatchObject({ allowed: false, step: 'auth_events.missing' });
    store.rejected.add(bobJoin.event_id);
    expect(checkEventAuth(message, authEvents, rv, options)).toMatchObject({ allowed: false, step: 'auth_events.rejected', rule: '2.3' });
    store.rejected.delete(bobJoin.event_id);

    // The two halves on their own.
    expect(checkAuthEventsList(message, authEvents, rv, options)).toEqual({ allowed: true });
    const stateBefore = store.stateAfter.get(topic.event_id)!;
    expect(checkEventAuthAgainstState(message, stateLookup(stateBefore), rv, options)).toEqual({ allowed: true });
    const asMap = new Map([...stateBefore].map(([key, id]) => [key, store.events.get(id)!] as const));
    expect(checkEventAuthAgainstState(message, asMap, rv, options)).toEqual({ allowed: true });
    expect(toAuthStateLookup(asMap)('m.room.member', bob)).toBe(bobJoin);

    // Carol is not in the room.
    const carolMessage = withEventId(unchecked({ type: 'm.room.message', sender: carol, content: { body: 'spam' } }, topic, [create, power]), rv);
    expect(checkEventAuth(carolMessage, [create, power], rv)).toEqual({
      allowed: false,
      step: 'sender',
      rule: '5',
      reason: '@carol:c.example is not joined to the room',
    });
  });

  it('Room version 12: the create event', () => {
    const key = keys['a.example']!;
    const create12 = withEventId(
      hashAndSignEvent(
        {
          type: 'm.room.create',
          state_key: '',
          sender: alice,
          content: { room_version: '12' },
          origin_server_ts: 1_700_000_000_000,
          depth: 1,
          prev_events: [],
          auth_events: [],
        },
        'a.example',
        key,
        '12',
      ),
      '12',
    );
    const room12 = computeRoomId(create12, '12');
    const join12 = withEventId(
      hashAndSignEvent(
        {
          room_id: room12,
          type: 'm.room.member',
          state_key: alice,
          sender: alice,
          content: { membership: 'join' },
          origin_server_ts: 1_700_000_000_001,
          depth: 2,
          prev_events: [create12.event_id],
          auth_events: [], // never the create event in v12
        },
        'a.example',
        key,
        '12',
      ),
      '12',
    );
    expect(authEventTypesFor(join12, '12')).toEqual([
      { type: 'm.room.power_levels', stateKey: '' },
      { type: 'm.room.member', stateKey: alice },
      { type: 'm.room.join_rules', stateKey: '' },
    ]);
    expect(checkEventAuth(join12, [create12], '12')).toEqual({ allowed: true });
    expect(checkEventAuth(join12, [], '12', { createEvent: create12 })).toEqual({ allowed: true });
    expect(checkEventAuth(join12, [], '12')).toMatchObject({ allowed: false, step: 'room_id', rule: '2' });
    expect(checkEventAuthAgainstState(join12, new Map(), '12', { createEvent: create12 })).toEqual({ allowed: true });
  });

  it('The authoriser of a restricted join: isSignedBy', async () => {
    const v10 = getRoomVersion('10');
    const rid = '!restricted:a.example';
    const sign = (fields: EventFields, server: string) => withEventId(hashAndSignEvent(fields, server, keys[server]!, v10), v10);
    const at = (depth: number, prev: RoomEvent[], auth: RoomEvent[]) => ({
      room_id: rid,
      origin_server_ts: 1_700_000_000_000 + depth,
      depth,
      prev_events: prev.map((e) => e.event_id),
      auth_events: auth.map((e) => e.event_id),
    });
    const c = sign({ ...at(1, [], []), type: 'm.room.create', state_key: '', sender: alice, content: { creator: alice, room_version: '10' } }, 'a.example');
    const j = sign({ ...at(2, [c], [c]), type: 'm.room.member', state_key: alice, sender: alice, content: { membership: 'join' } }, 'a.example');
    const allow = [{ type: 'm.room_membership', room_id: '!space:a.example' }];
    const rules = sign({ ...at(3, [j], [c, j]), type: 'm.room.join_rules', state_key: '', sender: alice, content: { join_rule: 'restricted', allow } }, 'a.example');
    // Bob's server builds the join; Alice's server, resident, adds its signature.
    const joinPdu = hashAndSignEvent(
      {
        room_id: rid,
        type: 'm.room.member',
        state_key: bob,
        sender: bob,
        content: { membership: 'join', join_authorised_via_users_server: alice },
        origin_server_ts: 1_700_000_000_100,
        depth: 4,
        prev_events: [rules.event_id],
        auth_events: [c.event_id, rules.event_id, j.event_id],
      },
      'b.example',
      keys['b.example']!,
      v10,
    );
    const countersigned = hashAndSignEvent(joinPdu, 'a.example', keys['a.example']!, v10);
    const bobJoin10 = withEventId(countersigned, v10);

    const signatures = await verifyEventSignatures(bobJoin10, v10, lookupKey);
    expect(signatures.ok).toBe(true);
    expect(signatures.servers.map((s) => [s.serverName, s.requiredFor])).toEqual([
      ['b.example', ['sender']],
      ['a.example', ['join_authorised_via_users_server']],
    ]);
    const isSignedBy = (_event: RoomEvent, serverName: string) => signatures.servers.some((s) => s.serverName === serverName && s.ok);

    expect(checkEventAuth(bobJoin10, [c, j, rules], v10)).toMatchObject({ allowed: false, step: 'member.authoriser_signature' });
    expect(checkEventAuth(bobJoin10, [c, j, rules], v10, { isSignedBy })).toEqual({ allowed: true });
    // Only Bob's signature: the authoriser's server did not sign.
    const onlyBob = withEventId(joinPdu, v10);
    const onlyBobSignatures = await verifyEventSignatures(onlyBob, v10, lookupKey);
    expect(onlyBobSignatures.ok).toBe(false);
  });

  it('The receipt checks', async () => {
    type Outcome = { outcome: 'dropped' | 'rejected' | 'soft-failed' | 'accepted'; event?: RoomEvent; reason?: string };

    async function receivePdu(raw: EventObject, roomVersion: RoomVersion, currentState: ReadonlyMap<StateKey, string>): Promise<Outcome> {
      // 1. A valid event of its room version, otherwise dropped.
      const parsed = pduSchemaFor(roomVersion.id).safeParse(raw);
      if (!parsed.success) return { outcome: 'dropped', reason: parsed.error.issues[0]?.message };
      // 2. Passes signature checks, otherwise dropped.
      const signatures = await verifyEventSignatures(raw, roomVersion, lookupKey);
      if (!signatures.ok) return { outcome: 'dropped', reason: signatures.servers.find((s) => !s.ok)?.reason };
      // 3. Passes hash checks, otherwise redacted before being processed further.
      const body = checkContentHash(raw, roomVersion) ? raw : redactEvent(raw, roomVersion);
      const event = withEventId(body as Pdu, roomVersion);
      const options: AuthOptions = {
        isRejected: (id) => store.rejected.has(id),
        isSignedBy: (_e, serverName) => signatures.servers.some((s) => s.serverName === serverName && s.ok),
      };
      // 4. Passes the auth rules based on its auth events, otherwise rejected.
      const authEvents = authEventIds(event).map((id) => store.events.get(id)).filter((e) => e !== undefined);
      const byAuthEvents = checkEventAuth(event, authEvents, roomVersion, options);
      if (!byAuthEvents.allowed) return { outcome: 'rejected', event, reason: byAuthEvents.reason };
      // 5. Passes the auth rules based on the state before it, otherwise rejected.
      const sets = prevEventIds(event).map((id) => store.stateAfter.get(id)!);
      const stateBefore = sets.length === 1 ? sets[0]! : await resolveState(roomVersion, sets, (ids) => eventsById(ids));
      const byStateBefore = checkEventAuthAgainstState(event, stateLookup(stateBefore), roomVersion, options);
      if (!byStateBefore.allowed) return { outcome: 'rejected', event, reason: byStateBefore.reason };
      // 6. Passes the auth rules based on the current state, otherwise soft-failed.
      const byCurrentState = checkEventAuthAgainstState(event, stateLookup(currentState), roomVersion, options);
      if (!byCurrentState.allowed) return { outcome: 'soft-failed', event, reason: byCurrentState.reason };
      return { outcome: 'accepted', event };
    }
    function eventsById(ids: readonly string[]): Map<string, RoomEvent> {
      const out = new Map<string, RoomEvent>();
      for (const id of ids) {
        const event = store.events.get(id);
        if (event) out.set(id, event);
      }
      return out;
    }

    const current = store.stateAfter.get(topic.event_id)!;
    const hello = unchecked({ type: 'm.room.message', sender: bob, content: { msgtype: 'm.text', body: 'hello' } }, topic, [create, power, bobJoin]);
    expect(await receivePdu(hello, rv, current)).toMatchObject({ outcome: 'accepted' });

    const { hashes: _hashes, ...noHashes } = hello;
    expect(await receivePdu(noHashes, rv, current)).toMatchObject({ outcome: 'dropped' });

    const forged = hashAndSignEvent({ ...hello, signatures: {} }, 'b.example', generateSigningKey('b_1'), rv);
    expect(await receivePdu(forged, rv, current)).toMatchObject({ outcome: 'dropped', reason: 'signature by ed25519:b_1 does not verify' });

    const edited = { ...hello, content: { msgtype: 'm.text', body: 'edited' } };
    const redacted = await receivePdu(edited, rv, current);
    expect(redacted.outcome).toBe('accepted');
    expect(redacted.event?.content).toEqual({});

    const spam = unchecked({ type: 'm.room.message', sender: carol, content: { body: 'spam' } }, topic, [create, power]);
    expect(await receivePdu(spam, rv, current)).toMatchObject({ outcome: 'rejected', reason: '@carol:c.example is not joined to the room' });

    // Alice bans Bob; Bob, unaware, sends after the topic: fine before it, not now.
    const ban = send({ type: 'm.room.member', sender: alice, state_key: bob, content: { membership: 'ban' } }, topic);
    const late = unchecked({ type: 'm.room.message', sender: bob, content: { body: 'late' } }, topic, [create, power, bobJoin]);
    expect(await receivePdu(late, rv, store.stateAfter.get(ban.event_id)!)).toMatchObject({
      outcome: 'soft-failed',
      reason: '@bob:b.example is not joined to the room',
    });
  });

  it('Power levels, join rules and membership transitions', () => {
    const state = store.stateAfter.get(topic.event_id)!;
    const lookup = stateLookup(state);

    const pl = powerLevelsFromState(lookup, rv);
    expect(getUserPowerLevel(pl, alice)).toBe(100);
    expect(getUserPowerLevel(pl, bob)).toBe(50);
    expect(getUserPowerLevel(pl, carol)).toBe(0);
    expect(getRequiredPowerLevel(pl, 'm.room.name', true)).toBe(50);
    expect(canSendState(pl, bob, 'm.room.name')).toBe(true);
    expect(canBan(pl, bob, alice)).toBe(false);
    expect(canBan(pl, alice, bob)).toBe(true);

    expect(parsePowerLevelValue(' +50 ', getRoomVersion('9'))).toBe(50);
    expect(parsePowerLevelValue('50', getRoomVersion('10'))).toBeUndefined();

    expect(joinRuleOf(lookup('m.room.join_rules', '')?.content)).toBe('public');
    expect(joinRuleOf(undefined)).toBe('invite');
    expect(allowConditionsOf({ join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: '!space:a.example' }] })).toEqual([
      { type: 'm.room_membership', roomId: '!space:a.example' },
    ]);
    expect(checkJoinAllowed({ state: lookup, roomVersion: rv, userId: carol })).toEqual({ allowed: true, via: 'public' });
    const stateEvents = [...state.values()].map((id) => store.events.get(id)!);
    expect(findJoinAuthorisers(stateEvents, rv)).toEqual([alice, bob]);
    expect(findJoinAuthorisers(stateEvents, rv, { serverName: 'a.example' })).toEqual([alice]);

    expect(checkMembershipTransition({ roomVersion: rv, state: lookup, sender: alice, target: bob, to: 'ban' })).toEqual({ ok: true });
    expect(checkMembershipTransition({ roomVersion: rv, state: lookup, sender: bob, target: alice, to: 'ban' })).toMatchObject({
      ok: false,
      status: 403,
      errcode: 'M_FORBIDDEN',
    });
    expect(checkMembershipTransition({ roomVersion: '6', state: lookup, sender: carol, target: carol, to: 'knock' })).toMatchObject({
      ok: false,
      status: 400,
      errcode: 'M_BAD_JSON',
    });
    expect(checkMembershipTransition({ roomVersion: rv, state: lookup, sender: carol, target: carol, to: 'join' })).toEqual({ ok: true });
  });

  it('State resolution with your own storage', async () => {
    // A fork after the topic: Alice bans Bob on one branch, Bob changes the topic on the other.
    const ban = send({ type: 'm.room.member', sender: alice, state_key: bob, content: { membership: 'ban', reason: 'spam' } }, topic);
    const newTopic = send({ type: 'm.room.topic', sender: bob, state_key: '', content: { topic: 'new' } }, topic);
    const stateSets = [store.stateAfter.get(ban.event_id)!, store.stateAfter.get(newTopic.event_id)!];

    const provider: StateResolutionProvider = {
      getEvents(ids) {
        const found = new Map<string, RoomEvent>();
        for (const id of ids) {
          const event = store.events.get(id);
          if (event) found.set(id, event);
        }
        return found;
      },
      isRejected: (id) => store.rejected.has(id),
    };
    const resolved = await resolveState(rv, stateSets, provider, { roomId });
    expect(resolved.get(stateKeyOf('m.room.member', bob))).toBe(ban.event_id);
    expect(resolved.get(stateKeyOf('m.room.topic', ''))).toBe(topic.event_id);
    expect(resolved.size).toBe(6);

    // A function is a provider too.
    const viaFunction = await resolveState('11', stateSets, (ids) => provider.getEvents(ids));
    expect(viaFunction).toEqual(resolved);

    // Batches: one call per level of a walk.
    const batches: number[] = [];
    await resolveState(rv, stateSets, { getEvents: (ids) => (batches.push(ids.length), provider.getEvents(ids)) });
    expect(batches.length).toBeLessThan(store.events.size);

    const resolver = createStateResolver(rv, provider, { roomId });
    expect(await resolver.resolve(stateSets)).toEqual(resolved);
    expect(resolver.size).toBeGreaterThan(0);

    // The auth-chain fast path, computed here naively.
    const authChain = (ids: Iterable<string>): Set<string> => {
      const chain = new Set<string>();
      const todo = [...ids].flatMap((id) => authEventIds(store.events.get(id)!));
      for (let id = todo.pop(); id !== undefined; id = todo.pop()) {
        if (chain.has(id)) continue;
        chain.add(id);
        todo.push(...authEventIds(store.events.get(id)!));
      }
      return chain;
    };
    const withIndex: StateResolutionProvider = {
      ...provider,
      getAuthChainDifference(sets) {
        const chains = sets.map((set) => authChain(set));
        const union = new Set(chains.flatMap((c) => [...c]));
        return [...union].filter((id) => !chains.every((c) => c.has(id)));
      },
    };
    expect(await resolveState(rv, stateSets, withIndex)).toEqual(resolved);
  });

  it('get_missing_events and backfill', async () => {
    const source: RoomEventSource = {
      getEventsInRoom(room, ids, minDepth) {
        return ids
          .map((id) => store.events.get(id))
          .filter((e): e is RoomEvent => e !== undefined && e.room_id === room && e.depth >= minDepth);
      },
    };
    const request = parseMissingEventsRequest(roomId, {
      latest_events: [topic.event_id],
      earliest_events: [joinRules.event_id],
      limit: 10,
    });
    expect(request).toEqual({ roomId, latestEvents: [topic.event_id], earliestEvents: [joinRules.event_id], limit: 10, minDepth: 0 });
    const missing = await getMissingEvents(source, request);
    expect(missing.events.map((e) => e.event_id)).toEqual([bobJoin.event_id]);

    const page = await backfill(source, roomId, [topic.event_id], 3);
    expect(page.events.map((e) => e.event_id)).toEqual([topic.event_id, bobJoin.event_id, joinRules.event_id]);
    expect(page.lookups).toBe(3);

    let caught: unknown;
    try {
      parseMissingEventsRequest(roomId, { latest_events: [], earliest_events: [] });
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ name: 'MissingEventsRequestError', errcode: 'M_INVALID_PARAM', field: 'latest_events' });

    expect(serverMayAccessRoom({ serverName: 'c.example', joinedServers: new Set(['a.example', 'b.example']), historyVisibility: 'shared' })).toEqual({
      allowed: false,
      errcode: 'M_FORBIDDEN',
      error: 'c.example is not in the room',
    });
    expect(serverMayAccessRoom({ serverName: 'b.example', joinedServers: new Set(['a.example', 'b.example']), historyVisibility: 'shared' })).toEqual({ allowed: true });

    // history_visibility "joined": b.example sees only what was sent while one of its users was joined.
    const memberships = (event: RoomEvent) => {
      const state = store.stateAfter.get(prevEventIds(event)[0] ?? '') ?? new Map<StateKey, string>();
      const id = state.get(stateKeyOf('m.room.member', bob));
      const content = id === undefined ? undefined : store.events.get(id)?.content;
      return typeof content?.['membership'] === 'string' ? [content['membership']] : [];
    };
    const visible = filterEventsForServer([power, topic], rv, 'b.example', (event) => ({ historyVisibility: 'joined', memberships: memberships(event) }));
    expect(visible[0]!.content).toEqual({ users: { [alice]: 100, [bob]: 50 } }); // power levels survive redaction
    expect(visible[0]).not.toBe(power);
    expect(visible[1]).toBe(topic);
    const omitted = filterEventsForServer([joinRules, topic], rv, 'b.example', (event) => ({ historyVisibility: 'joined', memberships: memberships(event) }), { hidden: 'omit' });
    expect(omitted).toEqual([topic]);
  });
});

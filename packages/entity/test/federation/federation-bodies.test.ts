import {
  backfillResponseSchema,
  eventResponseSchema,
  exchangeThirdPartyInviteRequestSchema,
  federationPublicRoomsRequestSchema,
  federationPublicRoomsResponseSchema,
  getMissingEventsRequestSchema,
  inviteV1RequestSchema,
  inviteV1ResponseSchema,
  inviteV2RequestSchema,
  makeJoinResponseSchema,
  makeKnockResponseSchema,
  openIdUserInfoResponseSchema,
  policyServerSignatureResponseSchema,
  queryDirectoryResponseSchema,
  queryProfileResponseSchema,
  sendJoinRequestSchema,
  sendJoinResponseSchema,
  sendLeaveRequestSchema,
  sendTransactionResponseSchema,
  serverKeysQueryRequestSchema,
  serverKeysQueryResponseSchema,
  serverKeysSchema,
  serverWellKnownSchema,
  stateIdsResponseSchema,
  thirdPartyOnBindRequestSchema,
  transactionSchema,
  userDevicesResponseSchema,
  userKeysClaimRequestSchema,
  userKeysClaimResponseSchema,
  userKeysQueryRequestSchema,
} from '@maxtryx/entity';
import { describe, expect, it } from 'vitest';
import { loadSpecDocument, resolveRefs } from '../spec-examples/spec-data.js';
import { issuePaths } from '../pdu/pdu-fixtures.js';

const example = (rel: string): any => resolveRefs(loadSpecDocument(`api/server-server/${rel}`), `api/server-server/${rel}`);
const minimalPdu = example('examples/minimal_pdu.json');
const edu = { edu_type: 'm.presence', content: { push: [] } };

describe('transactions', () => {
  const txn = (pdus: number, edus?: number) => ({
    origin: 'matrix.org',
    origin_server_ts: 1234567890,
    pdus: Array.from({ length: pdus }, () => minimalPdu),
    ...(edus === undefined ? {} : { edus: Array.from({ length: edus }, () => edu) }),
  });

  it('parses the spec example losslessly', () => {
    const value = example('examples/transaction.json');
    expect(transactionSchema.parse(value)).toStrictEqual(value);
  });

  it('allows 50 PDUs and 100 EDUs, rejects 51 PDUs and 101 EDUs', () => {
    expect(transactionSchema.safeParse(txn(50, 100)).success).toBe(true);
    expect(issuePaths(transactionSchema.safeParse(txn(51)))).toEqual(['pdus']);
    expect(issuePaths(transactionSchema.safeParse(txn(1, 101)))).toEqual(['edus']);
    expect(issuePaths(transactionSchema.safeParse(txn(51, 101)))).toEqual(['pdus', 'edus']);
  });

  it('does not reject a transaction for one malformed PDU or EDU content (each is processed alone)', () => {
    const value = { ...txn(0), pdus: [{ type: 5 }], edus: [{ edu_type: 'm.typing', content: { typing: 'no' } }] };
    expect(transactionSchema.parse(value)).toStrictEqual(value);
  });

  it('rejects bad fields, naming the path', () => {
    expect(issuePaths(transactionSchema.safeParse({ ...txn(1), origin: 'bad_host' }))).toEqual(['origin']);
    expect(issuePaths(transactionSchema.safeParse({ ...txn(1), origin_server_ts: '1' }))).toEqual(['origin_server_ts']);
    expect(issuePaths(transactionSchema.safeParse({ origin: 'a.org', origin_server_ts: 1 }))).toEqual(['pdus']);
    expect(issuePaths(transactionSchema.safeParse({ ...txn(0), pdus: ['pdu'] }))).toEqual(['pdus.0']);
    expect(issuePaths(transactionSchema.safeParse({ ...txn(0), edus: [{ content: {} }] }))).toEqual(['edus.0.edu_type']);
  });

  it('the response maps event IDs to results', () => {
    expect(issuePaths(sendTransactionResponseSchema.safeParse({ pdus: { not_an_id: {} } }))).toEqual(['pdus.not_an_id']);
    expect(issuePaths(sendTransactionResponseSchema.safeParse({ pdus: { '$a:b.org': { error: 5 } } }))).toEqual(['pdus.$a:b.org.error']);
    expect(issuePaths(sendTransactionResponseSchema.safeParse({}))).toEqual(['pdus']);
  });

  it('backfill has no PDU limit; /event holds exactly one PDU', () => {
    const big = txn(200);
    expect(backfillResponseSchema.safeParse(big).success).toBe(true);
    expect(eventResponseSchema.safeParse(txn(1)).success).toBe(true);
    expect(issuePaths(eventResponseSchema.safeParse(txn(2)))).toEqual(['pdus']);
    expect(issuePaths(eventResponseSchema.safeParse(txn(0)))).toEqual(['pdus']);
  });
});

describe('membership handshakes', () => {
  const template = (membership: string) => ({
    room_id: '!somewhere:example.org',
    type: 'm.room.member',
    state_key: '@someone:example.org',
    origin: 'example.org',
    origin_server_ts: 1549041175876,
    sender: '@someone:example.org',
    content: { membership },
  });

  it('make_join: checks the template the caller MUST verify', () => {
    expect(makeJoinResponseSchema.safeParse({ event: template('join') }).success).toBe(true);
    expect(issuePaths(makeJoinResponseSchema.safeParse({ room_version: '2', event: template('leave') }))).toEqual(['event.content.membership']);
    expect(issuePaths(makeJoinResponseSchema.safeParse({ event: { ...template('join'), type: 'm.room.message' } }))).toEqual(['event.type']);
    expect(issuePaths(makeJoinResponseSchema.safeParse({ event: { ...template('join'), state_key: '@other:example.org' } }))).toEqual(['event.state_key']);
    expect(issuePaths(makeJoinResponseSchema.safeParse({ event: { ...template('join'), room_id: 'somewhere' } }))).toEqual(['event.room_id']);
    expect(issuePaths(makeJoinResponseSchema.safeParse({ room_version: 2, event: template('join') }))).toEqual(['room_version']);
    expect(issuePaths(makeJoinResponseSchema.safeParse({ room_version: '2' }))).toEqual(['event']);
  });

  it('make_knock requires room_version', () => {
    expect(issuePaths(makeKnockResponseSchema.safeParse({ event: template('knock') }))).toEqual(['room_version']);
  });

  it('send_join / send_leave requests', () => {
    const join = { ...template('join'), content: { membership: 'join', join_authorised_via_users_server: 'not-a-user' } };
    expect(issuePaths(sendJoinRequestSchema.safeParse(join))).toEqual(['content.join_authorised_via_users_server']);
    const { sender: _sender, ...noSender } = template('join');
    expect(issuePaths(sendJoinRequestSchema.safeParse(noSender))).toContain('sender');
    expect(issuePaths(sendJoinRequestSchema.safeParse({ ...template('join'), origin_server_ts: 1.5 }))).toEqual(['origin_server_ts']);
    expect(issuePaths(sendLeaveRequestSchema.safeParse(template('leave')))).toEqual(['depth']);
    expect(sendLeaveRequestSchema.safeParse({ ...template('leave'), depth: 0 }).success).toBe(true);
  });

  it('send_join response: servers_in_room is required when members_omitted', () => {
    const body = { auth_chain: [minimalPdu], state: [] };
    expect(sendJoinResponseSchema.safeParse(body).success).toBe(true);
    expect(issuePaths(sendJoinResponseSchema.safeParse({ ...body, members_omitted: true }))).toEqual(['servers_in_room']);
    expect(sendJoinResponseSchema.safeParse({ ...body, members_omitted: true, servers_in_room: ['a.org'] }).success).toBe(true);
    expect(issuePaths(sendJoinResponseSchema.safeParse({ ...body, servers_in_room: ['bad host'] }))).toEqual(['servers_in_room.0']);
    expect(issuePaths(sendJoinResponseSchema.safeParse({ state: [] }))).toEqual(['auth_chain']);
  });

  it('invites', () => {
    const invite = { ...template('invite'), state_key: '@joe:elsewhere.com' };
    const v1 = { ...invite, unsigned: { invite_room_state: [minimalPdu] } };
    expect(inviteV1RequestSchema.parse(v1)).toStrictEqual(v1);
    expect(issuePaths(inviteV1RequestSchema.safeParse({ ...invite, unsigned: { invite_room_state: {} } }))).toEqual([
      'unsigned.invite_room_state',
    ]);
    expect(issuePaths(inviteV1RequestSchema.safeParse({ ...invite, content: { membership: 'join' } }))).toEqual(['content.membership']);
    expect(inviteV1ResponseSchema.safeParse([200, { event: invite }]).success).toBe(true);
    expect(issuePaths(inviteV1ResponseSchema.safeParse([201, { event: invite }]))).toEqual(['0']);
    expect(issuePaths(inviteV1ResponseSchema.safeParse([200]))).toEqual(['1']);
    expect(issuePaths(inviteV2RequestSchema.safeParse({ event: invite }))).toEqual(['room_version']);
    expect(issuePaths(inviteV2RequestSchema.safeParse({ room_version: '10', event: { ...invite, origin: 'a b' } }))).toEqual(['event.origin']);
  });
});

describe('other bodies reject bad input, naming the path', () => {
  it('get_missing_events request', () => {
    const body = { limit: 10, min_depth: 0, earliest_events: ['$a:example.org'], latest_events: ['$b:example.org'] };
    expect(getMissingEventsRequestSchema.parse(body)).toStrictEqual(body);
    expect(issuePaths(getMissingEventsRequestSchema.safeParse({ ...body, limit: -1 }))).toEqual(['limit']);
    expect(issuePaths(getMissingEventsRequestSchema.safeParse({ ...body, latest_events: ['b'] }))).toEqual(['latest_events.0']);
    expect(issuePaths(getMissingEventsRequestSchema.safeParse({ latest_events: [] }))).toEqual(['earliest_events']);
  });

  it('state_ids response', () => {
    expect(issuePaths(stateIdsResponseSchema.safeParse({ auth_chain_ids: ['$x'], pdu_ids: [] }))).toEqual(['auth_chain_ids.0']);
  });

  it('query directory and profile', () => {
    expect(issuePaths(queryDirectoryResponseSchema.safeParse({ room_id: '#alias:a.org', servers: [] }))).toEqual(['room_id']);
    expect(issuePaths(queryDirectoryResponseSchema.safeParse({ room_id: '!r:a.org', servers: ['a.org:99999x'] }))).toEqual(['servers.0']);
    expect(queryProfileResponseSchema.safeParse({ displayname: null, avatar_url: null, 'm.tz': 'Europe/London', other: 1 }).success).toBe(true);
    expect(issuePaths(queryProfileResponseSchema.safeParse({ avatar_url: 'https://example.org/a.png' }))).toEqual(['avatar_url']);
    expect(issuePaths(queryProfileResponseSchema.safeParse({ displayname: 5 }))).toEqual(['displayname']);
  });

  it('server keys: key IDs follow algorithm:version with version of [a-zA-Z0-9_]', () => {
    const keys = example('examples/server_key.json');
    expect(serverKeysSchema.parse(keys)).toStrictEqual(keys);
    expect(issuePaths(serverKeysSchema.safeParse({ ...keys, verify_keys: { 'ed25519:a-b': { key: 'x' } } }))).toEqual(['verify_keys.ed25519:a-b']);
    expect(issuePaths(serverKeysSchema.safeParse({ ...keys, old_verify_keys: { 'ed25519:old': { key: 'x' } } }))).toEqual([
      'old_verify_keys.ed25519:old.expired_ts',
    ]);
    const { valid_until_ts: _v, ...noValidUntil } = keys;
    expect(issuePaths(serverKeysSchema.safeParse(noValidUntil))).toEqual(['valid_until_ts']);
    expect(issuePaths(serverKeysSchema.safeParse({ ...keys, server_name: 'exa_mple.org' }))).toEqual(['server_name']);
    const notary = { server_keys: [example('examples/server_key_notary_signed.json')] };
    expect(serverKeysQueryResponseSchema.parse(notary)).toStrictEqual(notary);
    expect(issuePaths(serverKeysQueryResponseSchema.safeParse({ server_keys: [{}] }))).toContain('server_keys.0.server_name');
    const query = { server_keys: { 'example.org': { 'ed25519:abc123': { minimum_valid_until_ts: 1234567890 } } } };
    expect(serverKeysQueryRequestSchema.parse(query)).toStrictEqual(query);
    expect(issuePaths(serverKeysQueryRequestSchema.safeParse({ server_keys: { 'example.org': { abc: {} } } }))).toEqual([
      'server_keys.example.org.abc',
    ]);
  });

  it('user devices and keys', () => {
    const deviceKeys = {
      user_id: '@alice:example.org',
      device_id: 'JLAFKJWSCS',
      algorithms: ['m.olm.v1.curve25519-aes-sha2'],
      keys: { 'ed25519:JLAFKJWSCS': 'lEuiRJBit0IG6nUf5pUzWTUEsRVVe/HJkoKuEww9ULI' },
      signatures: { '@alice:example.org': { 'ed25519:JLAFKJWSCS': 'sig' } },
    };
    const devices = { user_id: '@alice:example.org', stream_id: 5, devices: [{ device_id: 'JLAFKJWSCS', keys: deviceKeys }] };
    expect(userDevicesResponseSchema.parse(devices)).toStrictEqual(devices);
    expect(issuePaths(userDevicesResponseSchema.safeParse({ ...devices, stream_id: 'five' }))).toEqual(['stream_id']);
    expect(issuePaths(userDevicesResponseSchema.safeParse({ ...devices, devices: [{ device_id: 'X' }] }))).toEqual(['devices.0.keys']);
    expect(issuePaths(userKeysClaimRequestSchema.safeParse({ one_time_keys: { alice: { D: 'signed_curve25519' } } }))).toEqual([
      'one_time_keys.alice',
    ]);
    const claimed = { one_time_keys: { '@alice:example.com': { D: { 'signed_curve25519:AAAAHg': { key: 'k', signatures: { '@alice:example.com': { 'ed25519:D': 's' } } }, 'curve25519:AAAAHQ': 'k2' } } } };
    expect(userKeysClaimResponseSchema.parse(claimed)).toStrictEqual(claimed);
    expect(issuePaths(userKeysClaimResponseSchema.safeParse({ one_time_keys: { '@a:b.org': { D: { 'x:1': { key: 'k' } } } } }))).not.toEqual([]);
    expect(issuePaths(userKeysQueryRequestSchema.safeParse({ device_keys: { '@a:b.org': 'all' } }))).toEqual(['device_keys.@a:b.org']);
  });

  it('public rooms', () => {
    const request = { limit: 10, filter: { generic_search_term: 'foo', room_types: [null, 'm.space'] }, include_all_networks: false };
    expect(federationPublicRoomsRequestSchema.parse(request)).toStrictEqual(request);
    expect(issuePaths(federationPublicRoomsRequestSchema.safeParse({ filter: { room_types: [1] } }))).toEqual(['filter.room_types.0']);
    const chunk = { room_id: '!ol19s:bleecker.street', num_joined_members: 37, world_readable: true, guest_can_join: false };
    expect(federationPublicRoomsResponseSchema.safeParse({ chunk: [chunk], total_room_count_estimate: 115 }).success).toBe(true);
    expect(issuePaths(federationPublicRoomsResponseSchema.safeParse({ chunk: [{ ...chunk, world_readable: 'yes' }] }))).toEqual([
      'chunk.0.world_readable',
    ]);
    expect(issuePaths(federationPublicRoomsResponseSchema.safeParse({ chunk: [{ ...chunk, canonical_alias: '!notalias:a.org' }] }))).toEqual([
      'chunk.0.canonical_alias',
    ]);
  });

  it('third-party invites', () => {
    const signed = { mxid: '@alice:localhost', token: 'abc123', signatures: { 'magic.forest': { 'ed25519:3': 'sig' } } };
    const onbind = {
      medium: 'email',
      address: 'alice@example.com',
      mxid: '@alice:matrix.org',
      invites: [{ medium: 'email', address: 'alice@example.com', mxid: '@alice:matrix.org', room_id: '!somewhere:example.org', sender: '@bob:matrix.org', signed }],
    };
    expect(thirdPartyOnBindRequestSchema.parse(onbind)).toStrictEqual(onbind);
    expect(issuePaths(thirdPartyOnBindRequestSchema.safeParse({ ...onbind, invites: [{ ...onbind.invites[0], signed: { mxid: '@a:b.org' } }] })).sort()).toEqual([
      'invites.0.signed.signatures',
      'invites.0.signed.token',
    ]);
    const exchange = {
      type: 'm.room.member',
      room_id: '!abc123:matrix.org',
      sender: '@joe:matrix.org',
      state_key: '@someone:example.org',
      content: { membership: 'invite', third_party_invite: { display_name: 'alice', signed } },
    };
    expect(issuePaths(exchangeThirdPartyInviteRequestSchema.safeParse({ ...exchange, content: { membership: 'invite' } }))).toEqual([
      'content.third_party_invite',
    ]);
  });

  it('openid, well-known and policy server signatures', () => {
    expect(issuePaths(openIdUserInfoResponseSchema.safeParse({ sub: 'alice' }))).toEqual(['sub']);
    expect(issuePaths(serverWellKnownSchema.safeParse({}))).toEqual(['m.server']);
    expect(issuePaths(serverWellKnownSchema.safeParse({ 'm.server': 'https://delegated.example.com' }))).toEqual(['m.server']);
    const signature = { 'policy.example.org': { 'ed25519:policy_server': 'zLFxllD0pbBuBpfHh8NuHNaICpReF' } };
    expect(policyServerSignatureResponseSchema.parse(signature)).toStrictEqual(signature);
    expect(issuePaths(policyServerSignatureResponseSchema.safeParse({ 'policy.example.org': { ed25519: 'x' } }))).toEqual([
      'policy.example.org.ed25519',
    ]);
  });
});

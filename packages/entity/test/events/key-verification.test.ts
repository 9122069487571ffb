import { describe, expect, it } from 'vitest';
import {
  keyVerificationAcceptContentSchema,
  keyVerificationCancelContentSchema,
  keyVerificationDoneContentSchema,
  keyVerificationKeyContentSchema,
  keyVerificationMacContentSchema,
  keyVerificationReadyContentSchema,
  keyVerificationRequestContentSchema,
  keyVerificationStartContentSchema,
} from '@maxtryx/entity';
import { issuePaths, parsesLosslessly } from './helpers.js';

const txn = { transaction_id: 'S0meUniqueAndOpaqueString' };
const inRoom = { 'm.relates_to': { rel_type: 'm.reference', event_id: '$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg' } };
const sas = {
  from_device: 'BobDevice1',
  method: 'm.sas.v1',
  key_agreement_protocols: ['curve25519'],
  hashes: ['sha256'],
  message_authentication_codes: ['hkdf-hmac-sha256.v2'],
  short_authentication_string: ['decimal', 'emoji'],
};

describe('key verification', () => {
  it('accepts to-device (transaction_id) and in-room (m.relates_to) forms', () => {
    expect(parsesLosslessly(keyVerificationDoneContentSchema, txn)).toBe(true);
    expect(parsesLosslessly(keyVerificationDoneContentSchema, inRoom)).toBe(true);
    expect(parsesLosslessly(keyVerificationStartContentSchema, { ...sas, ...txn })).toBe(true);
    expect(parsesLosslessly(keyVerificationStartContentSchema, { from_device: 'D', method: 'm.reciprocate.v1', secret: 's', ...inRoom })).toBe(true);
    expect(parsesLosslessly(keyVerificationStartContentSchema, { from_device: 'D', method: 'org.example.method', ...txn })).toBe(true);
  });
  it.each([
    [keyVerificationDoneContentSchema, {}, ['transaction_id']],
    [keyVerificationDoneContentSchema, { 'm.relates_to': { rel_type: 'm.annotation', event_id: '$a:example.org' } }, ['m.relates_to', 'rel_type']],
    [keyVerificationRequestContentSchema, { from_device: 'D', methods: ['m.sas.v1'], ...txn }, ['timestamp']],
    [keyVerificationRequestContentSchema, { from_device: 'D', methods: 'm.sas.v1', timestamp: 1, ...txn }, ['methods']],
    [keyVerificationReadyContentSchema, { methods: [], ...txn }, ['from_device']],
    [keyVerificationCancelContentSchema, { code: 'm.user', ...txn }, ['reason']],
    [keyVerificationKeyContentSchema, { key: 5, ...txn }, ['key']],
    [keyVerificationMacContentSchema, { keys: 'k', mac: { nocolon: 'm' }, ...txn }, ['mac', 'nocolon']],
    [keyVerificationAcceptContentSchema, { method: 'm.sas.v1', key_agreement_protocol: 'c', hash: 'h', message_authentication_code: 'm', short_authentication_string: ['words'], commitment: 'c', ...txn }, ['short_authentication_string', 0]],
    [keyVerificationStartContentSchema, { ...sas, hashes: undefined, ...txn }, ['hashes']],
    [keyVerificationStartContentSchema, { from_device: 'D', method: 'm.reciprocate.v1', ...txn }, ['secret']],
    [keyVerificationStartContentSchema, { method: 'org.example', ...txn }, ['from_device']],
    [keyVerificationStartContentSchema, { ...sas }, ['transaction_id']],
  ])('%#: rejects %j at %j', (schema, content, path) => {
    expect(issuePaths(schema, content)).toEqual([path]);
  });
});

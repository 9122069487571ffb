import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidSigningKeyError,
  encodePublicKey,
  encodeSigningKeySeed,
  formatSigningKeyFile,
  generateSigningKey,
  isValidKeyVersion,
  parseSigningKeyFile,
  parseSigningKeyId,
  setCryptoBackend,
  signJson,
  signingKeyFromSeed,
  verifyJsonSignature,
} from '@maxtryx/federation-core';
import rfc8032 from './fixtures/rfc8032-ed25519.json' with { type: 'json' };
import { backends, hex, toHex } from './backends.js';

function expectKeyError(fn: () => unknown, reason: string): InvalidSigningKeyError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(InvalidSigningKeyError);
  expect((caught as Error).name).toBe('InvalidSigningKeyError');
  expect((caught as InvalidSigningKeyError).reason).toBe(reason);
  return caught as InvalidSigningKeyError;
}

describe.each(backends)('%s backend', (_name, backend) => {
  beforeAll(() => setCryptoBackend(backend));
  afterAll(() => setCryptoBackend(undefined));

  it('signingKeyFromSeed derives the RFC 8032 public key, from bytes or base64', () => {
    const v = rfc8032.vectors[0]!;
    const fromBytes = signingKeyFromSeed('ed25519:a_1', hex(v.secretKey));
    expect(toHex(fromBytes.publicKey)).toBe(v.publicKey);
    const fromText = signingKeyFromSeed('ed25519:a_1', encodeSigningKeySeed(fromBytes));
    expect(fromText.publicKey).toEqual(fromBytes.publicKey);
    expect(fromBytes).toMatchObject({ algorithm: 'ed25519', version: 'a_1', keyId: 'ed25519:a_1' });
    expect(encodePublicKey(fromBytes)).toBe(Buffer.from(v.publicKey, 'hex').toString('base64').replace(/=+$/, ''));
  });

  it('copies the seed: changing the caller buffer does not change the key', () => {
    const seed = new Uint8Array(32).fill(1);
    const key = signingKeyFromSeed('ed25519:x', seed);
    seed.fill(2);
    expect(key.seed).toEqual(new Uint8Array(32).fill(1));
  });

  it('generateSigningKey makes distinct working keys', () => {
    const a = generateSigningKey('a_AbCd');
    const b = generateSigningKey('a_AbCd');
    expect(a.keyId).toBe('ed25519:a_AbCd');
    expect(a.seed).toHaveLength(32);
    expect(toHex(a.seed)).not.toBe(toHex(b.seed));
    const signed = signJson({ x: 1 }, 'example.org', a);
    expect(verifyJsonSignature(signed, 'example.org', a.keyId, a.publicKey)).toBe(true);
    expect(verifyJsonSignature(signed, 'example.org', a.keyId, b.publicKey)).toBe(false);
  });
});

describe('key IDs: ed25519:<version>, version [a-zA-Z0-9_]+ (server-server keys.yaml)', () => {
  it('accepts valid IDs', () => {
    expect(parseSigningKeyId('ed25519:1')).toEqual({ algorithm: 'ed25519', version: '1' });
    expect(parseSigningKeyId('ed25519:a_AbCd09')).toEqual({ algorithm: 'ed25519', version: 'a_AbCd09' });
    expect(isValidKeyVersion('policy_server')).toBe(true);
  });

  it('rejects bad versions, other algorithms and missing colons', () => {
    for (const id of ['ed25519:', 'ed25519:a-b', 'ed25519:a b', 'ed25519:a:b', 'ed25519:é', 'ed25519:a.b']) {
      expectKeyError(() => parseSigningKeyId(id), 'invalid-key-id');
    }
    expectKeyError(() => parseSigningKeyId('ed25519'), 'invalid-key-id');
    expectKeyError(() => parseSigningKeyId('curve25519:1'), 'unsupported-algorithm');
    expectKeyError(() => parseSigningKeyId('Ed25519:1'), 'unsupported-algorithm');
    expectKeyError(() => generateSigningKey('a-b'), 'invalid-key-id');
    expectKeyError(() => generateSigningKey(''), 'invalid-key-id');
    expect(isValidKeyVersion('')).toBe(false);
  });
});

describe('seeds', () => {
  it('rejects seeds that are not 32 bytes, or not base64', () => {
    expectKeyError(() => signingKeyFromSeed('ed25519:1', new Uint8Array(31)), 'invalid-seed');
    expectKeyError(() => signingKeyFromSeed('ed25519:1', new Uint8Array(64)), 'invalid-seed');
    expectKeyError(() => signingKeyFromSeed('ed25519:1', 'Zm9v'), 'invalid-seed');
    const err = expectKeyError(() => signingKeyFromSeed('ed25519:1', 'not*base64'), 'invalid-seed');
    expect(err.cause).toBeDefined();
    expectKeyError(() => signingKeyFromSeed('ed25519:1', 42 as unknown as string), 'invalid-seed');
  });

  it('the spec seed (non-zero trailing bits) decodes; its canonical re-encoding ends in 0', () => {
    const key = signingKeyFromSeed('ed25519:1', 'YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1');
    expect(encodeSigningKeySeed(key)).toBe('YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA0');
  });
});

describe('the signing-key file (Synapse format: "ed25519 <version> <base64 seed>" per line)', () => {
  const a = signingKeyFromSeed('ed25519:a_AbCd', new Uint8Array(32).fill(1));
  const b = signingKeyFromSeed('ed25519:old_1', new Uint8Array(32).fill(2));

  it('formats one line per key and parses back', () => {
    const text = formatSigningKeyFile([a, b]);
    expect(text).toBe(`ed25519 a_AbCd ${encodeSigningKeySeed(a)}\ned25519 old_1 ${encodeSigningKeySeed(b)}\n`);
    const parsed = parseSigningKeyFile(text);
    expect(parsed.map((k) => k.keyId)).toEqual(['ed25519:a_AbCd', 'ed25519:old_1']);
    expect(parsed[0]!.seed).toEqual(a.seed);
    expect(parsed[1]!.publicKey).toEqual(b.publicKey);
  });

  it('tolerates blank lines, CRLF and extra spaces', () => {
    const text = `\r\n  ed25519   a_AbCd\t${encodeSigningKeySeed(a)}  \r\n\r\n`;
    expect(parseSigningKeyFile(text).map((k) => k.keyId)).toEqual(['ed25519:a_AbCd']);
    expect(parseSigningKeyFile('')).toEqual([]);
  });

  it('rejects malformed lines, naming the line', () => {
    const good = `ed25519 a ${encodeSigningKeySeed(a)}`;
    expect(expectKeyError(() => parseSigningKeyFile(`${good}\ned25519 b`), 'invalid-file-line').message).toContain('line 2');
    expectKeyError(() => parseSigningKeyFile(`${good} extra`), 'invalid-file-line');
    expectKeyError(() => parseSigningKeyFile(`rsa a ${encodeSigningKeySeed(a)}`), 'unsupported-algorithm');
    expectKeyError(() => parseSigningKeyFile(`ed25519 a-b ${encodeSigningKeySeed(a)}`), 'invalid-key-id');
    expectKeyError(() => parseSigningKeyFile('ed25519 a Zm9v'), 'invalid-seed');
    expectKeyError(() => parseSigningKeyFile('ed25519 a !!!!'), 'invalid-seed');
  });
});

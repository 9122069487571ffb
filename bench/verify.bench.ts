// Signature verification benchmark on a signed message PDU: the baseline is a raw
// `node:crypto` verify of the same canonical bytes with a prepared KeyObject; against it,
// verifyJsonSignature (canonicalisation + base64 + cached key + verify) on the node backend,
// and @noble/ed25519 (through the noble backend's one-line wrapper) on the same bytes.
// Targets: verifyJsonSignature >= 0.9x raw; node >= 10x noble.
//
// Run alone: pnpm tsx --conditions=@maxtryx/source bench/verify.bench.ts
import { createPublicKey, verify } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  canonicalJsonBytes,
  decodeBase64,
  encodeBase64,
  nobleCryptoBackend,
  setCryptoBackend,
  signJson,
  signingKeyFromSeed,
  verifyJsonSignature,
} from '../packages/federation-core/src/index.js';
import { messageEvent, powerLevelsEvent } from './events.js';
import { runGroup } from './harness.js';

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Runs the verification groups. */
export function runVerifyBench(): void {
  setCryptoBackend(undefined); // automatic: node
  const key = signingKeyFromSeed('ed25519:a_AbCd', new Uint8Array(32).fill(9));
  const publicKeyObject = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, key.publicKey]), format: 'der', type: 'spki' });
  const publicKeyText = encodeBase64(key.publicKey);

  for (const [name, event] of [
    ['message PDU', messageEvent()],
    ['power levels, 1,000 users', powerLevelsEvent(1000)],
  ] as const) {
    const { signatures: _s, unsigned: _u, ...content } = event;
    const signed = signJson(content, 'example.org', key);
    const bytes = canonicalJsonBytes(content);
    const signature = decodeBase64(signed.signatures['example.org']?.['ed25519:a_AbCd'] ?? '');
    if (!verifyJsonSignature(signed, 'example.org', 'ed25519:a_AbCd', key.publicKey)) throw new Error('does not verify');
    runGroup(`verify: ${name} (${bytes.length} bytes)`, [
      { name: 'raw node:crypto verify (prepared bytes, KeyObject)', fn: () => verify(null, bytes, publicKeyObject, signature) },
      { name: 'verifyJsonSignature (node, key bytes)', fn: () => verifyJsonSignature(signed, 'example.org', 'ed25519:a_AbCd', key.publicKey) },
      { name: 'verifyJsonSignature (node, base64 key)', fn: () => verifyJsonSignature(signed, 'example.org', 'ed25519:a_AbCd', publicKeyText) },
      { name: '@noble/ed25519 verify (prepared bytes)', fn: () => nobleCryptoBackend.ed25519Verify(key.publicKey, bytes, signature) },
    ]);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) runVerifyBench();

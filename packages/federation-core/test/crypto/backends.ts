// The crypto backends every crypto test runs against. Under Node (>= 20.16) both must exist.
import { nobleCryptoBackend, nodeCryptoBackend } from '@maxtryx/federation-core';
import type { CryptoBackend } from '@maxtryx/federation-core';

const node = nodeCryptoBackend();
if (node === undefined) throw new Error('node:crypto backend unavailable: the tests need Node >= 20.16');

/** Both backends, for describe.each. */
export const backends: readonly [string, CryptoBackend][] = [
  ['node', node],
  ['noble', nobleCryptoBackend],
];

export const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

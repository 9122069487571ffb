/**
 * The server's signing key, kept across restarts in `<dataDir>/signing.key`
 * (the `ed25519 <version> <seed>` format homeservers use).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  formatSigningKeyFile,
  generateSigningKey,
  parseSigningKeyFile,
  type SigningKey,
} from '@maxtryx/federation-core';

/**
 * Loads the signing keys from `path`, or generates one (version `a_` + 4 random
 * characters, as other servers do) and writes it atomically with mode 0600.
 * Returns every key of the file; the first one signs.
 */
export function loadOrCreateSigningKeys(path: string): SigningKey[] {
  if (existsSync(path)) {
    const keys = parseSigningKeyFile(readFileSync(path, 'utf8'));
    if (keys.length === 0) throw new Error(`signing key file ${path} holds no key`);
    return keys;
  }
  const version = 'a_' + randomBytes(3).toString('base64url').replace(/[^a-zA-Z0-9_]/g, '_').slice(0, 4);
  const key = generateSigningKey(version);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, formatSigningKeyFile([key]), { mode: 0o600 });
  renameSync(tmp, path);
  return [key];
}

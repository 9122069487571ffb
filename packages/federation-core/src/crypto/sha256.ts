/**
 * SHA-256 through the current crypto backend.
 *
 * @module
 */
import { getCryptoBackend } from './backend.js';

/**
 * The SHA-256 digest (32 bytes) of `data`, from the backend {@link getCryptoBackend} returns.
 *
 * @example
 * ```ts
 * encodeBase64(sha256(new TextEncoder().encode('abc'))); // 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0'
 * ```
 */
export function sha256(data: Uint8Array): Uint8Array {
  return getCryptoBackend().sha256(data);
}

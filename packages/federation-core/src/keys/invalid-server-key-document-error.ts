/**
 * The error for a server key document that is not shaped as the spec says.
 *
 * @module
 */

/**
 * Thrown for a server key document (or notary response) that is structurally
 * malformed: not an object, keys that are not unpadded base64 of 32 bytes,
 * timestamps that are not integers, too many keys, and the like. A document that
 * is well formed but wrongly signed or for another server is not an error: the
 * verification result says so.
 */
export class InvalidServerKeyDocumentError extends Error {
  override readonly name = 'InvalidServerKeyDocumentError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(`invalid server key document: ${message}`, options);
  }
}

/**
 * Reading request bodies: bounded in size, parsed as strict JSON.
 *
 * @module
 */
import type { IncomingMessage } from 'node:http';
import { MatrixError } from '@maxtryx/entity';
import { parseStrictJson, StrictJsonError } from '@maxtryx/federation-core';

/** Reads the whole body, refusing more than `maxBytes` with `M_TOO_LARGE` (413). */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw new MatrixError('M_TOO_LARGE', `request body over ${maxBytes} bytes`, { httpStatus: 413 });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.resume();
      throw new MatrixError('M_TOO_LARGE', `request body over ${maxBytes} bytes`, { httpStatus: 413 });
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** The paths of the numbers spelled with a fraction or exponent, per parsed body object. */
const spelledNumbers = new WeakMap<object, readonly string[]>();

/**
 * The paths (`pdus[0].content.n`) of the numbers in a body returned by {@link parseJsonBody}
 * that were spelled with a fraction or exponent (`1e5`, `1.0`): integers to canonical JSON, but
 * floats to Synapse, Ruma and gomatrixserverlib, which refuse them in PDUs of room versions 6+.
 */
export function spelledNumberPaths(body: unknown): readonly string[] {
  return typeof body === 'object' && body !== null ? (spelledNumbers.get(body) ?? []) : [];
}

/**
 * Parses a body as strict JSON; an empty body is `{}`. Malformed JSON is `M_NOT_JSON`; a float
 * or out-of-range integer `M_BAD_JSON` (in `'lenient'` mode only a number beyond a double's range).
 */
export function parseJsonBody(bytes: Uint8Array, numbers: 'strict' | 'lenient' = 'strict'): unknown {
  if (bytes.length === 0) return {};
  try {
    const paths: string[] = [];
    const body = parseStrictJson(bytes, { numbers, onSpelledNumber: (path) => paths.push(path) });
    if (paths.length > 0 && typeof body === 'object' && body !== null) spelledNumbers.set(body, paths);
    return body;
  } catch (cause) {
    if (cause instanceof StrictJsonError) {
      // Valid JSON holding a number canonical JSON cannot carry (a float, or beyond 2^53):
      // "Request contained valid JSON, but it was malformed in some way".
      if (cause.reason === 'not-an-integer' || cause.reason === 'number-out-of-range') {
        throw new MatrixError('M_BAD_JSON', `${cause.path || '(body)'}: ${cause.message}`, { httpStatus: 400, cause });
      }
      throw new MatrixError('M_NOT_JSON', `request body is not valid JSON: ${cause.message}`, { httpStatus: 400, cause });
    }
    throw cause;
  }
}

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

/** Parses a body as strict JSON; an empty body is `{}`. Malformed JSON is `M_NOT_JSON`; a float or out-of-range integer `M_BAD_JSON`. */
export function parseJsonBody(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return {};
  try {
    return parseStrictJson(bytes);
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

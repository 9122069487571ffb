/**
 * Shorthands for the wire errors the federation handlers throw.
 *
 * @module
 */
import { MatrixError } from '@maxtryx/entity';

/** `400` with the given errcode (`M_BAD_JSON`, `M_INVALID_PARAM`, `M_MISSING_PARAM`, ...). */
export function badRequest(errcode: string, message: string, extra?: Record<string, unknown>): MatrixError {
  return new MatrixError(errcode, message, { httpStatus: 400, ...(extra ? { extra } : {}) });
}

/** `403 M_FORBIDDEN`. */
export function forbidden(message: string): MatrixError {
  return new MatrixError('M_FORBIDDEN', message, { httpStatus: 403 });
}

/** `404 M_NOT_FOUND`. */
export function notFound(message: string): MatrixError {
  return new MatrixError('M_NOT_FOUND', message, { httpStatus: 404 });
}

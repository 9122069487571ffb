/**
 * Path and query parameters of the client-server API, checked before anything reaches
 * the store: a malformed identifier is `400 M_INVALID_PARAM`.
 *
 * @module
 */
import { isValidEventId, isValidHistoricalUserId, isValidRoomAlias, isValidRoomId, MatrixError, utf8ByteLength } from '@maxtryx/entity';
import type { RouteContext } from '../http/router.js';

function invalid(what: string, value: string): MatrixError {
  return new MatrixError('M_INVALID_PARAM', `${what} is not valid: ${JSON.stringify(value.slice(0, 300))}`, { httpStatus: 400 });
}

function param(ctx: RouteContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new MatrixError('M_MISSING_PARAM', `missing ${name}`, { httpStatus: 400 });
  return value;
}

/** A room ID path parameter. */
export function roomIdParam(ctx: RouteContext, name = 'roomId'): string {
  const value = param(ctx, name);
  if (!isValidRoomId(value)) throw invalid('room ID', value);
  return value;
}

/** A user ID path parameter (historical grammar: existing users of other servers). */
export function userIdParam(ctx: RouteContext, name = 'userId'): string {
  const value = param(ctx, name);
  if (!isValidHistoricalUserId(value)) throw invalid('user ID', value);
  return value;
}

/** An event ID path parameter. */
export function eventIdParam(ctx: RouteContext, name = 'eventId'): string {
  const value = param(ctx, name);
  if (!isValidEventId(value)) throw invalid('event ID', value);
  return value;
}

/** A room alias path parameter. */
export function roomAliasParam(ctx: RouteContext, name = 'roomAlias'): string {
  const value = param(ctx, name);
  if (!isValidRoomAlias(value)) throw invalid('room alias', value);
  return value;
}

/** An event type path parameter: non-empty, at most 255 bytes (client-server API "Size limits"). */
export function eventTypeParam(ctx: RouteContext, name = 'eventType'): string {
  const value = param(ctx, name);
  if (value === '' || utf8ByteLength(value) > 255) throw invalid('event type', value);
  return value;
}

/** A state key path parameter (possibly empty), at most 255 bytes (client-server API "Size limits"). */
export function stateKeyParam(ctx: RouteContext, name = 'stateKey'): string {
  const value = ctx.params[name] ?? '';
  if (utf8ByteLength(value) > 255) throw invalid('state key', value);
  return value;
}

/** A transaction ID path parameter: non-empty, at most 255 bytes. */
export function txnIdParam(ctx: RouteContext, name = 'txnId'): string {
  const value = param(ctx, name);
  if (value === '' || utf8ByteLength(value) > 255) throw invalid('transaction ID', value);
  return value;
}

/** A non-negative integer query parameter, capped at `max`; absent gives `fallback`. */
export function intQuery(ctx: RouteContext, name: string, fallback: number, max: number): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,15}$/.test(raw)) throw new MatrixError('M_INVALID_PARAM', `${name} must be a non-negative integer`, { httpStatus: 400 });
  return Math.min(Number(raw), max);
}

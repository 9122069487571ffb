/**
 * Validation of `POST /_matrix/federation/v1/get_missing_events/{roomId}` and
 * `GET /_matrix/federation/v1/backfill/{roomId}` requests (server-server API,
 * "Backfilling and retrieving missing events").
 *
 * @module
 */
import { isValidEventId, isValidRoomId } from '@maxtryx/entity';
import { isJsonObject } from '../json/json-value.js';

/** The most event IDs accepted in `latest_events`, `earliest_events` or backfill's `v`. */
export const MAX_EVENT_IDS_PER_LIST = 50;
/** The `limit` of get_missing_events when the request gives none (the spec's default). */
export const DEFAULT_MISSING_EVENTS_LIMIT = 10;
/** The server-side cap on `limit` unless the server configures another. */
export const DEFAULT_MISSING_EVENTS_CAP = 20;
/** The server-side cap on backfill's `limit` unless the server configures another. */
export const DEFAULT_BACKFILL_CAP = 100;

/** Thrown for a malformed get_missing_events or backfill request; `errcode` is the wire error to answer with. */
export class MissingEventsRequestError extends Error {
  override readonly name = 'MissingEventsRequestError';
  constructor(
    /** `M_BAD_JSON` for a body of the wrong shape, `M_INVALID_PARAM` for a value out of bounds. */
    readonly errcode: 'M_BAD_JSON' | 'M_INVALID_PARAM',
    /** The request field at fault, e.g. `latest_events[3]`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** A validated get_missing_events request. */
export interface MissingEventsRequest {
  readonly roomId: string;
  readonly latestEvents: readonly string[];
  readonly earliestEvents: readonly string[];
  /** Already capped by the server's maximum. */
  readonly limit: number;
  readonly minDepth: number;
}

function eventIdList(value: unknown, field: string, allowEmpty: boolean): string[] {
  if (!Array.isArray(value)) throw new MissingEventsRequestError('M_BAD_JSON', field, 'must be an array of event IDs');
  if (!allowEmpty && value.length === 0) throw new MissingEventsRequestError('M_INVALID_PARAM', field, 'must not be empty');
  if (value.length > MAX_EVENT_IDS_PER_LIST) {
    throw new MissingEventsRequestError('M_INVALID_PARAM', field, `at most ${MAX_EVENT_IDS_PER_LIST} event IDs`);
  }
  const seen = new Set<string>();
  value.forEach((id, i) => {
    if (typeof id !== 'string') throw new MissingEventsRequestError('M_BAD_JSON', `${field}[${i}]`, 'must be a string');
    if (!isValidEventId(id)) throw new MissingEventsRequestError('M_INVALID_PARAM', `${field}[${i}]`, 'not a valid event ID');
    if (seen.has(id)) throw new MissingEventsRequestError('M_INVALID_PARAM', `${field}[${i}]`, `duplicate event ID ${id}`);
    seen.add(id);
  });
  return value as string[];
}

function integerField(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new MissingEventsRequestError('M_BAD_JSON', field, 'must be an integer');
  }
  if (value < min) throw new MissingEventsRequestError('M_INVALID_PARAM', field, `must be at least ${min}`);
  return value;
}

function checkRoomId(roomId: unknown): string {
  if (typeof roomId !== 'string' || !isValidRoomId(roomId)) {
    throw new MissingEventsRequestError('M_INVALID_PARAM', 'roomId', 'not a valid room ID');
  }
  return roomId;
}

/**
 * Validates a get_missing_events request body: room ID and event ID grammar,
 * `latest_events` not empty, at most 50 IDs per list, no duplicates, `min_depth` a
 * non-negative integer, `limit` a positive integer (then capped by `maxLimit`).
 *
 * @throws {MissingEventsRequestError}
 * @example
 * const req = parseMissingEventsRequest('!room:a.org', { latest_events: ['$b:a.org'], earliest_events: [] });
 * req.limit; // 10
 */
export function parseMissingEventsRequest(
  roomId: unknown,
  body: unknown,
  options: { maxLimit?: number } = {},
): MissingEventsRequest {
  const room = checkRoomId(roomId);
  if (!isJsonObject(body)) throw new MissingEventsRequestError('M_BAD_JSON', 'body', 'must be a JSON object');
  const latestEvents = eventIdList(body.latest_events, 'latest_events', false);
  // The spec marks earliest_events as required; an empty list is meaningful.
  const earliestEvents = eventIdList(body.earliest_events, 'earliest_events', true);
  const limit = body.limit === undefined ? DEFAULT_MISSING_EVENTS_LIMIT : integerField(body.limit, 'limit', 1);
  const minDepth = body.min_depth === undefined ? 0 : integerField(body.min_depth, 'min_depth', 0);
  const cap = options.maxLimit ?? DEFAULT_MISSING_EVENTS_CAP;
  return { roomId: room, latestEvents, earliestEvents, limit: Math.min(limit, cap), minDepth };
}

/** A validated backfill request. */
export interface BackfillRequest {
  readonly roomId: string;
  readonly fromEventIds: readonly string[];
  /** Already capped by the server's maximum. */
  readonly limit: number;
}

/**
 * Validates a backfill request (`v` query parameters and `limit`, which may arrive as
 * strings from the query string).
 *
 * @throws {MissingEventsRequestError}
 * @example
 * parseBackfillRequest('!room:a.org', ['$e:a.org'], '5').limit; // 5
 */
export function parseBackfillRequest(
  roomId: unknown,
  v: unknown,
  limit: unknown,
  options: { maxLimit?: number } = {},
): BackfillRequest {
  const room = checkRoomId(roomId);
  const ids = eventIdList(typeof v === 'string' ? [v] : v, 'v', false);
  let n: unknown = limit;
  if (typeof limit === 'string') {
    if (!/^[0-9]{1,16}$/.test(limit)) throw new MissingEventsRequestError('M_INVALID_PARAM', 'limit', 'must be an integer');
    n = Number(limit);
  }
  if (n === undefined) throw new MissingEventsRequestError('M_INVALID_PARAM', 'limit', 'is required');
  const value = integerField(n, 'limit', 1);
  return { roomId: room, fromEventIds: ids, limit: Math.min(value, options.maxLimit ?? DEFAULT_BACKFILL_CAP) };
}

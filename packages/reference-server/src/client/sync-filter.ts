/**
 * The `filter` parameter of `/sync` (client-server API "Filtering"): the ID of a filter
 * uploaded with `POST /user/{userId}/filter`, or a filter as inline JSON (a value that
 * starts with `{`). Unknown filter ID: `400 M_INVALID_PARAM`; malformed JSON:
 * `400 M_NOT_JSON`; a filter of the wrong shape: `400 M_BAD_JSON`.
 *
 * @module
 */
import { filterSchema, MatrixError, type Filter } from '@maxtryx/entity';
import { parseStrictJson, StrictJsonError } from '@maxtryx/federation-core';
import { validate } from './body.js';
import type { ClientServices } from './client-services.js';

/** The default number of timeline events per room. */
export const DEFAULT_TIMELINE_LIMIT = 10;
/** The most timeline events per room a filter may ask for. */
export const MAX_TIMELINE_LIMIT = 100;

/** Resolves the `filter` parameter of a request of `userId`. */
export function resolveFilter(cs: ClientServices, userId: string, param: string | null): Filter | undefined {
  if (param === null || param === '') return undefined;
  if (param.startsWith('{')) {
    let value: unknown;
    try {
      value = parseStrictJson(new TextEncoder().encode(param));
    } catch (cause) {
      if (cause instanceof StrictJsonError) throw new MatrixError('M_NOT_JSON', `filter is not valid JSON: ${cause.message}`, { httpStatus: 400, cause });
      throw cause;
    }
    return validate(filterSchema, value);
  }
  const filter = cs.filters.get(userId, param);
  if (!filter) throw new MatrixError('M_INVALID_PARAM', `unknown filter ${param.slice(0, 100)}`, { httpStatus: 400 });
  return filter;
}

/** The timeline limit of a filter, bounded. */
export function timelineLimit(filter: Filter | undefined): number {
  return Math.min(filter?.room?.timeline?.limit ?? DEFAULT_TIMELINE_LIMIT, MAX_TIMELINE_LIMIT);
}

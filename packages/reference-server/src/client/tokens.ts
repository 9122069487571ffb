/**
 * Pagination and sync tokens of this server, opaque to clients:
 *
 * - `s<stream>_<ephemeral>`: a `/sync` batch token: the store's stream position (events
 *   up to it were delivered) and the in-memory ephemeral position (typing, receipts,
 *   account data).
 * - `t<depth>_<stream>`: a boundary in a room's topological order `(depth, stream)`,
 *   just before the event at that position: `/messages` tokens and `prev_batch`.
 *
 * Both are accepted wherever a pagination token is (the spec lets `/messages` take a
 * `next_batch` of `/sync` as `from` or `to`).
 *
 * @module
 */
import { MatrixError } from '@maxtryx/entity';
import type { TopologicalPosition } from '@maxtryx/storage-adapters';

/** A `/sync` batch token. */
export interface SyncToken {
  readonly kind: 'sync';
  readonly stream: number;
  readonly ephemeral: number;
}

/** A topological boundary: just before the position `(depth, stream)`. */
export interface TopoToken {
  readonly kind: 'topo';
  readonly depth: number;
  readonly stream: number;
}

/** Any token. */
export type Token = SyncToken | TopoToken;

/** Formats a sync token. */
export function syncToken(stream: number, ephemeral: number): string {
  return `s${stream}_${ephemeral}`;
}

/** The token of the boundary just before `position`. */
export function topoTokenBefore(position: TopologicalPosition): string {
  return `t${position.depth}_${position.streamOrdering}`;
}

/** The token of the boundary just after `position`. */
export function topoTokenAfter(position: TopologicalPosition): string {
  return `t${position.depth}_${position.streamOrdering + 1}`;
}

const SYNC = /^s(\d{1,15})_(\d{1,15})$/;
const TOPO = /^t(\d{1,16})_(\d{1,15})$/;

/** Parses a token; a malformed one is `400 M_INVALID_PARAM` naming the parameter. */
export function parseToken(value: string, param: string): Token {
  let m = SYNC.exec(value);
  if (m) return { kind: 'sync', stream: Number(m[1]), ephemeral: Number(m[2]) };
  m = TOPO.exec(value);
  if (m && Number.isSafeInteger(Number(m[1]))) return { kind: 'topo', depth: Number(m[1]), stream: Number(m[2]) };
  throw new MatrixError('M_INVALID_PARAM', `${param} is not a valid token`, { httpStatus: 400 });
}

/** Parses a sync token (`since`); a topological one is `400 M_INVALID_PARAM`. */
export function parseSyncToken(value: string, param = 'since'): SyncToken {
  const token = parseToken(value, param);
  if (token.kind !== 'sync') throw new MatrixError('M_INVALID_PARAM', `${param} is not a sync token`, { httpStatus: 400 });
  return token;
}

/**
 * Paginating a room's events for a user (client-server API `GET
 * /rooms/{roomId}/messages`): in topological order `(depth, stream)`, backwards or
 * forwards from a token, stopping at `to`, only what the user may see (history
 * visibility; a former member nothing after their leaving).
 *
 * @module
 */
import type { RoomEventFilter } from '@maxtryx/entity';
import type { Store, StoredEvent, TopologicalPosition } from '@maxtryx/storage-adapters';
import { eventMatches } from './event-filter.js';
import { topoTokenAfter, topoTokenBefore, type Token } from './tokens.js';
import { UserVisibility } from './visibility.js';

/** A page of events. */
export interface MessagesPage {
  /** The token of where the page starts. */
  readonly start: string;
  /** The token to continue from; absent when there is nothing more. */
  readonly end: string | undefined;
  /** The events, in the direction of pagination. */
  readonly chunk: StoredEvent[];
}

/** What to paginate. */
export interface MessagesQuery {
  readonly roomId: string;
  readonly userId: string;
  readonly dir: 'b' | 'f';
  readonly from: { token: Token; raw: string } | undefined;
  readonly to: Token | undefined;
  readonly limit: number;
  readonly filter: Partial<RoomEventFilter> | undefined;
  /** A former member: their leaving event; nothing after it is shown. */
  readonly leftAt: StoredEvent | undefined;
}

function compare(a: TopologicalPosition, b: TopologicalPosition): number {
  return a.depth - b.depth || a.streamOrdering - b.streamOrdering;
}

/**
 * The boundary a token names, as the position just after it: events before the boundary
 * are at positions `< boundary`, events after at `>= boundary`. A sync token's boundary
 * is just after the room's last event at or before its stream position.
 */
export async function boundaryOf(store: Store, roomId: string, token: Token): Promise<TopologicalPosition> {
  if (token.kind === 'topo') return { depth: token.depth, streamOrdering: token.stream };
  const [last] = await store.getRoomEventsByStream(roomId, { from: token.stream + 1, direction: 'backwards', limit: 1, statuses: ['accepted'] });
  return last ? { depth: last.depth, streamOrdering: last.streamOrdering + 1 } : { depth: 0, streamOrdering: 0 };
}

/** One page of `/messages`. */
export async function paginateMessages(store: Store, q: MessagesQuery): Promise<MessagesPage> {
  let from: TopologicalPosition | undefined = q.from ? await boundaryOf(store, q.roomId, q.from.token) : undefined;
  // A former member paginates back from their leaving.
  if (q.leftAt && q.dir === 'b') {
    const leave = { depth: q.leftAt.depth, streamOrdering: q.leftAt.streamOrdering + 1 };
    if (!from || compare(from, leave) > 0) from = leave;
  }
  const to = q.to ? await boundaryOf(store, q.roomId, q.to) : undefined;
  const raw =
    q.dir === 'b'
      ? await store.getRoomEventsTopological(q.roomId, { direction: 'backwards', limit: q.limit, statuses: ['accepted'], ...(from ? { from } : {}) })
      : await store.getRoomEventsTopological(q.roomId, {
          direction: 'forwards',
          limit: q.limit,
          statuses: ['accepted'],
          // Forwards from the boundary: positions >= boundary, i.e. > (depth, stream - 1).
          ...(from && (from.depth > 0 || from.streamOrdering > 0) ? { from: { depth: from.depth, streamOrdering: from.streamOrdering - 1 } } : {}),
        });
  let reachedEnd = raw.length < q.limit;
  const inRange: StoredEvent[] = [];
  for (const e of raw) {
    const beyondTo = to !== undefined && (q.dir === 'b' ? compare(e, to) < 0 : compare(e, to) >= 0);
    const afterLeave = q.leftAt !== undefined && e.streamOrdering > q.leftAt.streamOrdering;
    if (beyondTo || (afterLeave && q.dir === 'f')) {
      reachedEnd = true;
      break;
    }
    if (!afterLeave) inRange.push(e);
  }
  const visibility = new UserVisibility(store, q.roomId, q.userId);
  const chunk = (await visibility.filter(inRange)).filter((e) => eventMatches(q.filter, { type: e.type, sender: e.sender, content: e.pdu.content }));
  const first = raw[0];
  const last = inRange.at(-1) ?? raw.at(-1);
  const start = q.from?.raw ?? (first ? (q.dir === 'b' ? topoTokenAfter(first) : topoTokenBefore(first)) : 't0_0');
  const end = reachedEnd || !last ? undefined : q.dir === 'b' ? topoTokenBefore(last) : topoTokenAfter(last);
  return { start, end, chunk };
}

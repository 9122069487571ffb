import { describe, expect, it } from 'vitest';
import {
  MissingEventsRequestError,
  parseBackfillRequest,
  parseMissingEventsRequest,
} from '@maxtryx/federation-core';

const ROOM = '!room:a.org';
const body = (over: Record<string, unknown> = {}) => ({ latest_events: ['$b:a.org'], earliest_events: ['$a:a.org'], ...over });

function errorOf(fn: () => unknown): MissingEventsRequestError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MissingEventsRequestError);
    return e as MissingEventsRequestError;
  }
  throw new Error('expected a MissingEventsRequestError');
}

describe('parseMissingEventsRequest', () => {
  it('applies the spec defaults (limit 10, min_depth 0)', () => {
    expect(parseMissingEventsRequest(ROOM, body())).toEqual({
      roomId: ROOM,
      latestEvents: ['$b:a.org'],
      earliestEvents: ['$a:a.org'],
      limit: 10,
      minDepth: 0,
    });
  });

  it('caps the limit at the server setting (default 20)', () => {
    expect(parseMissingEventsRequest(ROOM, body({ limit: 500 })).limit).toBe(20);
    expect(parseMissingEventsRequest(ROOM, body({ limit: 500 }), { maxLimit: 50 }).limit).toBe(50);
    expect(parseMissingEventsRequest(ROOM, body({ limit: 1 })).limit).toBe(1);
  });

  it('accepts v3/v4 event IDs and v12 room IDs', () => {
    const id = '$' + 'A'.repeat(43);
    const room12 = '!' + 'B'.repeat(43);
    expect(parseMissingEventsRequest(room12, body({ latest_events: [id] })).latestEvents).toEqual([id]);
  });

  it.each([
    ['non-object body', ROOM, [], 'M_BAD_JSON', 'body'],
    ['bad room ID', 'room', body(), 'M_INVALID_PARAM', 'roomId'],
    ['missing latest_events', ROOM, { earliest_events: [] }, 'M_BAD_JSON', 'latest_events'],
    ['empty latest_events', ROOM, body({ latest_events: [] }), 'M_INVALID_PARAM', 'latest_events'],
    ['missing earliest_events', ROOM, { latest_events: ['$b:a.org'] }, 'M_BAD_JSON', 'earliest_events'],
    ['non-string ID', ROOM, body({ latest_events: [1] }), 'M_BAD_JSON', 'latest_events[0]'],
    ['bad event ID', ROOM, body({ earliest_events: ['nope'] }), 'M_INVALID_PARAM', 'earliest_events[0]'],
    ['duplicate ID', ROOM, body({ latest_events: ['$b:a.org', '$b:a.org'] }), 'M_INVALID_PARAM', 'latest_events[1]'],
    ['51 IDs', ROOM, body({ latest_events: Array.from({ length: 51 }, (_, i) => `$e${i}:a.org`) }), 'M_INVALID_PARAM', 'latest_events'],
    ['negative min_depth', ROOM, body({ min_depth: -1 }), 'M_INVALID_PARAM', 'min_depth'],
    ['float min_depth', ROOM, body({ min_depth: 1.5 }), 'M_BAD_JSON', 'min_depth'],
    ['zero limit', ROOM, body({ limit: 0 }), 'M_INVALID_PARAM', 'limit'],
    ['string limit', ROOM, body({ limit: '5' }), 'M_BAD_JSON', 'limit'],
  ])('rejects %s', (_name, roomId, b, errcode, field) => {
    const err = errorOf(() => parseMissingEventsRequest(roomId, b));
    expect(err.errcode).toBe(errcode);
    expect(err.field).toBe(field);
  });

  it('accepts exactly 50 IDs', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `$e${i}:a.org`);
    expect(parseMissingEventsRequest(ROOM, body({ latest_events: ids })).latestEvents).toHaveLength(50);
  });
});

describe('parseBackfillRequest', () => {
  it('reads v and limit from a query string', () => {
    expect(parseBackfillRequest(ROOM, '$e:a.org', '5')).toEqual({ roomId: ROOM, fromEventIds: ['$e:a.org'], limit: 5 });
    expect(parseBackfillRequest(ROOM, ['$e:a.org', '$f:a.org'], 1000).limit).toBe(100);
  });

  it.each([
    ['missing limit', ['$e:a.org'], undefined, 'limit'],
    ['non-numeric limit', ['$e:a.org'], '5x', 'limit'],
    ['zero limit', ['$e:a.org'], '0', 'limit'],
    ['no v', [], '5', 'v'],
    ['bad v', ['e'], '5', 'v[0]'],
  ])('rejects %s', (_name, v, limit, field) => {
    expect(errorOf(() => parseBackfillRequest(ROOM, v, limit)).field).toBe(field);
  });
});

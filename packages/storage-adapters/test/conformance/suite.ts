// The ONE conformance suite every adapter runs: `runConformanceSuite(name, factory)`.
// Each test opens fresh stores through the factory; the suite closes them afterwards.
import { stateKeyOf } from '@maxtryx/federation-core';
import type { StateKey } from '@maxtryx/federation-core';
import {
  AlreadyExistsError,
  InvalidArgumentError,
  InvalidEventError,
  MissingEventError,
  MissingRecordError,
  StateReferenceError,
  StoreClosedError,
} from '@maxtryx/storage-adapters';
import type { EventInput, FeedItem, Store, StoredEvent } from '@maxtryx/storage-adapters';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectedAuthChain, expectedExtremities, generateRoom, makePdu } from './room-generator.js';
import type { GeneratedRoom } from './room-generator.js';

/** Opens a fresh, empty store. */
export type StoreFactory = () => Promise<Store>;

const ids = (events: readonly StoredEvent[]): string[] => events.map((e) => e.eventId);

function ev(roomId: string, n: string, fields: Partial<{ type: string; sender: string; depth: number; prevs: string[]; auths: string[]; stateKey: string; content: Record<string, unknown> }> = {}, status: EventInput['status'] = 'accepted'): EventInput {
  return {
    roomVersion: '10',
    eventId: `$${n}`,
    status,
    pdu: makePdu({
      roomId,
      type: fields.type ?? 'm.room.message',
      sender: fields.sender ?? '@alice:example.org',
      depth: fields.depth ?? 1,
      prevs: fields.prevs ?? [],
      auths: fields.auths ?? [],
      ...(fields.stateKey === undefined ? {} : { stateKey: fields.stateKey }),
      content: fields.content ?? { body: n },
    }),
  };
}

/** A short chain a0 <- a1 <- ... in `roomId`. */
function chain(roomId: string, prefix: string, count: number, startDepth = 1, first: string[] = []): EventInput[] {
  const out: EventInput[] = [];
  let prevs = first;
  for (let i = 0; i < count; i++) {
    const e = ev(roomId, `${prefix}${i}`, { depth: startDepth + i, prevs });
    out.push(e);
    prevs = [e.eventId];
  }
  return out;
}

async function collect(iterable: AsyncIterable<FeedItem>, n: number): Promise<FeedItem[]> {
  const out: FeedItem[] = [];
  if (n === 0) return out;
  for await (const item of iterable) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}

/**
 * Registers the conformance tests of one adapter.
 *
 * @param name the adapter's name, used in test titles.
 * @param factory opens a fresh, empty store each time it is called.
 */
export function runConformanceSuite(name: string, factory: StoreFactory): void {
  describe(`${name}: conformance`, () => {
    const opened: Store[] = [];
    const open = async (): Promise<Store> => {
      const s = await factory();
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    describe('events', () => {
      it('stores a batch and reads it back by ID', async () => {
        const store = await open();
        const batch = chain('!r:example.org', 'a', 3);
        const res = await store.putEvents(batch);
        expect(res.unchanged).toEqual([]);
        expect(res.written.map((w) => w.eventId)).toEqual(['$a0', '$a1', '$a2']);
        const orderings = res.written.map((w) => w.streamOrdering);
        expect(orderings[0]).toBeGreaterThan(0);
        expect(orderings).toEqual([orderings[0], orderings[0]! + 1, orderings[0]! + 2]);
        const got = await store.getEvents(['$a2', '$missing', '$a0', '$a2']);
        expect(ids(got)).toEqual(['$a2', '$a0']);
        const a2 = got[0]!;
        expect(a2).toMatchObject({ roomVersion: '10', eventId: '$a2', roomId: '!r:example.org', type: 'm.room.message', status: 'accepted', depth: 3, sender: '@alice:example.org' });
        expect(a2.stateKey).toBeUndefined();
        expect(a2.streamOrdering).toBe(orderings[2]);
        expect(a2.pdu).toEqual(batch[2]!.pdu);
        expect(await store.getEvent('$nope')).toBeUndefined();
        await expect(store.readEvent('$nope')).rejects.toBeInstanceOf(MissingEventError);
        expect((await store.readEvent('$a1')).eventId).toBe('$a1');
        expect(await store.currentStreamPosition()).toBe(orderings[2]);
      });

      it('returns copies: changing a read event does not change the store', async () => {
        const store = await open();
        await store.putEvents(chain('!r:example.org', 'c', 1));
        const e = await store.readEvent('$c0');
        e.pdu.content['body'] = 'changed';
        expect((await store.readEvent('$c0')).pdu.content['body']).toBe('c0');
      });

      it('is idempotent: putting the same batch again changes nothing', async () => {
        const store = await open();
        const batch = chain('!r:example.org', 'i', 5);
        await store.putEvents(batch);
        const pos = await store.currentStreamPosition();
        const before = await store.getEvents(batch.map((b) => b.eventId));
        const again = await store.putEvents(batch);
        expect(again.written).toEqual([]);
        expect(again.unchanged.sort()).toEqual(batch.map((b) => b.eventId).sort());
        expect(await store.currentStreamPosition()).toBe(pos);
        expect(await store.getEvents(batch.map((b) => b.eventId))).toEqual(before);
        const page = await store.readChanges({ roomIds: ['!r:example.org'] }, 0, 100);
        expect(page.items.map((i) => i.event.eventId)).toEqual(batch.map((b) => b.eventId));
        // A repeat inside one batch counts once.
        const dup = await store.putEvents([ev('!r:example.org', 'd0'), ev('!r:example.org', 'd0')]);
        expect(dup.written.map((w) => w.eventId)).toEqual(['$d0']);
        expect(dup.unchanged).toEqual(['$d0']);
      });

      it('promotes an outlier put again with another status, and only then', async () => {
        const store = await open();
        const room = '!r:example.org';
        await store.putEvents([ev(room, 'o0', {}, 'outlier')]);
        expect((await store.readEvent('$o0')).status).toBe('outlier');
        expect(await store.getForwardExtremities(room)).toEqual([]);
        const first = (await store.readEvent('$o0')).streamOrdering;
        const res = await store.putEvents([ev(room, 'o0')]);
        expect(res.written.map((w) => w.eventId)).toEqual(['$o0']);
        const promoted = await store.readEvent('$o0');
        expect(promoted.status).toBe('accepted');
        expect(promoted.streamOrdering).toBeGreaterThan(first);
        expect(await store.getForwardExtremities(room)).toEqual(['$o0']);
        // An accepted event is not changed by a later put with another status.
        const res2 = await store.putEvents([ev(room, 'o0', {}, 'rejected')]);
        expect(res2.unchanged).toEqual(['$o0']);
        expect((await store.readEvent('$o0')).status).toBe('accepted');
      });

      it('forward extremities: a child stored before its parent counts only if accepted and in the same room', async () => {
        const store = await open();
        const room = '!r:example.org';
        const other = '!other:example.org';
        // Children first: p1 names p0 (not stored yet); a rejected child and a child in another room name q0.
        await store.putEvents([ev(room, 'p1', { prevs: ['$p0'], depth: 2 })]);
        await store.putEvents([ev(room, 'q1', { prevs: ['$q0'], depth: 2 }, 'rejected'), ev(other, 'x1', { prevs: ['$q0'], depth: 2 })]);
        await store.putEvents([ev(room, 'p0'), ev(room, 'q0')]);
        // p0 has an accepted child in its room; q0 has none there.
        expect((await store.getForwardExtremities(room)).sort()).toEqual(['$p1', '$q0']);
        expect(await store.getForwardExtremities(other)).toEqual(['$x1']);
        // An outlier child promoted to accepted later makes its parent no extremity any more.
        await store.putEvents([ev(room, 'q2', { prevs: ['$q0'], depth: 2 }, 'outlier')]);
        expect((await store.getForwardExtremities(room)).sort()).toEqual(['$p1', '$q0']);
        await store.putEvents([ev(room, 'q2', { prevs: ['$q0'], depth: 2 })]);
        expect((await store.getForwardExtremities(room)).sort()).toEqual(['$p1', '$q2']);
        // The next-edges query sees children of every status, in the parent's room only.
        const next = await store.getNextEventIds(room, ['$q0']);
        expect([...(next.get('$q0') ?? [])].sort()).toEqual(['$q1', '$q2']);
      });

      it('keeps every status and the rejection reason', async () => {
        const store = await open();
        const room = '!r:example.org';
        const batch = [ev(room, 's0'), { ...ev(room, 's1', { prevs: ['$s0'], depth: 2 }, 'rejected'), rejectionReason: 'auth' }, ev(room, 's2', { prevs: ['$s0'], depth: 2 }, 'soft_failed'), ev(room, 's3', {}, 'outlier')];
        await store.putEvents(batch);
        const got = await store.getEvents(['$s0', '$s1', '$s2', '$s3']);
        expect(got.map((e) => e.status)).toEqual(['accepted', 'rejected', 'soft_failed', 'outlier']);
        expect(got[1]!.rejectionReason).toBe('auth');
        expect(got[0]!.rejectionReason).toBeUndefined();
        // Rejected and soft-failed events never become forward extremities (spec: soft failure).
        expect(await store.getForwardExtremities(room)).toEqual(['$s0']);
        // The change feed carries accepted events only.
        const page = await store.readChanges({ roomIds: [room] }, 0, 10);
        expect(page.items.map((i) => i.event.eventId)).toEqual(['$s0']);
        // Outliers are outside the timeline.
        const topo = await store.getRoomEventsTopological(room, { limit: 10 });
        expect(ids(topo).sort()).toEqual(['$s0', '$s1', '$s2']);
        const onlyAccepted = await store.getRoomEventsByStream(room, { limit: 10, statuses: ['accepted'] });
        expect(ids(onlyAccepted)).toEqual(['$s0']);
      });

      it('derives the room ID of a v12 create event from its event ID', async () => {
        const store = await open();
        const pdu = makePdu({ roomId: '!x:example.org', type: 'm.room.create', sender: '@alice:example.org', depth: 1, prevs: [], auths: [], stateKey: '', content: { room_version: '12' } });
        delete pdu.room_id;
        await store.putEvents([{ roomVersion: '12', eventId: '$CreateHash', pdu, status: 'accepted' }]);
        const e = await store.readEvent('$CreateHash');
        expect(e.roomId).toBe('!CreateHash');
        expect(e.pdu.room_id).toBeUndefined();
        expect(ids(await store.getEventsInRoom('!CreateHash', ['$CreateHash']))).toEqual(['$CreateHash']);
      });

      it('stores v1 events with [id, hashes] references', async () => {
        const store = await open();
        const pdu = { ...makePdu({ roomId: '!v1:example.org', type: 'm.room.message', sender: '@alice:example.org', depth: 2, prevs: [], auths: [] }), event_id: '$b:example.org' };
        pdu.prev_events = [['$a:example.org', { sha256: 'aGFzaA' }]];
        await store.putEvents([{ roomVersion: '1', eventId: '$b:example.org', pdu, status: 'accepted' }]);
        expect(await store.getPrevEventIds('!v1:example.org', ['$b:example.org'])).toEqual(new Map([['$b:example.org', ['$a:example.org']]]));
      });
    });

    describe('atomic batches and bad input', () => {
      it('a batch failing halfway (bad current-state reference, inside the transaction) leaves nothing', async () => {
        const store = await open();
        const room = '!r:example.org';
        await store.putEvents(chain(room, 'ok', 2));
        const pos = await store.currentStreamPosition();
        const extremities = await store.getForwardExtremities(room);
        const batch = chain(room, 'half', 50, 3, ['$ok1']);
        await expect(
          store.putEvents(batch, { currentState: [{ roomId: room, set: new Map([[stateKeyOf('m.room.topic', ''), '$never-stored']]) }] }),
        ).rejects.toBeInstanceOf(StateReferenceError);
        expect(await store.getEvents(batch.map((b) => b.eventId))).toEqual([]);
        expect(await store.currentStreamPosition()).toBe(pos);
        expect(await store.getForwardExtremities(room)).toEqual(extremities);
        expect(await store.getNextEventIds(room, ['$ok1'])).toEqual(new Map([['$ok1', []]]));
        expect((await store.readChanges({ roomIds: [room] }, pos, 100)).items).toEqual([]);
        // A state event filed under the wrong key fails the same way.
        const topic = ev(room, 'topic', { type: 'm.room.topic', stateKey: '', depth: 3, prevs: ['$ok1'] });
        await expect(store.putEvents([topic], { currentState: [{ roomId: room, set: new Map([[stateKeyOf('m.room.name', ''), '$topic']]) }] })).rejects.toBeInstanceOf(
          StateReferenceError,
        );
        expect(await store.getEvent('$topic')).toBeUndefined();
        // The store still works, and the stream continues without a gap being visible as events.
        const after = await store.putEvents(batch);
        expect(after.written).toHaveLength(50);
        expect(after.written[0]!.streamOrdering).toBeGreaterThan(pos);
        expect(await store.getForwardExtremities(room)).toEqual(['$half49']);
      });

      it('refuses malformed events before storage with InvalidEventError naming the entry', async () => {
        const store = await open();
        const room = '!r:example.org';
        const good = ev(room, 'g');
        const cases: Array<[string, (e: EventInput) => unknown]> = [
          ['no type', (e) => delete (e.pdu as Partial<EventInput['pdu']>).type],
          ['type not a string', (e) => ((e.pdu as unknown as Record<string, unknown>)['type'] = 5)],
          ['bad room ID', (e) => (e.pdu.room_id = 'room')],
          ['missing room ID', (e) => delete e.pdu.room_id],
          ['bad sender', (e) => (e.pdu.sender = 'alice')],
          ['bad event ID', (e) => (e.eventId = 'abc')],
          ['event ID with a space', (e) => (e.eventId = '$a b')],
          ['negative depth', (e) => (e.pdu.depth = -1)],
          ['fractional depth', (e) => (e.pdu.depth = 1.5)],
          ['content not an object', (e) => ((e.pdu as unknown as Record<string, unknown>)['content'] = 'x')],
          ['prev_events not an array', (e) => ((e.pdu as unknown as Record<string, unknown>)['prev_events'] = '$x')],
          ['prev_events entry not an event ID', (e) => (e.pdu.prev_events = ['x'])],
          ['v1-style reference in v10', (e) => (e.pdu.prev_events = [['$x', { sha256: 'h' }]])],
          ['no hashes', (e) => delete (e.pdu as Partial<EventInput['pdu']>).hashes],
          ['no signatures', (e) => delete (e.pdu as Partial<EventInput['pdu']>).signatures],
          ['state_key not a string', (e) => ((e.pdu as unknown as Record<string, unknown>)['state_key'] = 1)],
          ['origin_server_ts missing', (e) => delete (e.pdu as Partial<EventInput['pdu']>).origin_server_ts],
          ['unknown room version', (e) => (e.roomVersion = '99')],
          ['unknown status', (e) => ((e as unknown as Record<string, unknown>)['status'] = 'fine')],
          ['pdu not an object', (e) => ((e as unknown as Record<string, unknown>)['pdu'] = null)],
          ['too large', (e) => (e.pdu.content = { body: 'x'.repeat(70_000) })],
          ['stateBefore not a map', (e) => ((e as unknown as Record<string, unknown>)['stateBefore'] = {})],
          ['stateBefore with a bad key', (e) => (e.stateBefore = new Map([['m.room.create' as StateKey, '$c']]))],
        ];
        for (const [what, spoil] of cases) {
          const bad = structuredClone(ev(room, 'bad'));
          spoil(bad);
          const err = await store.putEvents([good, good, bad]).then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(err, what).toBeInstanceOf(InvalidEventError);
          expect((err as InvalidEventError).name, what).toBe('InvalidEventError');
          expect((err as InvalidEventError).index, what).toBe(2);
        }
        // v1: the event must carry its own ID.
        const v1 = { roomVersion: '1', eventId: '$a:example.org', status: 'accepted' as const, pdu: { ...makePdu({ roomId: room, type: 't', sender: '@a:example.org', depth: 1, prevs: [], auths: [] }), event_id: '$other:example.org' } };
        await expect(store.putEvents([v1])).rejects.toBeInstanceOf(InvalidEventError);
        await expect(store.putEvents('nope' as unknown as EventInput[])).rejects.toBeInstanceOf(InvalidEventError);
        expect(await store.getEvent('$g')).toBeUndefined();
        expect(await store.currentStreamPosition()).toBe(0);
      });

      it('refuses malformed arguments of reads with InvalidArgumentError', async () => {
        const store = await open();
        await expect(store.getEvents(['nope'])).rejects.toBeInstanceOf(InvalidArgumentError);
        await expect(store.getEventsInRoom('room', ['$a'])).rejects.toBeInstanceOf(InvalidArgumentError);
        await expect(store.getRoomEventsByStream('!r:example.org', { limit: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
        await expect(store.getRoomEventsTopological('!r:example.org', { limit: 10, direction: 'sideways' as 'forwards' })).rejects.toBeInstanceOf(InvalidArgumentError);
        await expect(store.readChanges({ roomIds: ['!r:example.org'] }, -1, 10)).rejects.toBeInstanceOf(InvalidArgumentError);
        await expect(store.getRoomMembers('!r:example.org', 'lurking' as 'join')).rejects.toBeInstanceOf(InvalidArgumentError);
        expect(() => store.subscribe({ userId: 'bob' })).toThrow(InvalidArgumentError);
      });

      it('a closed store refuses every call with StoreClosedError', async () => {
        const store = await factory();
        await store.putEvents(chain('!r:example.org', 'x', 1));
        await store.close();
        await store.close(); // idempotent
        expect(store.closed).toBe(true);
        for (const call of [
          () => store.getEvent('$x0'),
          () => store.putEvents(chain('!r:example.org', 'y', 1)),
          () => store.getForwardExtremities('!r:example.org'),
          () => store.getUser('@a:example.org'),
          () => store.currentStreamPosition(),
        ]) {
          await expect(call()).rejects.toBeInstanceOf(StoreClosedError);
        }
        expect(() => store.subscribe({ roomIds: [] })).toThrow(StoreClosedError);
      });
    });

    describe('a generated room of 10,000 events', () => {
      let store: Store;
      let room: GeneratedRoom;
      let other: GeneratedRoom;
      beforeAll(async () => {
        store = await factory();
        room = generateRoom({ tag: 'big', count: 10_000, seed: 7 });
        other = generateRoom({ tag: 'other', count: 300, seed: 9 });
        // Interleave batches of the two rooms, 500 events per batch.
        for (let i = 0; i < room.events.length; i += 500) {
          await store.putEvents(room.events.slice(i, i + 500).map((e) => e.input));
          const j = (i / 500) * 15;
          if (j < other.events.length) await store.putEvents(other.events.slice(j, j + 15).map((e) => e.input));
        }
      });
      afterAll(async () => {
        await store.close();
      });

      it('has the expected forward extremities in each room', async () => {
        expect(await store.getForwardExtremities(room.roomId)).toEqual(expectedExtremities(room));
        expect(await store.getForwardExtremities(other.roomId)).toEqual(expectedExtremities(other));
      });

      it('answers prev and next edges', async () => {
        const sample = room.events.filter((_, i) => i % 97 === 0).map((e) => e.id);
        const prevs = await store.getPrevEventIds(room.roomId, sample);
        for (const id of sample) expect(prevs.get(id)).toEqual(room.byId.get(id)!.prevs);
        const next = await store.getNextEventIds(room.roomId, sample);
        for (const id of sample) {
          const expected = room.events.filter((e) => e.prevs.includes(id)).map((e) => e.id).sort();
          expect(next.get(id), id).toEqual(expected);
        }
      });

      it('gets events by ID within the room at or above a minimum depth, in one call', async () => {
        const sample = room.events.filter((_, i) => i % 13 === 0);
        const minDepth = 3000;
        const got = await store.getEventsInRoom(room.roomId, sample.map((e) => e.id), minDepth);
        expect(ids(got)).toEqual(sample.filter((e) => e.depth >= minDepth).map((e) => e.id));
        expect(got.every((e) => e.depth >= minDepth)).toBe(true);
        // Exactly at the boundary.
        const boundary = room.events.find((e) => e.depth === minDepth)!;
        expect(ids(await store.getEventsInRoom(room.roomId, [boundary.id], minDepth))).toEqual([boundary.id]);
        expect(await store.getEventsInRoom(room.roomId, [boundary.id], minDepth + 1)).toEqual([]);
      });

      it('computes the auth chain of a set of events', async () => {
        const last = room.events.slice(-3).map((e) => e.id);
        const chainIds = ids(await store.getAuthChain(room.roomId, last)).sort();
        expect(chainIds).toEqual(expectedAuthChain(room, last));
        expect(chainIds.length).toBeGreaterThan(1);
        const chainEvents = await store.getAuthChain(room.roomId, last);
        for (let i = 1; i < chainEvents.length; i++) expect(chainEvents[i]!.depth).toBeGreaterThanOrEqual(chainEvents[i - 1]!.depth);
      });

      it('pages through the room in topological order, both ways', async () => {
        const expected = room.events
          .map((e, i) => ({ id: e.id, depth: e.depth, i }))
          .sort((a, b) => a.depth - b.depth || a.i - b.i)
          .map((e) => e.id);
        const forwards: string[] = [];
        let from: { depth: number; streamOrdering: number } | undefined;
        for (;;) {
          const page = await store.getRoomEventsTopological(room.roomId, { limit: 1000, ...(from === undefined ? {} : { from }) });
          if (page.length === 0) break;
          forwards.push(...ids(page));
          const lastEv = page[page.length - 1]!;
          from = { depth: lastEv.depth, streamOrdering: lastEv.streamOrdering };
        }
        expect(forwards).toEqual(expected);
        const backwards = await store.getRoomEventsTopological(room.roomId, { limit: 700, direction: 'backwards' });
        expect(ids(backwards)).toEqual(expected.slice(-700).reverse());
        const b0 = backwards[699]!;
        const more = await store.getRoomEventsTopological(room.roomId, { limit: 5, direction: 'backwards', from: { depth: b0.depth, streamOrdering: b0.streamOrdering } });
        expect(ids(more)).toEqual(expected.slice(-705, -700).reverse());
      });

      it('pages through the room in stream order, both ways', async () => {
        const all: StoredEvent[] = [];
        let from: number | undefined;
        for (;;) {
          const page = await store.getRoomEventsByStream(room.roomId, { limit: 2500, ...(from === undefined ? {} : { from }) });
          if (page.length === 0) break;
          all.push(...page);
          from = page[page.length - 1]!.streamOrdering;
        }
        expect(ids(all)).toEqual(room.events.map((e) => e.id));
        for (let i = 1; i < all.length; i++) expect(all[i]!.streamOrdering).toBeGreaterThan(all[i - 1]!.streamOrdering);
        const back = await store.getRoomEventsByStream(room.roomId, { limit: 3, direction: 'backwards' });
        expect(ids(back)).toEqual(room.events.slice(-3).map((e) => e.id).reverse());
      });

      it('walks backwards for backfill, breadth-first over prev_events', async () => {
        const from = expectedExtremities(room);
        const got = await store.getBackfill(room.roomId, from, 150);
        expect(got).toHaveLength(150);
        // Reference: level by level from the extremities, newest first within a level.
        const index = new Map(room.events.map((e, i) => [e.id, i]));
        const expected: string[] = [];
        const seen = new Set(from);
        let frontier = [...from];
        while (frontier.length > 0 && expected.length < 150) {
          const level = frontier.map((id) => room.byId.get(id)!).sort((a, b) => b.depth - a.depth || index.get(b.id)! - index.get(a.id)!);
          const next: string[] = [];
          for (const e of level) {
            if (expected.length >= 150) break;
            expected.push(e.id);
            for (const p of e.prevs) if (!seen.has(p)) (seen.add(p), next.push(p));
          }
          frontier = next;
        }
        expect(ids(got)).toEqual(expected);
      });

      it('stores the state before each event compactly and answers state queries', async () => {
        const lastId = room.events[room.events.length - 1]!.id;
        const sample = [room.events[0]!, room.events[1]!, room.events[4000]!, room.events[9999]!];
        for (const e of sample) {
          expect(await store.getStateBefore(room.roomId, e.id), e.id).toEqual(e.input.stateBefore);
        }
        expect(await store.getStateAfter(room.roomId, lastId)).toEqual(room.finalState);
        const delta = await store.getStateDelta(room.roomId, room.events[4000]!.id, lastId);
        const a = (await store.getStateAfter(room.roomId, room.events[4000]!.id))!;
        const rebuilt = new Map(a);
        for (const k of delta.removed) rebuilt.delete(k);
        for (const [k, v] of delta.changed) rebuilt.set(k, v);
        expect(rebuilt).toEqual(room.finalState);
        expect(delta.changed.size).toBeGreaterThan(0);
      });

      it('never returns an event of another room', async () => {
        const otherIds = other.events.map((e) => e.id);
        const mixed = [...otherIds.slice(0, 50), ...room.events.slice(0, 50).map((e) => e.id)];
        const inRoom = await store.getEventsInRoom(room.roomId, mixed, 0);
        expect(inRoom.every((e) => e.roomId === room.roomId)).toBe(true);
        expect(inRoom).toHaveLength(50);
        expect(await store.getEventsInRoom(room.roomId, otherIds.slice(0, 100), 0)).toEqual([]);
        expect(await store.getPrevEventIds(room.roomId, otherIds.slice(0, 10))).toEqual(new Map());
        const next = await store.getNextEventIds(room.roomId, otherIds.slice(0, 10));
        expect([...next.values()].flat()).toEqual([]);
        expect(await store.getAuthChain(room.roomId, otherIds.slice(-5))).toEqual([]);
        expect(await store.getBackfill(room.roomId, otherIds.slice(-5), 100)).toEqual([]);
        expect(await store.getStateBefore(room.roomId, otherIds[10]!)).toBeUndefined();
        const topo = await store.getRoomEventsTopological(other.roomId, { limit: 10_000 });
        expect(ids(topo).sort()).toEqual([...otherIds].sort());
        const feed = await store.readChanges({ roomIds: [other.roomId] }, 0, 10_000);
        expect(feed.items.map((i) => i.event.eventId).sort()).toEqual([...otherIds].sort());
        expect(feed.items.every((i) => i.event.roomId === other.roomId)).toBe(true);
        // An event ID already stored in another room cannot be put into this one.
        const clash = { ...other.events[5]!.input, pdu: { ...other.events[5]!.input.pdu, room_id: room.roomId } };
        await expect(store.putEvents([clash])).rejects.toBeInstanceOf(InvalidEventError);
      });
    });

    describe('room state and memberships', () => {
      it('keeps current state and derives memberships from it', async () => {
        const store = await open();
        const room = '!m:example.org';
        const create = ev(room, 'create', { type: 'm.room.create', stateKey: '' });
        const alice = ev(room, 'alice', { type: 'm.room.member', stateKey: '@alice:a.example', sender: '@alice:a.example', content: { membership: 'join' }, depth: 2, prevs: ['$create'] });
        const bob = ev(room, 'bob', { type: 'm.room.member', stateKey: '@bob:b.example', sender: '@bob:b.example', content: { membership: 'join' }, depth: 3, prevs: ['$alice'] });
        const carol = ev(room, 'carol', { type: 'm.room.member', stateKey: '@carol:b.example', sender: '@alice:a.example', content: { membership: 'invite' }, depth: 4, prevs: ['$bob'] });
        const k = (t: string, s: string): StateKey => stateKeyOf(t, s);
        await store.putEvents([create, alice, bob, carol], {
          currentState: [
            {
              roomId: room,
              set: new Map([
                [k('m.room.create', ''), '$create'],
                [k('m.room.member', '@alice:a.example'), '$alice'],
                [k('m.room.member', '@bob:b.example'), '$bob'],
                [k('m.room.member', '@carol:b.example'), '$carol'],
              ]),
            },
          ],
        });
        expect((await store.getCurrentState(room)).size).toBe(4);
        expect(await store.getCurrentStateEventId(room, k('m.room.member', '@bob:b.example'))).toBe('$bob');
        expect(await store.getRoomMembers(room)).toEqual(['@alice:a.example', '@bob:b.example']);
        expect(await store.getRoomMembers(room, 'invite')).toEqual(['@carol:b.example']);
        expect(await store.getServersInRoom(room)).toEqual(['a.example', 'b.example']);
        expect(await store.getRoomsForUser('@bob:b.example')).toEqual([room]);
        expect(await store.getMembership(room, '@carol:b.example')).toEqual({ roomId: room, userId: '@carol:b.example', membership: 'invite', eventId: '$carol' });
        // Bob leaves: memberships follow the current state.
        const leave = ev(room, 'bobleave', { type: 'm.room.member', stateKey: '@bob:b.example', sender: '@bob:b.example', content: { membership: 'leave' }, depth: 5, prevs: ['$carol'] });
        await store.putEvents([leave], { currentState: [{ roomId: room, set: new Map([[k('m.room.member', '@bob:b.example'), '$bobleave']]) }] });
        expect(await store.getRoomMembers(room)).toEqual(['@alice:a.example']);
        expect(await store.getServersInRoom(room)).toEqual(['a.example']);
        expect(await store.getRoomsForUser('@bob:b.example')).toEqual([]);
        expect(await store.getRoomsForUser('@bob:b.example', 'leave')).toEqual([room]);
        await store.updateCurrentState([{ roomId: room, remove: [k('m.room.member', '@carol:b.example')] }]);
        expect(await store.getMembership(room, '@carol:b.example')).toBeUndefined();
        expect((await store.getCurrentState(room)).has(k('m.room.member', '@carol:b.example'))).toBe(false);
        expect(await store.getCurrentState('!unknown:example.org')).toEqual(new Map());
      });

      it('reuses the state of a prev event and answers the state after a state event', async () => {
        const store = await open();
        const room = '!st:example.org';
        const k = stateKeyOf('m.room.create', '');
        const c = { ...ev(room, 'c', { type: 'm.room.create', stateKey: '' }), stateBefore: new Map() };
        const m1 = { ...ev(room, 'm1', { depth: 2, prevs: ['$c'] }), stateBefore: new Map([[k, '$c']]) };
        const m2 = { ...ev(room, 'm2', { depth: 3, prevs: ['$m1'] }), stateBefore: new Map([[k, '$c']]) };
        await store.putEvents([c, m1]);
        await store.putEvents([m2]);
        expect(await store.getStateBefore(room, '$c')).toEqual(new Map());
        expect(await store.getStateAfter(room, '$c')).toEqual(new Map([[k, '$c']]));
        expect(await store.getStateBefore(room, '$m2')).toEqual(new Map([[k, '$c']]));
        expect(await store.getStateAfter(room, '$m2')).toEqual(new Map([[k, '$c']]));
        const d = await store.getStateDelta(room, '$c', '$m2');
        expect(d).toEqual({ changed: new Map(), removed: [] });
        const d0 = await store.getStateDelta(room, '$m1', '$m1');
        expect(d0.changed.size).toBe(0);
        await expect(store.getStateDelta(room, '$c', '$nostate')).rejects.toBeInstanceOf(MissingEventError);
        expect(await store.getStateBefore(room, '$unknown')).toBeUndefined();
      });
    });

    describe('change feed', () => {
      it('delivers accepted events in stream order and resumes from a position', async () => {
        const store = await open();
        const a = '!a:example.org';
        const b = '!b:example.org';
        await store.putEvents([...chain(a, 'fa', 3), ...chain(b, 'fb', 2)]);
        await store.putEvents(chain(a, 'ga', 2, 4, ['$fa2']));
        const all = await store.readChanges({ roomIds: [a, b] }, 0, 100);
        expect(all.items.map((i) => i.event.eventId)).toEqual(['$fa0', '$fa1', '$fa2', '$fb0', '$fb1', '$ga0', '$ga1']);
        for (let i = 1; i < all.items.length; i++) expect(all.items[i]!.position).toBeGreaterThan(all.items[i - 1]!.position);
        const onlyA = await store.readChanges({ roomIds: [a] }, 0, 2);
        expect(onlyA.items.map((i) => i.event.eventId)).toEqual(['$fa0', '$fa1']);
        const rest = await store.readChanges({ roomIds: [a] }, onlyA.position, 100);
        expect(rest.items.map((i) => i.event.eventId)).toEqual(['$fa2', '$ga0', '$ga1']);
        const none = await store.readChanges({ roomIds: [a] }, rest.position, 100);
        expect(none).toEqual({ items: [], position: rest.position });
        expect(rest.position).toBeLessThanOrEqual(await store.currentStreamPosition());
      });

      it('follows a user across the rooms they are joined to, including their own membership changes', async () => {
        const store = await open();
        const r1 = '!r1:example.org';
        const r2 = '!r2:example.org';
        const u = '@u:example.org';
        const join = ev(r1, 'j', { type: 'm.room.member', stateKey: u, sender: u, content: { membership: 'join' } });
        await store.putEvents([join], { currentState: [{ roomId: r1, set: new Map([[stateKeyOf('m.room.member', u), '$j']]) }] });
        await store.putEvents([ev(r1, 'm1', { depth: 2, prevs: ['$j'] }), ev(r2, 'x1')]);
        const invite = ev(r2, 'inv', { type: 'm.room.member', stateKey: u, content: { membership: 'invite' }, depth: 2, prevs: ['$x1'] });
        await store.putEvents([invite], { currentState: [{ roomId: r2, set: new Map([[stateKeyOf('m.room.member', u), '$inv']]) }] });
        const page = await store.readChanges({ userId: u }, 0, 100);
        expect(page.items.map((i) => i.event.eventId)).toEqual(['$j', '$m1', '$inv']);
        const leave = ev(r1, 'lv', { type: 'm.room.member', stateKey: u, sender: u, content: { membership: 'leave' }, depth: 3, prevs: ['$m1'] });
        await store.putEvents([leave], { currentState: [{ roomId: r1, set: new Map([[stateKeyOf('m.room.member', u), '$lv']]) }] });
        await store.putEvents([ev(r1, 'after', { depth: 4, prevs: ['$lv'] })]);
        const next = await store.readChanges({ userId: u }, page.position, 100);
        expect(next.items.map((i) => i.event.eventId)).toEqual(['$lv']);
      });

      it('subscribe yields the backlog, then new events as they commit, and ends on abort', async () => {
        const store = await open();
        const room = '!sub:example.org';
        await store.putEvents(chain(room, 'p', 3));
        const start = (await store.readChanges({ roomIds: [room] }, 0, 100)).items[0]!.position;
        const controller = new AbortController();
        const iterable = store.subscribe({ roomIds: [room] }, { from: start, signal: controller.signal, pageSize: 2 });
        const received: string[] = [];
        const done = (async () => {
          for await (const item of iterable) {
            received.push(item.event.eventId);
            if (received.length === 6) controller.abort();
          }
        })();
        // Written while the subscriber is waiting.
        await new Promise((r) => setImmediate(r));
        await store.putEvents([ev('!elsewhere:example.org', 'noise')]);
        await store.putEvents(chain(room, 'q', 4, 4, ['$p2']));
        await done;
        expect(received).toEqual(['$p1', '$p2', '$q0', '$q1', '$q2', '$q3']);
        // A subscription without `from` starts at the current position.
        const live = store.subscribe({ roomIds: [room] });
        const next = collect(live, 1);
        await new Promise((r) => setImmediate(r));
        await store.putEvents([ev(room, 'z', { depth: 9, prevs: ['$q3'] })]);
        expect((await next).map((i) => i.event.eventId)).toEqual(['$z']);
      });

      it('ends open subscriptions when the store closes', async () => {
        const store = await factory();
        const it = store.subscribe({ roomIds: ['!r:example.org'] });
        const done = collect(it, 5);
        await new Promise((r) => setImmediate(r));
        await store.close();
        expect(await done).toEqual([]);
      });
    });

    describe('parallel writers', () => {
      it('concurrent batches all commit, with unique stream orderings matching the feed order', async () => {
        const store = await open();
        const writers = Array.from({ length: 8 }, (_, w) => {
          const room = `!p${w % 3}:example.org`;
          return chain(room, `w${w}-`, 40).map((e) => ({ ...e, pdu: { ...e.pdu, prev_events: [] } }));
        });
        const results = await Promise.all(writers.flatMap((batch) => [store.putEvents(batch.slice(0, 20)), store.putEvents(batch.slice(20))]));
        const orderings = results.flatMap((r) => r.written.map((w) => w.streamOrdering));
        expect(orderings).toHaveLength(320);
        expect(new Set(orderings).size).toBe(320);
        const feed = await store.readChanges({ roomIds: ['!p0:example.org', '!p1:example.org', '!p2:example.org'] }, 0, 1000);
        expect(feed.items).toHaveLength(320);
        const written = new Map(results.flatMap((r) => r.written.map((w) => [w.eventId, w.streamOrdering] as const)));
        for (const item of feed.items) expect(item.position).toBe(written.get(item.event.eventId));
        // Every event without prev events is an extremity of its room.
        const ex = await store.getForwardExtremities('!p0:example.org');
        expect(ex).toHaveLength(3 * 40);
      });
    });

    describe('accounts, keys, aliases, federation transactions', () => {
      it('manages users, devices and tokens', async () => {
        const store = await open();
        const u = '@alice:example.org';
        await store.createUser({ userId: u, createdTs: 1, passwordHash: '$argon2id$x' });
        await expect(store.createUser({ userId: u, createdTs: 2 })).rejects.toBeInstanceOf(AlreadyExistsError);
        expect(await store.getUser(u)).toEqual({ userId: u, createdTs: 1, passwordHash: '$argon2id$x' });
        expect(await store.updateUser(u, { passwordHash: '$new', deactivated: true })).toEqual({ userId: u, createdTs: 1, passwordHash: '$new', deactivated: true });
        expect((await store.getUser(u))?.passwordHash).toBe('$new');
        await expect(store.updateUser('@nobody:example.org', { deactivated: true })).rejects.toBeInstanceOf(MissingRecordError);
        await store.putDevice({ userId: u, deviceId: 'B', displayName: 'phone' });
        await store.putDevice({ userId: u, deviceId: 'A' });
        await store.putDevice({ userId: '@bob:example.org', deviceId: 'A' });
        expect((await store.listDevices(u)).map((d) => d.deviceId)).toEqual(['A', 'B']);
        expect(await store.getDevice(u, 'B')).toEqual({ userId: u, deviceId: 'B', displayName: 'phone' });
        await store.putAccessToken({ token: 'tokA', userId: u, deviceId: 'A' });
        await store.putAccessToken({ token: 'tokB', userId: u, deviceId: 'B', expiresTs: 1000 });
        await store.putRefreshToken({ token: 'refA', userId: u, deviceId: 'A', expiresTs: 5000 });
        expect(await store.getAccessToken('tokA')).toEqual({ token: 'tokA', userId: u, deviceId: 'A' });
        expect(await store.getAccessToken('tokB', 999)).toMatchObject({ deviceId: 'B' });
        expect(await store.getAccessToken('tokB', 1000)).toBeUndefined();
        expect(await store.consumeRefreshToken('refA', 10)).toMatchObject({ token: 'refA', deviceId: 'A' });
        expect(await store.consumeRefreshToken('refA', 10)).toBeUndefined();
        await store.putRefreshToken({ token: 'refA2', userId: u, deviceId: 'A' });
        expect(await store.deleteDevice(u, 'A')).toBe(true);
        expect(await store.deleteDevice(u, 'A')).toBe(false);
        expect(await store.getAccessToken('tokA')).toBeUndefined();
        expect(await store.consumeRefreshToken('refA2')).toBeUndefined();
        expect(await store.getAccessToken('tokB', 0)).toBeDefined();
        expect(await store.deleteAccessToken('tokB')).toBe(true);
        expect(await store.getAccessToken('tokB', 0)).toBeUndefined();
        expect((await store.listDevices('@bob:example.org')).length).toBe(1);
      });

      it('keeps our signing keys and other servers keys', async () => {
        const store = await open();
        await store.putOwnSigningKey({ keyId: 'ed25519:b', seed: 'c2VlZA', publicKey: 'cHVi', createdTs: 2 });
        await store.putOwnSigningKey({ keyId: 'ed25519:a', seed: 'c2VlZA', publicKey: 'cHVi', createdTs: 1, expiredTs: 3 });
        expect((await store.listOwnSigningKeys()).map((k) => k.keyId)).toEqual(['ed25519:a', 'ed25519:b']);
        await store.putServerKeys([
          { serverName: 'x.org', keyId: 'ed25519:1', publicKey: 'a', validUntilTs: 10 },
          { serverName: 'x.org', keyId: 'ed25519:2', publicKey: 'b', validUntilTs: 20 },
          { serverName: 'y.org', keyId: 'ed25519:1', publicKey: 'c', validUntilTs: 30 },
        ]);
        await store.putServerKeys([{ serverName: 'x.org', keyId: 'ed25519:1', publicKey: 'a', validUntilTs: 99 }]);
        expect(await store.getServerKeys('x.org')).toEqual([
          { serverName: 'x.org', keyId: 'ed25519:1', publicKey: 'a', validUntilTs: 99 },
          { serverName: 'x.org', keyId: 'ed25519:2', publicKey: 'b', validUntilTs: 20 },
        ]);
        expect((await store.getServerKeys('x.org', ['ed25519:2'])).map((k) => k.validUntilTs)).toEqual([20]);
        expect(await store.getServerKeys('z.org')).toEqual([]);
        await expect(store.putServerKeys([{ serverName: 'x.org', keyId: 'ed25519:3', publicKey: 'a', validUntilTs: 1.5 }])).rejects.toBeInstanceOf(InvalidArgumentError);
      });

      it('binds aliases once', async () => {
        const store = await open();
        await store.createAlias({ alias: '#a:example.org', roomId: '!r:example.org', creator: '@u:example.org' });
        await store.createAlias({ alias: '#a:example.org', roomId: '!r:example.org', creator: '@u:example.org' });
        await expect(store.createAlias({ alias: '#a:example.org', roomId: '!s:example.org', creator: '@u:example.org' })).rejects.toBeInstanceOf(AlreadyExistsError);
        await store.createAlias({ alias: '#b:example.org', roomId: '!r:example.org', creator: '@u:example.org' });
        expect(await store.getAlias('#a:example.org')).toEqual({ alias: '#a:example.org', roomId: '!r:example.org', creator: '@u:example.org' });
        expect(await store.listAliases('!r:example.org')).toEqual(['#a:example.org', '#b:example.org']);
        expect(await store.deleteAlias('#a:example.org')).toBe(true);
        expect(await store.deleteAlias('#a:example.org')).toBe(false);
        expect(await store.getAlias('#a:example.org')).toBeUndefined();
        await expect(store.createAlias({ alias: 'nope', roomId: '!r:example.org', creator: '@u:example.org' })).rejects.toBeInstanceOf(InvalidArgumentError);
      });

      it('de-duplicates inbound transactions and queues outbound ones with retry state', async () => {
        const store = await open();
        expect(await store.getInboundTransaction('o.org', 't1')).toBeUndefined();
        const first = await store.putInboundTransaction({ origin: 'o.org', txnId: 't1', response: { pdus: { $a: {} } }, receivedTs: 5 });
        const again = await store.putInboundTransaction({ origin: 'o.org', txnId: 't1', response: { pdus: { $a: { error: 'x' } } }, receivedTs: 6 });
        expect(again).toEqual(first);
        expect(await store.getInboundTransaction('o.org', 't1')).toEqual({ origin: 'o.org', txnId: 't1', response: { pdus: { $a: {} } }, receivedTs: 5 });
        expect(await store.getInboundTransaction('p.org', 't1')).toBeUndefined();
        const p1 = await store.enqueueOutbound('d.org', [{ pduIds: ['$a'] }, { edus: [{ edu_type: 'm.typing', content: {} }] }]);
        const p2 = await store.enqueueOutbound('e.org', [{ pduIds: ['$b'] }]);
        const p3 = await store.enqueueOutbound('d.org', [{ pduIds: ['$c'] }]);
        expect(p1[1]).toBeGreaterThan(p1[0]!);
        expect(p3[0]).toBeGreaterThan(p1[1]!);
        expect(p2).toHaveLength(1);
        expect(await store.listOutboundDestinations()).toEqual(['d.org', 'e.org']);
        const queued = await store.peekOutbound('d.org', 10);
        expect(queued).toEqual([
          { position: p1[0], pduIds: ['$a'] },
          { position: p1[1], edus: [{ edu_type: 'm.typing', content: {} }] },
          { position: p3[0], pduIds: ['$c'] },
        ]);
        expect(await store.ackOutbound('d.org', p1[1]!)).toBe(2);
        expect((await store.peekOutbound('d.org', 10)).map((q) => q.pduIds)).toEqual([['$c']]);
        expect(await store.ackOutbound('e.org', p2[0]!)).toBe(1);
        expect(await store.listOutboundDestinations()).toEqual(['d.org']);
        expect(await store.getDestinationRetry('d.org')).toBeUndefined();
        await store.setDestinationRetry('d.org', { failureCount: 2, lastFailureTs: 10, retryAfterTs: 70 });
        expect(await store.getDestinationRetry('d.org')).toEqual({ failureCount: 2, lastFailureTs: 10, retryAfterTs: 70 });
        await store.setDestinationRetry('d.org', undefined);
        expect(await store.getDestinationRetry('d.org')).toBeUndefined();
      });
    });
  });
}

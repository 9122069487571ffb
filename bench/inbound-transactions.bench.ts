// Inbound federation transactions end to end, with every receipt check, on SQLite: server A
// (in this process, SQLite in a temporary folder) has a room in which a user of server B is
// joined; B sends transactions of 50 real signed PDUs (messages, each following the previous
// one) over HTTP to A's PUT /_matrix/federation/v1/send/{txnId}, one transaction in flight as
// the spec's sender does. A authenticates each request (X-Matrix), runs the six receipt
// checks of every PDU (schema, signatures, content hash, auth events, state before, current
// state), persists it and answers. Reported in PDUs per second.
//
// The baseline, measured in the same run over the same PDUs, is the raw cost of the checks
// alone in federation-core: signature verification, content hash and event ID. The ratio
// shows how much of the end-to-end time is the server (HTTP, X-Matrix, JSON, storage, auth).
//
// Bounded: 2,000 measured PDUs (40 transactions) after one warm-up transaction.
//
// Run alone: pnpm bench inbound-transactions
import {
  checkContentHash,
  computeEventId,
  verifyEventSignatures,
  type JsonObject,
  type RoomEvent,
} from '../packages/federation-core/src/index.js';
import { joinRemoteRoom } from '../packages/reference-server/src/federation/remote-join.js';
import { toFederationPdu } from '../packages/reference-server/src/rooms/build-event.js';
import { createTestRoom, createUsers, startTestServer, stopAll, type TestServer } from '../packages/reference-server/test/federation/helpers.js';

const PER_TRANSACTION = 50;
const MEASURED_PDUS = 2000;
const BASELINE_ROUNDS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Builds and persists `count` messages of `sender` on `server` (not sent anywhere), each on the previous one; returns their PDUs. */
async function buildChain(server: TestServer, roomId: string, sender: string, count: number): Promise<{ event: RoomEvent; pdu: JsonObject }[]> {
  const rooms = server.hs.services.rooms;
  const out: { event: RoomEvent; pdu: JsonObject }[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      await rooms.mutex.run(roomId, async () => {
        const ctx = await rooms.requireContext(roomId);
        const event = await rooms.buildLocked(ctx, {
          type: 'm.room.message',
          sender,
          content: { msgtype: 'm.text', body: `benchmark message ${i}: the quick brown fox jumps over the lazy dog` },
        });
        await rooms.persistLocked(roomId, ctx.roomVersion, event, 'accepted', ctx.currentState);
        return { event, pdu: toFederationPdu(event, ctx.roomVersion) };
      }),
    );
  }
  return out;
}

/** Runs the inbound-transaction benchmark and prints PDUs/s with the ratio to the raw checks. */
export async function runInboundTransactionsBench(): Promise<void> {
  const a = await startTestServer();
  const b = await startTestServer();
  try {
    const alice = a.user('alice');
    const bob = b.user('bob');
    await createUsers(a, alice);
    await createUsers(b, bob);
    const roomId = await createTestRoom(a, alice);
    await joinRemoteRoom(b.hs.services, roomId, bob, [a.name]);
    const rv = (await a.hs.services.rooms.requireContext(roomId)).roomVersion;

    const chain = await buildChain(b, roomId, bob, PER_TRANSACTION + MEASURED_PDUS);
    const warmUp = chain.slice(0, PER_TRANSACTION);
    const measured = chain.slice(PER_TRANSACTION);

    let txn = 0;
    const send = async (pdus: { event: RoomEvent; pdu: JsonObject }[]): Promise<void> => {
      const answer = (await b.hs.services.federation.request(a.name, 'PUT', `/_matrix/federation/v1/send/bench${++txn}`, {
        origin: b.name,
        origin_server_ts: Date.now(),
        pdus: pdus.map((p) => p.pdu),
        edus: [],
      })) as { pdus: Record<string, { error?: string }> };
      for (const { event } of pdus) {
        const result = answer.pdus[event.event_id];
        if (result === undefined || result.error !== undefined) throw new Error(`A did not accept ${event.event_id}: ${JSON.stringify(result)}`);
      }
    };

    // Warm-up: A fetches and caches B's server key, the JIT warms the paths.
    await send(warmUp);

    // Baseline: the checks alone, on the same PDUs, with B's key at hand.
    const bKey = b.hs.services.keyRing.signingKey;
    const lookup = (server: string, keyId: string) => (server === b.name && keyId === bKey.keyId ? bKey.publicKey : undefined);
    const checksOnly = async (): Promise<number> => {
      const start = performance.now();
      for (const { pdu } of measured) {
        if (!(await verifyEventSignatures(pdu, rv, lookup)).ok) throw new Error('signature does not verify');
        if (!checkContentHash(pdu, rv)) throw new Error('bad content hash');
        computeEventId(pdu, rv);
      }
      return (measured.length * 1000) / (performance.now() - start);
    };
    const baselineRates: number[] = [];
    for (let r = 0; r < BASELINE_ROUNDS; r++) baselineRates.push(await checksOnly());
    const baseline = median(baselineRates);

    // End to end: 40 transactions of 50 PDUs, one after the other.
    const start = performance.now();
    for (let i = 0; i < measured.length; i += PER_TRANSACTION) await send(measured.slice(i, i + PER_TRANSACTION));
    const elapsed = performance.now() - start;
    const endToEnd = (measured.length * 1000) / elapsed;

    const last = measured[measured.length - 1]!.event;
    if ((await a.hs.services.store.getEvent(last.event_id))?.status !== 'accepted') throw new Error('the last PDU is not accepted on A');

    console.log(`\ninbound transactions, ${measured.length} message PDUs in ${measured.length / PER_TRANSACTION} transactions of ${PER_TRANSACTION}, SQLite, room version ${rv.id} (baseline: checks only)`);
    const row = (name: string, perSecond: number) =>
      console.log(`  ${name.padEnd(52)} ${Math.round(perSecond).toLocaleString('en-US').padStart(14)} PDUs/s  ${(perSecond / baseline).toFixed(2)}x`);
    row('verify + content hash + event ID (baseline)', baseline);
    row('PUT /send end to end over HTTP (all checks, SQLite)', endToEnd);
    console.log(`  ${'per transaction of 50'.padEnd(52)} ${(elapsed / (measured.length / PER_TRANSACTION)).toFixed(1).padStart(14)} ms`);
  } finally {
    await stopAll([a, b]);
  }
}

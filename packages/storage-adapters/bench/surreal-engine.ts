// The embedded SurrealDB engine's own ceiling, for the storage benchmark: only the event rows
// of a batch (in the event table as SurrealStore defines it: its fields, assertion and three
// indexes), inserted with the SDK in one transaction per batch, 100 rows per INSERT: no DAG
// edges, no idempotency or extremity checks, no validation. Whatever SurrealStore does on top
// of this costs more.
import { RecordId, Surreal } from 'surrealdb';
import { createNodeEngines } from '@surrealdb/node';
import type { EventInput } from '../src/index.js';
import { migrations } from '../src/surrealdb/schema.js';

/** SurrealStore's own definition of the event table: its lines of the schema migrations. */
const schema = migrations
  .flatMap((migration) => migration.split('\n'))
  .filter((line) => /\b(TABLE|ON) event\b/.test(line))
  .join('\n');

/** Inserts `events` as bare rows into the engine at `url`; returns events per second. */
export async function engineInsertRate(url: string, events: readonly EventInput[], batchSize: number): Promise<number> {
  const db = new Surreal({ engines: createNodeEngines() });
  await db.connect(url, { namespace: 'bench', database: 'bench' });
  try {
    await db.query(schema).collect();
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += batchSize) {
      const tx = await db.beginTransaction();
      for (let k = i; k < Math.min(events.length, i + batchSize); k += 100) {
        const docs = events.slice(k, Math.min(k + 100, i + batchSize)).map((e, j) => ({
          id: new RecordId('event', e.eventId),
          event_id: e.eventId,
          room_id: e.pdu.room_id,
          room_version: e.roomVersion,
          type: e.pdu.type,
          sender: e.pdu.sender,
          depth: e.pdu.depth,
          stream: k + j + 1,
          status: e.status,
          json: JSON.stringify(e.pdu),
        }));
        await tx.query('INSERT INTO event $docs RETURN NONE', { docs }).collect();
      }
      await tx.commit();
    }
    return (events.length * 1000) / (performance.now() - t0);
  } finally {
    await db.close();
  }
}

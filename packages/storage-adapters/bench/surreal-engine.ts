// The embedded SurrealDB engine's own ceiling, for the storage benchmark: only the event rows
// of a batch (the same fields and the three indexes SurrealStore defines), inserted with the
// SDK in one transaction per batch, 100 rows per INSERT: no DAG edges, no idempotency or
// extremity checks, no validation. Whatever SurrealStore does on top of this costs more.
import { RecordId, Surreal } from 'surrealdb';
import { createNodeEngines } from '@surrealdb/node';
import type { EventInput } from '../src/index.js';

const schema = `
  DEFINE TABLE event SCHEMAFULL;
  DEFINE FIELD event_id ON event TYPE string;
  DEFINE FIELD room_id ON event TYPE string;
  DEFINE FIELD room_version ON event TYPE string;
  DEFINE FIELD type ON event TYPE string;
  DEFINE FIELD sender ON event TYPE string;
  DEFINE FIELD depth ON event TYPE int;
  DEFINE FIELD stream ON event TYPE int;
  DEFINE FIELD status ON event TYPE string;
  DEFINE FIELD json ON event TYPE string;
  DEFINE INDEX event_room_depth ON event FIELDS room_id, depth;
  DEFINE INDEX event_room_stream ON event FIELDS room_id, stream;
  DEFINE INDEX event_stream ON event FIELDS stream UNIQUE;`;

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

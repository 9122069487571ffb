/**
 * The SurrealDB schema, as migrations (internal: not exported from the package).
 *
 * @module
 */
import { auxKinds } from '../adapter.js';

/**
 * The schema migrations, in order: entry `i` takes the database from version `i` to `i + 1`.
 * Never edit a released entry; append a new one.
 */
export const migrations: readonly string[] = [
  `
  DEFINE TABLE event SCHEMAFULL;
  DEFINE FIELD event_id ON event TYPE string;
  DEFINE FIELD room_id ON event TYPE string;
  DEFINE FIELD room_version ON event TYPE string;
  DEFINE FIELD type ON event TYPE string;
  DEFINE FIELD state_key ON event TYPE option<string>;
  DEFINE FIELD sender ON event TYPE string;
  DEFINE FIELD depth ON event TYPE int;
  DEFINE FIELD stream ON event TYPE int;
  DEFINE FIELD status ON event TYPE string ASSERT $value IN ['accepted', 'rejected', 'soft_failed', 'outlier'];
  DEFINE FIELD rejection_reason ON event TYPE option<string>;
  DEFINE FIELD json ON event TYPE string;
  DEFINE FIELD state_group ON event TYPE option<string>;
  DEFINE INDEX event_room_depth ON event FIELDS room_id, depth;
  DEFINE INDEX event_room_stream ON event FIELDS room_id, stream;
  DEFINE INDEX event_stream ON event FIELDS stream UNIQUE;

  DEFINE TABLE edge SCHEMAFULL;
  DEFINE FIELD parent ON edge TYPE string;
  DEFINE FIELD child_id ON edge TYPE string;
  DEFINE FIELD child ON edge TYPE record<event>;
  DEFINE FIELD room_id ON edge TYPE string;
  DEFINE INDEX edge_parent ON edge FIELDS parent;

  DEFINE TABLE fx SCHEMAFULL;
  DEFINE FIELD room_id ON fx TYPE string;
  DEFINE FIELD event_id ON fx TYPE string;
  DEFINE INDEX fx_room ON fx FIELDS room_id;

  DEFINE TABLE state_group SCHEMAFULL;
  DEFINE FIELD group_id ON state_group TYPE string;
  DEFINE FIELD room_id ON state_group TYPE string;
  DEFINE FIELD prev_group ON state_group TYPE option<string>;
  DEFINE FIELD chain_length ON state_group TYPE int;
  DEFINE FIELD delta ON state_group TYPE string;

  DEFINE TABLE current_state SCHEMAFULL;
  DEFINE FIELD room_id ON current_state TYPE string;
  DEFINE FIELD key ON current_state TYPE string;
  DEFINE FIELD event_id ON current_state TYPE string;
  DEFINE INDEX current_state_room ON current_state FIELDS room_id;

  DEFINE TABLE membership SCHEMAFULL;
  DEFINE FIELD room_id ON membership TYPE string;
  DEFINE FIELD user_id ON membership TYPE string;
  DEFINE FIELD membership ON membership TYPE string;
  DEFINE FIELD event_id ON membership TYPE string;
  DEFINE INDEX membership_room ON membership FIELDS room_id;
  DEFINE INDEX membership_user ON membership FIELDS user_id;

  DEFINE TABLE counter SCHEMAFULL;
  DEFINE FIELD value ON counter TYPE int;

  ${auxKinds
    .map(
      (k) => `DEFINE TABLE aux_${k} SCHEMAFULL;
  DEFINE FIELD pk ON aux_${k} TYPE string;
  DEFINE FIELD part ON aux_${k} TYPE string;
  DEFINE FIELD data ON aux_${k} TYPE string;
  DEFINE INDEX aux_${k}_part ON aux_${k} FIELDS part;`,
    )
    .join('\n  ')}
  `,
  // 2: DAG edges keyed by [room, parent, child] (children found by a key range, no index to
  // maintain) and an accepted_child row per [room, parent], so that an insert checks which new
  // events already have an accepted child by direct key lookups instead of a join.
  `
  DEFINE TABLE dag_edge SCHEMAFULL;
  DEFINE TABLE accepted_child SCHEMAFULL;
  INSERT IGNORE INTO dag_edge (SELECT [room_id, parent, child_id] AS id FROM edge) RETURN NONE;
  INSERT IGNORE INTO accepted_child (SELECT [room_id, parent] AS id FROM edge WHERE child.status = 'accepted') RETURN NONE;
  REMOVE TABLE edge;
  `,
];

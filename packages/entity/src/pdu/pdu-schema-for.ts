import type { PduSchemaOptions } from './pdu-fields.js';
import { buildPduV11Schema, pduV11Schema } from './pdu-v11.js';
import { buildPduV12Schema, pduV12Schema } from './pdu-v12.js';
import { buildPduV1Schema, pduV1Schema } from './pdu-v1.js';
import { buildPduV3Schema, pduV3Schema } from './pdu-v3.js';
import { pduV4Schema } from './pdu-v4.js';
import { buildPduV6Schema, pduV6Schema } from './pdu-v6.js';

export type { PduSchemaOptions } from './pdu-fields.js';

/** The schema of one of the PDU formats. */
export type PduSchema =
  | typeof pduV1Schema
  | typeof pduV3Schema
  | typeof pduV4Schema
  | typeof pduV6Schema
  | typeof pduV11Schema
  | typeof pduV12Schema;

/** The PDU format names, after the spec's definitions (`pdu_v1.yaml`, ...). */
export type PduFormat = 'v1' | 'v3' | 'v4' | 'v6' | 'v11' | 'v12';

/**
 * Thrown by {@link pduSchemaFor} for a room version whose event format this package does
 * not know. An unknown room version is never given a default format.
 */
export class UnsupportedPduRoomVersionError extends Error {
  override readonly name = 'UnsupportedPduRoomVersionError';
  constructor(
    /** The room version asked for. */
    readonly roomVersion: unknown,
  ) {
    super(`no PDU format is known for room version ${JSON.stringify(roomVersion)}`);
  }
}

// The rooms/ pages: v1, v2 use pdu_v1; v3 pdu_v3; v4, v5 pdu_v4; v6 to v10 pdu_v6;
// v11 pdu_v11; v12 pdu_v12.
const FORMAT_OF_ROOM_VERSION: Readonly<Record<string, PduFormat>> = Object.freeze({
  '1': 'v1',
  '2': 'v1',
  '3': 'v3',
  '4': 'v4',
  '5': 'v4',
  '6': 'v6',
  '7': 'v6',
  '8': 'v6',
  '9': 'v6',
  '10': 'v6',
  '11': 'v11',
  '12': 'v12',
});

const STRICT: Readonly<Record<PduFormat, PduSchema>> = Object.freeze({
  v1: pduV1Schema,
  v3: pduV3Schema,
  v4: pduV4Schema,
  v6: pduV6Schema,
  v11: pduV11Schema,
  v12: pduV12Schema,
});

let lenient: Readonly<Record<PduFormat, PduSchema>> | undefined;
function lenientSchemas(): Readonly<Record<PduFormat, PduSchema>> {
  const options = { checkReferenceCounts: false };
  lenient ??= Object.freeze({
    v1: buildPduV1Schema(options),
    v3: buildPduV3Schema('v3', options),
    v4: buildPduV3Schema('v4', options),
    v6: buildPduV6Schema(options),
    v11: buildPduV11Schema(options),
    v12: buildPduV12Schema(options),
  });
  return lenient;
}

/**
 * The PDU format of a room version (`'v1'` for room versions 1 and 2, ...).
 *
 * @throws {UnsupportedPduRoomVersionError} for a room version not in the spec's table.
 * @example
 * pduFormatFor('10'); // 'v6'
 * pduFormatFor('12'); // 'v12'
 */
export function pduFormatFor(roomVersionId: string): PduFormat {
  if (typeof roomVersionId === 'string' && Object.hasOwn(FORMAT_OF_ROOM_VERSION, roomVersionId)) {
    return FORMAT_OF_ROOM_VERSION[roomVersionId]!;
  }
  throw new UnsupportedPduRoomVersionError(roomVersionId);
}

/**
 * The schema of PDUs in rooms of the given version.
 *
 * @param options `checkReferenceCounts: false` drops the 10 `auth_events` / 20
 *   `prev_events` limits, as the spec requires for events received through `/backfill`.
 * @throws {UnsupportedPduRoomVersionError} for a room version not in the spec's table.
 * @example
 * const result = pduSchemaFor('10').safeParse(event);
 * if (!result.success) console.log(result.error.issues[0]?.path);
 * pduSchemaFor('org.example.custom'); // throws UnsupportedPduRoomVersionError
 */
export function pduSchemaFor(roomVersionId: string, options: PduSchemaOptions = {}): PduSchema {
  const format = pduFormatFor(roomVersionId);
  return (options.checkReferenceCounts ?? true) ? STRICT[format] : lenientSchemas()[format];
}

export { eventHashesSchema, type EventHashes } from './event-hashes.js';
export { signaturesMapSchema, type SignaturesMap } from './signatures.js';
export { MAX_AUTH_EVENTS, MAX_PDU_BYTES, MAX_PREV_EVENTS, type PduSchemaOptions } from './pdu-fields.js';
export { pduV1Schema, type PduV1 } from './pdu-v1.js';
export { pduV3Schema, type PduV3 } from './pdu-v3.js';
export { pduV4Schema, type PduV4 } from './pdu-v4.js';
export { pduV6Schema, type PduV6 } from './pdu-v6.js';
export { pduV11Schema, type PduV11 } from './pdu-v11.js';
export { pduV12Schema, type PduV12 } from './pdu-v12.js';
export {
  pduFormatFor,
  pduSchemaFor,
  UnsupportedPduRoomVersionError,
  type PduFormat,
  type PduSchema,
} from './pdu-schema-for.js';
export { rawPduSchema, type RawPdu } from './raw-pdu.js';

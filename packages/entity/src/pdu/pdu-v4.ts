import type { z } from 'zod';
import { buildPduV3Schema } from './pdu-v3.js';

/**
 * A PDU in the event format of room versions 4 and 5: the room version 3 format, with
 * event IDs in URL-safe unpadded base64 (`$` + 43 characters of `[A-Za-z0-9_-]`).
 * Canonical JSON is not enforced, so `depth` may reach 2**63 - 1.
 */
// room versions 4, 5: "Event format" (server-server API definitions/pdu_v4.yaml, fragment v4-event-ids)
export const pduV4Schema = buildPduV3Schema('v4');

/** A PDU of room versions 4 and 5. */
export type PduV4 = z.infer<typeof pduV4Schema>;

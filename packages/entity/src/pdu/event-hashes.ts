import { z } from 'zod';

/**
 * Content hashes of a PDU (server-server API: `EventHash`, "Signing Events"): `sha256`
 * holds the unpadded base64 SHA-256 content hash. Other algorithms' keys are kept.
 *
 * The hash is checked to be a string only: per "Checks performed on receipt of a PDU"
 * a PDU whose hash does not match is redacted, not dropped, so a malformed hash must
 * not make the event unparseable.
 */
// server-server API: definitions/components/event_hash.yaml
export const eventHashesSchema = z.looseObject({
  sha256: z.string(),
});

/** Content hashes of a PDU. */
export type EventHashes = z.infer<typeof eventHashesSchema>;

import { z } from 'zod';

/**
 * A signatures map (appendix "Signing JSON"): entity (server name, or user ID for
 * device keys) to key ID to unpadded base64 signature. Only the shape is checked:
 * entries a verifier does not recognise are ignored by it, and every entry is kept.
 */
// appendices: Signing JSON; server-server API: PDU `signatures`, ServerKeys `signatures`
export const signaturesMapSchema = z.record(z.string(), z.record(z.string(), z.string()));

/** A signatures map: entity to key ID to signature. */
export type SignaturesMap = z.infer<typeof signaturesMapSchema>;

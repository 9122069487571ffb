import { z } from 'zod';

/**
 * A PDU whose room version is not yet known: any JSON object, every key kept.
 *
 * Federation bodies carry PDUs without their room version (the spec's body schemas
 * declare them as `type: object`); the receiver validates each one with
 * {@link pduSchemaFor} once it knows the room's version. In a transaction a malformed PDU
 * is dropped on its own, without failing the others, so bodies must not reject it.
 */
// server-server API: the `PDU` items of transactions, state, auth chains, backfill, invites
export const rawPduSchema = z.record(z.string(), z.unknown());

/** A PDU of a room version not yet known. */
export type RawPdu = z.infer<typeof rawPduSchema>;

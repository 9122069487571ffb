import { z } from 'zod';
import { serverNameSchema } from '../identifiers/index.js';
import { eduSchema } from '../edu/index.js';
import { rawPduSchema } from '../pdu/index.js';

/** Most PDUs in a transaction ("Transactions": at most 50 PDUs and 100 EDUs). */
export const MAX_TRANSACTION_PDUS = 50;

/** Most EDUs in a transaction. */
export const MAX_TRANSACTION_EDUS = 100;

/**
 * A transaction, the request body of `PUT /_matrix/federation/v1/send/{txnId}`: the
 * sending server, its timestamp, at most 50 PDUs and at most 100 EDUs (`edus` may be
 * omitted).
 *
 * Each PDU is checked only to be an object and each EDU only for the generic EDU shape:
 * the receiver processes every PDU on its own (with `pduSchemaFor` of its room's
 * version, dropping the malformed ones and reporting them per event ID in the response),
 * so one bad PDU or EDU must not make the whole transaction unparseable. Use
 * `anyEduSchema` to check the content of each EDU.
 */
// server-server API: Transactions; PUT /send/{txnId} request (definitions/transaction.yaml)
export const transactionSchema = z.looseObject({
  origin: serverNameSchema,
  origin_server_ts: z.int(),
  pdus: z.array(rawPduSchema).max(MAX_TRANSACTION_PDUS),
  edus: z.array(eduSchema).max(MAX_TRANSACTION_EDUS).optional(),
});

/** A transaction. */
export type Transaction = z.infer<typeof transactionSchema>;

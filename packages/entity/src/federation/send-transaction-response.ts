import { z } from 'zod';
import { eventIdSchema } from '../identifiers/index.js';

/** How one PDU of a transaction was handled: `error` says what went wrong, absent on success. */
// server-server API: PUT /send/{txnId} 200 `PDU Processing Result`
export const pduProcessingResultSchema = z.looseObject({
  error: z.string().optional(),
});

/** How one PDU of a transaction was handled. */
export type PduProcessingResult = z.infer<typeof pduProcessingResultSchema>;

/** Response of `PUT /_matrix/federation/v1/send/{txnId}`: the result of each PDU, by event ID. */
// server-server API: PUT /send/{txnId} response
export const sendTransactionResponseSchema = z.looseObject({
  pdus: z.record(eventIdSchema, pduProcessingResultSchema),
});

/** Response of `PUT /send/{txnId}`. */
export type SendTransactionResponse = z.infer<typeof sendTransactionResponseSchema>;

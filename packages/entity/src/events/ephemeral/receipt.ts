/**
 * `m.receipt` (client-server "Receipts"): event ID -> receipt type (`m.read`,
 * `m.read.private`) -> user ID -> `{ ts, thread_id }`. Content keys must be event IDs
 * (the schema's `additionalProperties: false`).
 *
 * @module
 */
import { z } from 'zod';
import { eventIdSchema, userIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';
import { integerSchema } from '../common/primitives.js';

/** One user's receipt: when (`ts`) and in which thread (`thread_id`: `main` or a root event ID). */
export const receiptSchema = z.looseObject({
  ts: integerSchema.optional(),
  thread_id: z.string().optional(),
});

/** One user's receipt. */
export type Receipt = z.infer<typeof receiptSchema>;

/** Receipts of one type, by user ID. */
export const receiptsByUserSchema = z.record(userIdSchema, receiptSchema);

/** The receipts for one event, by receipt type. */
export const eventReceiptsSchema = z.looseObject({
  'm.read': receiptsByUserSchema.optional(),
  'm.read.private': receiptsByUserSchema.optional(),
});

/** The receipts for one event, by receipt type. */
export type EventReceipts = z.infer<typeof eventReceiptsSchema>;

/** Content of `m.receipt`. */
export const receiptContentSchema = z.record(eventIdSchema, eventReceiptsSchema);

/** Content of `m.receipt`. */
export type ReceiptContent = z.infer<typeof receiptContentSchema>;

/** An `m.receipt` event as delivered in a room's ephemeral events. */
export const receiptEventSchema = defineBasicEvent('m.receipt', receiptContentSchema);

/** An `m.receipt` event. */
export type ReceiptEvent = z.infer<typeof receiptEventSchema>;

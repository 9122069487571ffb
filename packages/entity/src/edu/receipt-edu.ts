import { z } from 'zod';
import { eventIdSchema, roomIdSchema, userIdSchema } from '../identifiers/index.js';

/** A user's read receipt in an `m.receipt` EDU: exactly one event ID and its metadata. */
// server-server API: Receipts (m.receipt.yaml) `User Read Receipt`
export const userReadReceiptSchema = z.looseObject({
  event_ids: z.array(eventIdSchema).length(1),
  data: z.looseObject({
    ts: z.int(),
    thread_id: z.string().optional(),
  }),
});

/** A user's read receipt. */
export type UserReadReceipt = z.infer<typeof userReadReceiptSchema>;

/**
 * Content of an `m.receipt` EDU: room ID to receipts, each room with `m.read` (user ID to
 * read receipt). Other receipt types are kept unchecked.
 */
// server-server API: Receipts (definitions/event-schemas/m.receipt.yaml) content
export const receiptEduContentSchema = z.record(
  roomIdSchema,
  z.looseObject({
    'm.read': z.record(userIdSchema, userReadReceiptSchema),
  }),
);

/** Content of an `m.receipt` EDU. */
export type ReceiptEduContent = z.infer<typeof receiptEduContentSchema>;

/** An `m.receipt` EDU. */
// server-server API: Receipts (definitions/event-schemas/m.receipt.yaml)
export const receiptEduSchema = z.looseObject({
  edu_type: z.literal('m.receipt'),
  content: receiptEduContentSchema,
});

/** An `m.receipt` EDU. */
export type ReceiptEdu = z.infer<typeof receiptEduSchema>;

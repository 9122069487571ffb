/**
 * `unread_notifications` of a joined room in `GET /_matrix/client/v3/sync`, and each
 * thread's counts in `unread_thread_notifications` (v1.4).
 *
 * @module
 */
import { z } from 'zod';
import { nonNegativeIntField } from './internal-fields.js';

/** Unread notification counts: `highlight_count` and the total `notification_count`. */
export const unreadNotificationCountsSchema = z.looseObject({
  highlight_count: nonNegativeIntField.optional(),
  notification_count: nonNegativeIntField.optional(),
});

/** Unread notification counts. */
export type UnreadNotificationCounts = z.infer<typeof unreadNotificationCountsSchema>;

/**
 * `m.room_key_request` (client-server "m.room_key_request"; `body` is required when `action` is `request`).
 *
 * @module
 */
import { z } from 'zod';
import { deviceIdSchema, roomIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';

/** The key being requested (`body` of `m.room_key_request`). */
export const requestedKeyInfoSchema = z.looseObject({
  algorithm: z.string(),
  room_id: roomIdSchema,
  sender_key: z.string().optional(),
  session_id: z.string(),
});

/** The key being requested. */
export type RequestedKeyInfo = z.infer<typeof requestedKeyInfoSchema>;

/** Content of `m.room_key_request`. */
export const roomKeyRequestContentSchema = z
  .looseObject({
    body: requestedKeyInfoSchema.optional(),
    action: z.enum(['request', 'request_cancellation']),
    requesting_device_id: deviceIdSchema,
    request_id: z.string(),
  })
  .superRefine((content, ctx) => {
    if (content.action === 'request' && content.body === undefined) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'body is required when action is "request"', input: content });
    }
  });

/** Content of `m.room_key_request`. */
export type RoomKeyRequestContent = z.infer<typeof roomKeyRequestContentSchema>;

/** A client-format `m.room_key_request` event. */
export const roomKeyRequestEventSchema = defineBasicEvent('m.room_key_request', roomKeyRequestContentSchema);

/** A client-format `m.room_key_request` event. */
export type RoomKeyRequestEvent = z.infer<typeof roomKeyRequestEventSchema>;

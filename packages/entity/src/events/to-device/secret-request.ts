/**
 * `m.secret.request` (client-server "Secrets", "m.secret.request"; `name` is required when `action` is `request`).
 *
 * @module
 */
import { z } from 'zod';
import { deviceIdSchema } from '../../identifiers/schemas.js';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.secret.request`. */
export const secretRequestContentSchema = z
  .looseObject({
    name: z.string().optional(),
    action: z.enum(['request', 'request_cancellation']),
    requesting_device_id: deviceIdSchema,
    request_id: z.string(),
  })
  .superRefine((content, ctx) => {
    if (content.action === 'request' && content.name === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'name is required when action is "request"', input: content });
    }
  });

/** Content of `m.secret.request`. */
export type SecretRequestContent = z.infer<typeof secretRequestContentSchema>;

/** A client-format `m.secret.request` event. */
export const secretRequestEventSchema = defineBasicEvent('m.secret.request', secretRequestContentSchema);

/** A client-format `m.secret.request` event. */
export type SecretRequestEvent = z.infer<typeof secretRequestEventSchema>;

/**
 * `m.secret.send` (client-server "Secrets", "m.secret.send").
 *
 * @module
 */
import { z } from 'zod';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.secret.send`. */
export const secretSendContentSchema = z.looseObject({
  request_id: z.string(),
  secret: z.string(),
});

/** Content of `m.secret.send`. */
export type SecretSendContent = z.infer<typeof secretSendContentSchema>;

/** A client-format `m.secret.send` event. */
export const secretSendEventSchema = defineBasicEvent('m.secret.send', secretSendContentSchema);

/** A client-format `m.secret.send` event. */
export type SecretSendEvent = z.infer<typeof secretSendEventSchema>;

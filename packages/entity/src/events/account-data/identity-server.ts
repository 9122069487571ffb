/**
 * `m.identity_server` (client-server "Identity server account data"; `base_url` null means none).
 *
 * @module
 */
import { z } from 'zod';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.identity_server`. */
export const identityServerContentSchema = z.looseObject({
  base_url: z.string().nullable().optional(),
});

/** Content of `m.identity_server`. */
export type IdentityServerContent = z.infer<typeof identityServerContentSchema>;

/** A client-format `m.identity_server` event. */
export const identityServerEventSchema = defineBasicEvent('m.identity_server', identityServerContentSchema);

/** A client-format `m.identity_server` event. */
export type IdentityServerEvent = z.infer<typeof identityServerEventSchema>;

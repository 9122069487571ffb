/**
 * `PUT /_matrix/client/v3/rooms/{roomId}/typing/{userId}` request body (client-server
 * "Typing Notifications"). The 200 response is {@link emptyResponseSchema}.
 *
 * @module
 */
import { z } from 'zod';
import { nonNegativeIntField } from './internal-fields.js';

/**
 * Typing state: `typing`, and `timeout`, the milliseconds to mark the user as typing
 * ("If `false`, the `timeout` key can be omitted", so it is required with `true`).
 */
export const typingRequestSchema = z
  .looseObject({
    typing: z.boolean(),
    timeout: nonNegativeIntField.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.typing && body.timeout === undefined) {
      ctx.addIssue({ code: 'custom', path: ['timeout'], message: 'required when typing is true', input: body });
    }
  });

/** Typing state request body. */
export type TypingRequest = z.infer<typeof typingRequestSchema>;

import { z } from 'zod';
import { membershipTemplateShape, stateKeyIsSender } from './membership-event-template.js';

/**
 * Response of `GET /_matrix/federation/v1/make_leave/{roomId}/{userId}`: the room version
 * (absent means "1" or "2") and an unsigned leave event template (required here, as for
 * `make_join`).
 */
// server-server API: GET /make_leave/{roomId}/{userId} (v1) response
export const makeLeaveResponseSchema = z.looseObject({
  room_version: z.string().optional(),
  event: z.looseObject(membershipTemplateShape('leave')).superRefine(stateKeyIsSender),
});

/** Response of `GET /make_leave`. */
export type MakeLeaveResponse = z.infer<typeof makeLeaveResponseSchema>;

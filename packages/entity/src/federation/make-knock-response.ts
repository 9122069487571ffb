import { z } from 'zod';
import { membershipTemplateShape, stateKeyIsSender } from './membership-event-template.js';

/**
 * Response of `GET /_matrix/federation/v1/make_knock/{roomId}/{userId}`: the room version
 * (required: knocking exists from room version 7) and an unsigned knock event template.
 */
// server-server API: GET /make_knock/{roomId}/{userId} (v1) response
export const makeKnockResponseSchema = z.looseObject({
  room_version: z.string(),
  event: z.looseObject(membershipTemplateShape('knock')).superRefine(stateKeyIsSender),
});

/** Response of `GET /make_knock`. */
export type MakeKnockResponse = z.infer<typeof makeKnockResponseSchema>;

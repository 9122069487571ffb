import { z } from 'zod';
import { membershipTemplateShape, stateKeyIsSender } from './membership-event-template.js';

/** Request body of `PUT /_matrix/federation/v1/send_knock/{roomId}/{eventId}`: the signed knock event. */
// server-server API: PUT /send_knock/{roomId}/{eventId} (v1) request
export const sendKnockRequestSchema = z.looseObject(membershipTemplateShape('knock')).superRefine(stateKeyIsSender);

/** Request body of `PUT /send_knock`. */
export type SendKnockRequest = z.infer<typeof sendKnockRequestSchema>;

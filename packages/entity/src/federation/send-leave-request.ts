import { z } from 'zod';
import { membershipTemplateShape, stateKeyIsSender } from './membership-event-template.js';

/**
 * Request body of `PUT /_matrix/federation/v2/send_leave/{roomId}/{eventId}`: the signed
 * leave event. `depth` "must be present but is ignored; it may be 0".
 */
// server-server API: PUT /send_leave/{roomId}/{eventId} (v2) request
export const sendLeaveRequestSchema = z
  .looseObject({ ...membershipTemplateShape('leave'), depth: z.int() })
  .superRefine(stateKeyIsSender);

/** Request body of `PUT /send_leave` (v2). */
export type SendLeaveRequest = z.infer<typeof sendLeaveRequestSchema>;

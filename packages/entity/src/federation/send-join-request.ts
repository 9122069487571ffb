import { z } from 'zod';
import { membershipTemplateShape, stateKeyIsSender } from './membership-event-template.js';

/**
 * Request body of `PUT /_matrix/federation/v2/send_join/{roomId}/{eventId}`: the signed
 * join event (in the room version's full PDU format; the fields named here are checked,
 * the rest kept). Type `m.room.member`, `membership` `join`, `state_key` equal to `sender`.
 */
// server-server API: PUT /send_join/{roomId}/{eventId} (v2) request
export const sendJoinRequestSchema = z.looseObject(membershipTemplateShape('join')).superRefine(stateKeyIsSender);

/** Request body of `PUT /send_join` (v2). */
export type SendJoinRequest = z.infer<typeof sendJoinRequestSchema>;

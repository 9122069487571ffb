import { z } from 'zod';
import { serverNameSchema } from '../identifiers/index.js';
import { rawPduSchema } from '../pdu/index.js';

/**
 * Response of `PUT /_matrix/federation/v2/send_join/{roomId}/{eventId}`: the room state
 * before the join and its auth chain (PDUs in the room version's format), the join event
 * as signed by the resident server (restricted rooms), and with `omit_members` the
 * partial-state fields. `servers_in_room` is required when `members_omitted` is true.
 */
// server-server API: PUT /send_join/{roomId}/{eventId} (v2) response
export const sendJoinResponseSchema = z
  .looseObject({
    auth_chain: z.array(rawPduSchema),
    state: z.array(rawPduSchema),
    event: rawPduSchema.optional(),
    members_omitted: z.boolean().optional(),
    servers_in_room: z.array(serverNameSchema).optional(),
  })
  .superRefine((body, ctx) => {
    // "**Required** if `members_omitted` is true."
    if (body.members_omitted === true && body.servers_in_room === undefined) {
      ctx.addIssue({ code: 'custom', path: ['servers_in_room'], message: 'servers_in_room is required when members_omitted is true' });
    }
  });

/** Response of `PUT /send_join` (v2). */
export type SendJoinResponse = z.infer<typeof sendJoinResponseSchema>;

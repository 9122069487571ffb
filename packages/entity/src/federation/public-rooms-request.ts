import { z } from 'zod';

/**
 * Request body of `POST /_matrix/federation/v1/publicRooms`: paging, a filter (search
 * term; room types, `null` meaning rooms without a type) and network selection. An empty
 * object asks for the defaults.
 */
// server-server API: POST /publicRooms request
export const federationPublicRoomsRequestSchema = z.looseObject({
  limit: z.int().min(0).optional(),
  since: z.string().optional(),
  filter: z
    .looseObject({
      generic_search_term: z.string().optional(),
      room_types: z.array(z.string().nullable()).optional(),
    })
    .optional(),
  include_all_networks: z.boolean().optional(),
  third_party_instance_id: z.string().optional(),
});

/** Request body of `POST /publicRooms` over federation. */
export type FederationPublicRoomsRequest = z.infer<typeof federationPublicRoomsRequestSchema>;

/**
 * A third-party invite of `POST /createRoom` `invite_3pid` and
 * `POST /rooms/{roomId}/invite` (definitions/invite_3pid.yaml).
 *
 * @module
 */
import { z } from 'zod';

/**
 * A third party to invite: the identity server (`id_server`, hostname and port), an
 * `id_access_token` registered with it, the `medium` (e.g. `email`) and the `address`.
 */
export const invite3pidSchema = z.looseObject({
  id_server: z.string().min(1),
  id_access_token: z.string().min(1),
  medium: z.string().min(1),
  address: z.string().min(1),
});

/** A third party to invite. */
export type Invite3pid = z.infer<typeof invite3pidSchema>;

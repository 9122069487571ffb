import { z } from 'zod';
import { userIdSchema } from '../identifiers/index.js';

/** One user's presence update in an `m.presence` EDU. */
// server-server API: Presence (m.presence.yaml) `User Presence Update`
export const userPresenceUpdateSchema = z.looseObject({
  user_id: userIdSchema,
  presence: z.enum(['offline', 'unavailable', 'online']),
  status_msg: z.string().optional(),
  last_active_ago: z.int().min(0),
  currently_active: z.boolean().optional(),
});

/** One user's presence update. */
export type UserPresenceUpdate = z.infer<typeof userPresenceUpdateSchema>;

/** Content of an `m.presence` EDU: the presence updates pushed to the receiver. */
// server-server API: Presence (definitions/event-schemas/m.presence.yaml) content
export const presenceEduContentSchema = z.looseObject({
  push: z.array(userPresenceUpdateSchema),
});

/** Content of an `m.presence` EDU. */
export type PresenceEduContent = z.infer<typeof presenceEduContentSchema>;

/** An `m.presence` EDU. */
// server-server API: Presence (definitions/event-schemas/m.presence.yaml)
export const presenceEduSchema = z.looseObject({
  edu_type: z.literal('m.presence'),
  content: presenceEduContentSchema,
});

/** An `m.presence` EDU. */
export type PresenceEdu = z.infer<typeof presenceEduSchema>;

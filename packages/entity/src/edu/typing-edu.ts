import { z } from 'zod';
import { roomIdSchema, userIdSchema } from '../identifiers/index.js';

/** Content of an `m.typing` EDU: a user's typing status in a room. */
// server-server API: Typing Notifications (definitions/event-schemas/m.typing.yaml) content
export const typingEduContentSchema = z.looseObject({
  room_id: roomIdSchema,
  user_id: userIdSchema,
  typing: z.boolean(),
});

/** Content of an `m.typing` EDU. */
export type TypingEduContent = z.infer<typeof typingEduContentSchema>;

/** An `m.typing` EDU. */
// server-server API: Typing Notifications (definitions/event-schemas/m.typing.yaml)
export const typingEduSchema = z.looseObject({
  edu_type: z.literal('m.typing'),
  content: typingEduContentSchema,
});

/** An `m.typing` EDU. */
export type TypingEdu = z.infer<typeof typingEduSchema>;

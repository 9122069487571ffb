import { z } from 'zod';

/**
 * An Ephemeral Data Unit of any type: `edu_type` and a `content` object. This is the
 * shape a transaction's `edus` items must have; {@link anyEduSchema} also checks the
 * content of the EDU types the spec defines.
 */
// server-server API: EDUs (definitions/edu.yaml)
export const eduSchema = z.looseObject({
  edu_type: z.string(),
  content: z.record(z.string(), z.unknown()),
});

/** An EDU of any type. */
export type Edu = z.infer<typeof eduSchema>;

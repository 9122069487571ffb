/**
 * The `m.text` content block (event schemas components/m_text_content_block): an array of
 * representations of a text, each with an optional mimetype (default `text/plain`).
 *
 * @module
 */
import { z } from 'zod';

/** One representation of a text. */
export const textRepresentationSchema = z.looseObject({
  mimetype: z.string().optional(),
  body: z.string(),
});

/** An `m.text` content block. */
export const textContentBlockSchema = z.array(textRepresentationSchema);

/** An `m.text` content block. */
export type TextContentBlock = z.infer<typeof textContentBlockSchema>;

import type { ZodType } from 'zod';

/**
 * How one spec example is checked: the schema it must parse with (losslessly), or a
 * reviewed exclusion with its reason.
 */
export type ExampleMapping = ZodType | { readonly excluded: string };

/** A family's map from example id (see spec-data.ts) to its mapping. */
export type ExampleMap = Readonly<Record<string, ExampleMapping>>;

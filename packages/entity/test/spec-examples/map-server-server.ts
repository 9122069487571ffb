import type { ExampleMap } from './mapping.js';

/** Spec examples of this family, mapped to their schemas. */
export const serverServerExampleMap: ExampleMap = {};

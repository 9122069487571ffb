import type { ExampleMap } from './mapping.js';

/** Spec examples of this family, mapped to their schemas. */
export const clientServerExampleMap: ExampleMap = {};

/** The client-server API files whose endpoints the entity package covers; every example in them must be mapped. */
export const coveredClientServerFiles: readonly string[] = [];

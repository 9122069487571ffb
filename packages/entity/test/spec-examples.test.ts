/**
 * Walks every example of the vendored spec data (event schemas, the server-server API,
 * and the client-server API files the package covers), resolves its `$ref`s, maps it to
 * its schema and parses it losslessly. An example with no mapping fails, unless it
 * stands in the reviewed exclusion list with a reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { coveredClientServerFiles, clientServerExampleMap } from './spec-examples/map-client-server.js';
import { eventsExampleMap } from './spec-examples/map-events.js';
import { serverServerExampleMap } from './spec-examples/map-server-server.js';
import type { ExampleMap } from './spec-examples/mapping.js';
import { apiExamples, apiFamilyFiles, eventExamples, type SpecExample } from './spec-examples/spec-data.js';

const families: Array<[string, SpecExample[], ExampleMap]> = [
  ['event schemas', eventExamples(), eventsExampleMap],
  ['server-server API', apiFamilyFiles('server-server').flatMap(apiExamples), serverServerExampleMap],
  ['client-server API', coveredClientServerFiles.flatMap(apiExamples), clientServerExampleMap],
];

const counts = { parsed: 0, excluded: 0 };

describe.each(families)('spec examples: %s', (_family, examples, map) => {
  it.each(examples.map((e) => [e.id, e] as const))('%s', (_id, example) => {
    const mapping = map[example.id];
    expect(mapping, `no schema mapped for spec example "${example.id}"`).toBeDefined();
    if (mapping === undefined) return;
    if ('excluded' in mapping) {
      expect(mapping.excluded.length).toBeGreaterThan(10);
      counts.excluded++;
      return;
    }
    const result = mapping.safeParse(example.value);
    expect(result.error?.issues ?? []).toEqual([]);
    // Lossless: nothing the example holds is stripped, renamed or reordered away.
    expect(result.data).toStrictEqual(example.value);
    counts.parsed++;
  });

  it('maps no example that does not exist', () => {
    const ids = new Set(examples.map((e) => e.id));
    expect(Object.keys(map).filter((id) => !ids.has(id))).toEqual([]);
  });
});

afterAll(() => {
  console.log(`spec examples: ${counts.parsed} parsed against their schemas, ${counts.excluded} excluded with a reason`);
});

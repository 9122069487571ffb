/**
 * Test helpers for the client-server and error schemas: the paths of the issues a parse
 * reports, and the request examples the spec puts inside request body schemas.
 */
import { expect } from 'vitest';
import type { ZodType } from 'zod';
import { loadSpecDocument, resolveRefs } from '../spec-examples/spec-data.js';

/** The issue paths (joined with `.`) of parsing `value`; empty when it parses. */
export function issuePaths(schema: ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return (result.error?.issues ?? []).map((issue) => issue.path.map(String).join('.'));
}

/** Asserts that `value` is rejected with an issue at `path` (and only issues there). */
export function expectRejectedAt(schema: ZodType, value: unknown, path: string): void {
  const paths = issuePaths(schema, value);
  expect(paths.length, `expected a rejection at "${path}"`).toBeGreaterThan(0);
  expect([...new Set(paths)]).toEqual([path]);
}

/** Asserts that `value` parses and that the result deep-equals it (lossless). */
export function expectLossless(schema: ZodType, value: unknown): void {
  const result = schema.safeParse(value);
  expect(result.error?.issues ?? []).toEqual([]);
  expect(result.data).toStrictEqual(value);
}

/**
 * The request body example the spec gives inside the request schema of an operation
 * (`requestBody.content.application/json.schema.example`), or undefined.
 */
export function requestSchemaExample(file: string, method: string, path: string): unknown {
  const doc = loadSpecDocument(file) as { paths: Record<string, Record<string, unknown>> };
  const op = resolveRefs(doc.paths[path]?.[method], file) as {
    requestBody?: { content?: { 'application/json'?: { schema?: { example?: unknown } } } };
  };
  return op.requestBody?.content?.['application/json']?.schema?.example;
}

/**
 * Reads the vendored Matrix spec data (vendor/matrix-spec/data) for tests: YAML and JSON
 * documents, `$ref` resolution, and every example they hold.
 *
 * `$ref` follows the spec tooling's convention: the referenced document (a file path
 * relative to the referring file, optionally with a `#/json/pointer`) is resolved
 * recursively, and sibling keys next to `$ref` override its top-level keys.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/** Absolute path of the vendored `data/` folder. */
export const SPEC_DATA_DIR = fileURLToPath(new URL('../../../../vendor/matrix-spec/data', import.meta.url));

const cache = new Map<string, unknown>();

/** Parses a document of the spec data by its path relative to `data/`. */
export function loadSpecDocument(rel: string): unknown {
  let doc = cache.get(rel);
  if (doc === undefined) {
    const text = readFileSync(join(SPEC_DATA_DIR, rel), 'utf8');
    doc = rel.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    cache.set(rel, doc);
  }
  return doc;
}

function pointer(doc: unknown, fragment: string): unknown {
  let node = doc;
  for (const raw of fragment.split('/').filter((s) => s.length > 0)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) {
      throw new Error(`unresolvable JSON pointer #${fragment}`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Resolves every `$ref` inside `value`, which was read from the document at `fromRel`.
 * Cycles in schema definitions are cut after `maxDepth` levels of references.
 */
export function resolveRefs(value: unknown, fromRel: string, depth = 0): unknown {
  if (depth > 40) throw new Error(`$ref nesting too deep at ${fromRel}`);
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, fromRel, depth));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  let base: Record<string, unknown> = {};
  let result: unknown;
  if (typeof obj.$ref === 'string') {
    const [file, fragment] = obj.$ref.split('#') as [string, string | undefined];
    const targetRel = file === '' ? fromRel : relative(SPEC_DATA_DIR, join(SPEC_DATA_DIR, dirname(fromRel), file));
    let target = loadSpecDocument(targetRel);
    if (fragment) target = pointer(target, fragment);
    result = resolveRefs(target, targetRel, depth + 1);
    if (result === null || typeof result !== 'object' || Array.isArray(result)) {
      if (Object.keys(obj).length === 1) return result;
      throw new Error(`$ref ${obj.$ref} in ${fromRel} with siblings is not an object`);
    }
    base = { ...(result as Record<string, unknown>) };
  }
  for (const [k, v] of Object.entries(obj)) {
    if (k === '$ref') continue;
    base[k] = resolveRefs(v, fromRel, depth);
  }
  return base;
}

/** One example found in the spec data. */
export interface SpecExample {
  /** Stable identifier: the file, and for API files the operation and the part. */
  readonly id: string;
  /** The file relative to `data/`. */
  readonly file: string;
  /** The example with its `$ref`s resolved. */
  readonly value: unknown;
}

/** Every example of `event-schemas/examples` (not its `core/` building blocks). */
export function eventExamples(): SpecExample[] {
  const dir = 'event-schemas/examples';
  return readdirSync(join(SPEC_DATA_DIR, dir))
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = `${dir}/${f}`;
      return { id: file, file, value: resolveRefs(loadSpecDocument(file), file) };
    });
}

function jsonExamplesOf(content: unknown): Array<[string, unknown]> {
  if (content === null || typeof content !== 'object') return [];
  const json = (content as Record<string, unknown>)['application/json'];
  if (json === null || typeof json !== 'object') return [];
  const media = json as Record<string, unknown>;
  const found: Array<[string, unknown]> = [];
  if ('example' in media) found.push(['example', media.example]);
  if (media.examples && typeof media.examples === 'object') {
    for (const [name, ex] of Object.entries(media.examples as Record<string, unknown>)) {
      if (ex && typeof ex === 'object' && 'value' in ex) found.push([name, (ex as { value: unknown }).value]);
    }
  }
  return found;
}

/**
 * Every JSON request and response example of the operations of an OpenAPI file
 * (`api/server-server/joins-v2.yaml`, ...). The id is
 * `<file> <METHOD> <path> request|<status> <example name>`.
 */
export function apiExamples(file: string): SpecExample[] {
  const doc = loadSpecDocument(file) as { paths?: Record<string, Record<string, unknown>> };
  const out: SpecExample[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, rawOp] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      const op = resolveRefs(rawOp, file) as {
        requestBody?: { content?: unknown };
        responses?: Record<string, { content?: unknown }>;
      };
      const where = `${file} ${method.toUpperCase()} ${path}`;
      for (const [name, value] of jsonExamplesOf(op.requestBody?.content)) {
        out.push({ id: `${where} request ${name}`, file, value });
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        for (const [name, value] of jsonExamplesOf(response?.content)) {
          out.push({ id: `${where} ${status} ${name}`, file, value });
        }
      }
    }
  }
  return out;
}

/** Every example of every OpenAPI file in `api/<family>/` (e.g. `server-server`). */
export function apiFamilyFiles(family: string): string[] {
  return readdirSync(join(SPEC_DATA_DIR, 'api', family))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `api/${family}/${f}`);
}

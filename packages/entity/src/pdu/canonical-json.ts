/**
 * Canonical-JSON helpers for the PDU schemas (internal: `@maxtryx/federation-core` owns
 * the canonical-JSON encoder, and this package must not depend on it).
 *
 * Appendix "Canonical JSON": the shortest UTF-8 encoding, keys sorted by code point,
 * numbers integers in `[-(2**53)+1, (2**53)-1]` without exponent or fraction, no `-0`.
 *
 * @module
 */
import { utf8ByteLength } from '../identifiers/index.js';

/** The smallest and largest integers canonical JSON allows (appendix "Canonical JSON"). */
export const CANONICAL_JSON_MAX_INTEGER = Number.MAX_SAFE_INTEGER;

/**
 * Byte length of `value` encoded as canonical JSON (UTF-8), computed without building
 * the string. Sorting the keys changes the order of bytes, not their number, so the
 * keys are not sorted here. Strings are escaped as `JSON.stringify` escapes them, which
 * is the canonical escaping (`\b \t \n \f \r \" \\`, other C0 controls as `\u00xx`,
 * nothing else). Keys whose value is `undefined` are skipped, as JSON would.
 */
export function canonicalJsonByteLength(value: unknown): number {
  if (value === null) return 4;
  switch (typeof value) {
    case 'boolean':
      return value ? 4 : 5;
    case 'number':
      return JSON.stringify(value).length;
    case 'string':
      return utf8ByteLength(JSON.stringify(value));
    case 'object': {
      if (Array.isArray(value)) {
        let total = 2 + Math.max(0, value.length - 1);
        for (const item of value) total += canonicalJsonByteLength(item ?? null);
        return total;
      }
      let total = 2;
      let members = 0;
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        if (item === undefined) continue;
        total += utf8ByteLength(JSON.stringify(key)) + 1 + canonicalJsonByteLength(item);
        members++;
      }
      return total + Math.max(0, members - 1);
    }
    default:
      // Not a JSON value (undefined, function, bigint, symbol): the schemas reject it elsewhere.
      return 0;
  }
}

/** A number that canonical JSON cannot carry, and where it is. */
export interface NonCanonicalNumber {
  /** Path from the checked value to the number. */
  readonly path: ReadonlyArray<string | number>;
  /** Why it is not allowed. */
  readonly reason: string;
}

/**
 * The numbers inside `value` that canonical JSON forbids: fractions, integers outside
 * `[-(2**53)+1, (2**53)-1]`, and `-0`. Stops after `limit` findings.
 */
export function nonCanonicalNumbers(value: unknown, limit = 10): NonCanonicalNumber[] {
  const found: NonCanonicalNumber[] = [];
  const walk = (node: unknown, path: Array<string | number>): void => {
    if (found.length >= limit) return;
    if (typeof node === 'number') {
      if (!Number.isInteger(node)) found.push({ path: [...path], reason: `${node} is not an integer` });
      else if (Math.abs(node) > CANONICAL_JSON_MAX_INTEGER) {
        found.push({ path: [...path], reason: `${node} is outside [-(2**53)+1, (2**53)-1]` });
      } else if (Object.is(node, -0)) found.push({ path: [...path], reason: '-0 must not appear' });
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    for (const [key, item] of Object.entries(node as Record<string, unknown>)) walk(item, [...path, key]);
  };
  walk(value, []);
  return found;
}

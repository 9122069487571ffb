/**
 * Matrix canonical JSON (spec: appendices, "Signing JSON" > "Canonical JSON").
 *
 * The encoding is the shortest UTF-8 JSON text with object keys sorted by Unicode
 * code point, no insignificant whitespace, only the escapes the grammar allows,
 * and numbers that are integers in `[-(2**53)+1, (2**53)-1]`.
 *
 * Decisions where the spec leaves the JavaScript mapping open:
 * - `-0` is encoded as `0` (the spec's own example turns `-0` into `0`; `-0` "MUST NOT appear").
 * - An object member whose value is `undefined` is omitted, as `JSON.stringify` does and as
 *   the value would travel on the wire; `undefined` as the whole value or as an array
 *   element (including a hole in a sparse array) is an error.
 * - Only plain objects (prototype `Object.prototype` or `null`) and arrays are accepted:
 *   `Date`, `Map`, typed arrays, boxed primitives and class instances are errors, and
 *   `toJSON` is never called. Symbol-keyed and non-enumerable properties are ignored.
 * - Functions, symbols and (in strict mode) bigints are errors.
 * - Nesting deeper than {@link CanonicalJsonOptions.maxDepth} (default 512) is an error,
 *   which is also how a cycle is first noticed; the error then says `cycle`.
 *
 * @module
 */
import type { RoomVersion } from '../room-versions/room-version.js';

/** Why a value has no canonical JSON encoding. */
export type CanonicalJsonErrorReason =
  /** A number with a fractional part (floats are not permitted, strict mode). */
  | 'not-an-integer'
  /** An integer outside `[-(2**53)+1, (2**53)-1]` (strict mode). */
  | 'integer-out-of-range'
  /** `NaN`, `Infinity` or `-Infinity` (never representable in JSON). */
  | 'non-finite-number'
  /** `undefined`, a function, a symbol, or a bigint in strict mode. */
  | 'unsupported-value'
  /** An object that is not a plain object or array (`Date`, `Map`, class instance, ...). */
  | 'not-plain-object'
  /** A string or key containing an unpaired UTF-16 surrogate (not a Unicode scalar value). */
  | 'lone-surrogate'
  /** An object or array that contains itself. */
  | 'cycle'
  /** Nesting deeper than the configured maximum depth. */
  | 'too-deep';

/** Options of {@link canonicalJson}. */
export interface CanonicalJsonOptions {
  /**
   * `'strict'` (default): the spec's rule, integers in `[-(2**53)+1, (2**53)-1]` only.
   * `'lenient'`: also finite floats, integers outside that range and bigints, for events of
   * room versions 1 to 5, which "might not be fully compliant" (spec: appendices, warning
   * under "Canonical JSON"; `rooms/fragments/v1-canonical-json.md`). Numbers are then
   * written in JavaScript's shortest round-trip form (`1.5`, `1e+21`), bigints in decimal.
   */
  numbers?: 'strict' | 'lenient';
  /** The deepest nesting of arrays and objects accepted (the outermost container is depth 1). Default 512. */
  maxDepth?: number;
}

/** A value has no canonical JSON encoding. `path` names where (e.g. `content.body`, `prev_events[0]`; `''` is the root). */
export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
  /** Where the offending value is, as `a.b[2]` (keys that are not identifier-like are written `["k"]`); `''` for the root. */
  readonly path: string;
  /** What is wrong. */
  readonly reason: CanonicalJsonErrorReason;

  /** Creates the error; `message` is derived from `reason` and `path` when omitted. */
  constructor(reason: CanonicalJsonErrorReason, path: string, message?: string, options?: { cause?: unknown }) {
    super(message ?? `cannot encode as canonical JSON at ${path === '' ? 'the root' : path}: ${reason}`, options);
    this.reason = reason;
    this.path = path;
  }
}

/** The default of {@link CanonicalJsonOptions.maxDepth}. */
export const DEFAULT_CANONICAL_JSON_MAX_DEPTH = 512;

/**
 * The canonical JSON options for events of a room version: strict numbers from v6
 * (`rooms/fragments/v6-canonical-json.md`), lenient numbers in v1 to v5.
 *
 * @example
 * ```ts
 * canonicalJson(event, canonicalJsonOptionsFor(getRoomVersion('5'))); // tolerates floats
 * ```
 */
export function canonicalJsonOptionsFor(roomVersion: Pick<RoomVersion, 'strictCanonicalJson'>): CanonicalJsonOptions {
  return roomVersion.strictCanonicalJson ? STRICT : LENIENT;
}

const STRICT: CanonicalJsonOptions = Object.freeze({ numbers: 'strict' });
const LENIENT: CanonicalJsonOptions = Object.freeze({ numbers: 'lenient' });

/**
 * Encodes `value` as Matrix canonical JSON (spec: appendices, "Canonical JSON").
 * Throws {@link CanonicalJsonError} when the value has no canonical encoding.
 *
 * @example
 * ```ts
 * canonicalJson({ b: '2', a: '1' }); // '{"a":"1","b":"2"}'
 * canonicalJson({ a: 1.5 }); // throws CanonicalJsonError (reason 'not-an-integer', path 'a')
 * ```
 */
export function canonicalJson(value: unknown, options?: CanonicalJsonOptions): string {
  return encodeTop(value, options, false);
}

const encoder = new TextEncoder();

/**
 * {@link canonicalJson} encoded as UTF-8 bytes: what is signed and hashed.
 *
 * @example
 * ```ts
 * canonicalJsonBytes({ a: '日' }); // Uint8Array of '{"a":"日"}' in UTF-8 (10 bytes)
 * ```
 */
export function canonicalJsonBytes(value: unknown, options?: CanonicalJsonOptions): Uint8Array {
  return encoder.encode(encodeTop(value, options, false));
}

/**
 * The canonical JSON of `value` without its top-level `signatures` and `unsigned` members
 * (spec: appendices, "Signing Details"): what a signature covers. Same as removing the two
 * keys first, without copying the object.
 *
 * @example
 * ```ts
 * canonicalJsonForSigning({ a: 1, signatures: {}, unsigned: { age: 3 } }); // '{"a":1}'
 * ```
 */
export function canonicalJsonForSigning(value: unknown, options?: CanonicalJsonOptions): string {
  return encodeTop(value, options, true);
}

// ---------------------------------------------------------------------------------------------
// Implementation.
//
// Fast path: `prep` validates the value and returns it unchanged when every object's keys are
// already in canonical order as `Object.keys` lists them (the order `JSON.stringify` writes),
// or else a copy whose objects were re-created with their keys inserted in canonical order.
// One native `JSON.stringify` call then writes the result: for well-formed strings it escapes
// exactly as the canonical grammar requires (`\"`, `\\`, `\b \t \n \f \r`, other controls as
// lowercase `\u00xx`, everything else raw, including U+007F and U+2028/U+2029), it writes `-0`
// as `0`, and safe integers without exponent. Where insertion order cannot express the
// canonical order (keys that look like array indices are always enumerated first) or a bigint
// is present, `encode` concatenates instead. Any invalid value throws the BAIL sentinel; the slow
// `diagnose` walk then finds the first problem in canonical order and names its path.
// ---------------------------------------------------------------------------------------------

const BAIL: unique symbol = Symbol('bail');

/** Matches any UTF-16 surrogate code unit. A string without one is well-formed and sorts the same by code unit and by code point. */
const SURROGATE = /[\ud800-\udfff]/;

let lenient = false;
let maxDepth = DEFAULT_CANONICAL_JSON_MAX_DEPTH;
/** Set when some key contains a surrogate pair: keys then need the code-point comparator. */
let astralKeys = false;
/** Set when `JSON.stringify` cannot write the prepared value canonically (bigint, index-like keys in a re-created object). */
let manual = false;

const objectProto = Object.prototype;

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === objectProto || proto === null;
}

const hasIsWellFormed = typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether `s` has no unpaired UTF-16 surrogate, i.e. is a sequence of Unicode scalar values
 * that UTF-8 can encode.
 *
 * @example
 * ```ts
 * isWellFormedString('😀'); // true
 * isWellFormedString('\ud83d'); // false
 * ```
 */
export function isWellFormedString(s: string): boolean {
  return hasIsWellFormed ? (s as string & { isWellFormed(): boolean }).isWellFormed() : !LONE_SURROGATE.test(s);
}

function encodeTop(value: unknown, options: CanonicalJsonOptions | undefined, forSigning: boolean): string {
  lenient = options?.numbers === 'lenient';
  maxDepth = options?.maxDepth ?? DEFAULT_CANONICAL_JSON_MAX_DEPTH;
  astralKeys = false;
  manual = false;
  try {
    let prepared: unknown;
    if (forSigning) {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlainObject(value)) throw BAIL;
      prepared = prepObject(value as Record<string, unknown>, 0, true);
    } else {
      prepared = prep(value, 0);
    }
    if (!manual) return JSON.stringify(prepared);
    return forSigning ? encodeObject(value as Record<string, unknown>, 1, true) : encode(value, 0);
  } catch (e) {
    if (e !== BAIL) throw e;
    diagnose(value, forSigning);
    /* c8 ignore next */
    throw new CanonicalJsonError('unsupported-value', '', 'internal error: canonical JSON fast path failed without a diagnosis');
  }
}

/** Validates `v`; returns it, or a copy with objects re-created in canonical key order. Throws BAIL on any problem. */
function prep(v: unknown, depth: number): unknown {
  switch (typeof v) {
    case 'string':
      if (!isWellFormedString(v)) throw BAIL;
      return v;
    case 'number':
      if (!Number.isSafeInteger(v) && !(lenient && Number.isFinite(v))) throw BAIL;
      return v;
    case 'boolean':
      return v;
    case 'bigint':
      if (!lenient) throw BAIL;
      manual = true;
      return v;
    case 'object': {
      if (v === null) return v;
      if (Array.isArray(v)) {
        if (depth + 1 > maxDepth) throw BAIL;
        let out: unknown[] | undefined;
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (x === undefined) throw BAIL;
          const p = prep(x, depth + 1);
          if (p !== x) (out ??= v.slice())[i] = p;
        }
        return out ?? v;
      }
      if (!isPlainObject(v)) throw BAIL;
      return prepObject(v as Record<string, unknown>, depth, false);
    }
    default:
      throw BAIL; // undefined, function, symbol
  }
}

function prepObject(o: Record<string, unknown>, depth: number, forSigning: boolean): Record<string, unknown> {
  if (++depth > maxDepth) throw BAIL;
  const keys = Object.keys(o);
  const n = keys.length;
  // Keys first: well-formed, and already in canonical order?
  let sorted = true;
  let descents = 0;
  let prev = '';
  for (let i = 0; i < n; i++) {
    const k = keys[i] as string;
    if (SURROGATE.test(k)) {
      if (!isWellFormedString(k)) throw BAIL;
      astralKeys = true;
      sorted = false; // decide with the code-point comparator below
    }
    if (i > 0 && !(prev < k)) {
      sorted = false;
      descents++;
    }
    prev = k;
  }
  if (!sorted) sortKeys(keys, descents);
  // Then the members, in canonical order; copy the object once anything differs.
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < n; i++) {
    const k = keys[i] as string;
    if (forSigning && (k === 'signatures' || k === 'unsigned')) {
      copy ??= copyPrefix(o, keys, i);
      continue;
    }
    const x = o[k];
    const p = x === undefined ? x : prep(x, depth);
    if (copy === undefined && (!sorted || p !== x)) copy = copyPrefix(o, keys, i);
    if (copy !== undefined && p !== undefined) setMember(copy, k, p);
  }
  return copy ?? o;
}

/** A new object with the first `end` of `keys` (in that order) copied from `o`. */
function copyPrefix(o: Record<string, unknown>, keys: readonly string[], end: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < end; i++) {
    const k = keys[i] as string;
    const x = o[k];
    if (x !== undefined) setMember(copy, k, x);
  }
  return copy;
}

function setMember(copy: Record<string, unknown>, k: string, x: unknown): void {
  const c = k.charCodeAt(0);
  // Index-like keys ("0", "42") enumerate before all others whatever the insertion order.
  if (c >= 0x30 && c <= 0x39) manual = true;
  if (k === '__proto__') Object.defineProperty(copy, k, { value: x, enumerable: true, writable: true, configurable: true });
  else copy[k] = x;
}

/**
 * Sorts keys in place into canonical order. Without surrogates, code-unit order (JavaScript's
 * `<`) is code-point order; an insertion sort for short lists and a merge sort above, both
 * comparing inline, beat `Array.prototype.sort` on the key lists of events, except on long,
 * nearly sorted lists (few descents), where the native TimSort's run detection wins.
 */
function sortKeys(keys: string[], descents = keys.length): void {
  if (astralKeys) {
    keys.sort(compareCodePoints);
    return;
  }
  const n = keys.length;
  // Nearly sorted (e.g. a received event with one member added): the native TimSort finds the runs.
  if (n > 64 && descents * 16 < n) {
    keys.sort();
    return;
  }
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = lo + RUN < n ? lo + RUN : n;
    for (let i = lo + 1; i < hi; i++) {
      const x = keys[i] as string;
      let j = i - 1;
      while (j >= lo && (keys[j] as string) > x) {
        keys[j + 1] = keys[j] as string;
        j--;
      }
      keys[j + 1] = x;
    }
  }
  if (n <= RUN) return;
  let src = keys;
  let dst: string[] = new Array<string>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = lo + width < n ? lo + width : n;
      const hi = lo + 2 * width < n ? lo + 2 * width : n;
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        const x = src[i] as string;
        const y = src[j] as string;
        if (y < x) {
          dst[k++] = y;
          j++;
        } else {
          dst[k++] = x;
          i++;
        }
      }
      while (i < mid) dst[k++] = src[i++] as string;
      while (j < hi) dst[k++] = src[j++] as string;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== keys) for (let i = 0; i < n; i++) keys[i] = src[i] as string;
}

/**
 * Orders two well-formed strings by Unicode code point (spec: "lexicographically sorted by
 * Unicode codepoint"), which differs from JavaScript's default code-unit order when a character
 * above U+FFFF meets one in U+E000..U+FFFF.
 *
 * @example
 * ```ts
 * ['\u{1F600}', '\uFFFD'].sort(compareCodePoints); // ['\uFFFD', '\u{1F600}']
 * ```
 */
export function compareCodePoints(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // At the first difference of two well-formed strings, a surrogate starts (or continues) a
      // code point above U+FFFF, so it must sort after U+E000..U+FFFF: move surrogates to the top.
      if (x >= 0xd800) x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      if (y >= 0xd800) y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      return x - y;
    }
  }
  return a.length - b.length;
}

/** Encodes a value that `prep` has validated, by concatenation. */
function encode(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return '' + v; // -0 -> "0"; safe integers never use an exponent
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    default: {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        const n = v.length;
        if (n === 0) return '[]';
        let out = '[' + encode(v[0], depth + 1);
        for (let i = 1; i < n; i++) out += ',' + encode(v[i], depth + 1);
        return out + ']';
      }
      return encodeObject(v as Record<string, unknown>, depth + 1, false);
    }
  }
}

function encodeObject(o: Record<string, unknown>, depth: number, forSigning: boolean): string {
  const keys = Object.keys(o);
  sortKeys(keys);
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (forSigning && (k === 'signatures' || k === 'unsigned')) continue;
    const x = o[k];
    if (x === undefined) continue;
    if (first) first = false;
    else out += ',';
    out += JSON.stringify(k) + ':' + encode(x, depth);
  }
  return out + '}';
}

// ---------------------------------------------------------------------------------------------
// Diagnosis: a slow, path-tracking walk in canonical order that throws the precise error.
// ---------------------------------------------------------------------------------------------

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function joinPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path === '' ? key : `${path}.${key}`;
  // JSON.stringify writes an unpaired surrogate as a \uD800-style escape, which keeps the path printable.
  return `${path}[${JSON.stringify(key)}]`;
}

function diagnose(value: unknown, forSigning: boolean): void {
  if (forSigning && (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlainObject(value))) {
    throw new CanonicalJsonError(
      typeof value === 'object' && value !== null && !Array.isArray(value) ? 'not-plain-object' : 'unsupported-value',
      '',
      'cannot sign: the value is not a JSON object',
    );
  }
  const ancestors = new Set<object>();
  const walk = (v: unknown, path: string, depth: number, top: boolean): void => {
    switch (typeof v) {
      case 'string':
        if (!isWellFormedString(v)) throw new CanonicalJsonError('lone-surrogate', path, `string at ${path || 'the root'} contains an unpaired UTF-16 surrogate`);
        return;
      case 'number':
        if (Number.isSafeInteger(v) || (lenient && Number.isFinite(v))) return;
        if (!Number.isFinite(v)) throw new CanonicalJsonError('non-finite-number', path, `${v} at ${path || 'the root'} is not a JSON number`);
        if (!Number.isInteger(v)) throw new CanonicalJsonError('not-an-integer', path, `${v} at ${path || 'the root'} is not an integer (floats are not permitted in canonical JSON)`);
        throw new CanonicalJsonError('integer-out-of-range', path, `${v} at ${path || 'the root'} is outside [-(2**53)+1, (2**53)-1]`);
      case 'boolean':
        return;
      case 'bigint':
        if (lenient) return;
        throw new CanonicalJsonError('unsupported-value', path, `bigint at ${path || 'the root'} is not permitted in strict canonical JSON`);
      case 'object': {
        if (v === null) return;
        if (ancestors.has(v)) throw new CanonicalJsonError('cycle', path, `the value at ${path || 'the root'} contains itself`);
        if (depth + 1 > maxDepth) throw new CanonicalJsonError('too-deep', path, `nesting at ${path || 'the root'} is deeper than ${maxDepth}`);
        ancestors.add(v);
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) {
            const x: unknown = v[i];
            const p = `${path}[${i}]`;
            if (x === undefined) throw new CanonicalJsonError('unsupported-value', p, `undefined at ${p} is not a JSON value`);
            walk(x, p, depth + 1, false);
          }
        } else {
          if (!isPlainObject(v)) {
            const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
            throw new CanonicalJsonError('not-plain-object', path, `${typeof name === 'string' ? name : 'object'} at ${path || 'the root'} is not a plain JSON object`);
          }
          const o = v as Record<string, unknown>;
          const keys = Object.keys(o);
          for (const k of keys) {
            if (!isWellFormedString(k)) {
              const p = joinPath(path, k);
              throw new CanonicalJsonError('lone-surrogate', p, `key at ${p} contains an unpaired UTF-16 surrogate`);
            }
          }
          keys.sort(compareCodePoints);
          for (const k of keys) {
            if (top && forSigning && (k === 'signatures' || k === 'unsigned')) continue;
            const x = o[k];
            if (x === undefined) continue;
            walk(x, joinPath(path, k), depth + 1, false);
          }
        }
        ancestors.delete(v);
        return;
      }
      default:
        throw new CanonicalJsonError('unsupported-value', path, `${typeof v} at ${path || 'the root'} is not a JSON value`);
    }
  };
  walk(value, '', 0, true);
}

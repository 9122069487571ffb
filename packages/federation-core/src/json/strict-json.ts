/**
 * A strict JSON parser for network input (RFC 8259 syntax, with the restrictions Matrix needs).
 *
 * Unlike `JSON.parse` it reports, with a typed {@link StrictJsonError}: duplicate object keys
 * (JSON.parse keeps the last, so two servers could read different objects from the same bytes),
 * unpaired surrogates, raw or escaped (not Unicode scalar values; they have no UTF-8 form and no
 * canonical JSON), invalid UTF-8 in byte input, nesting deeper than a limit, input larger than a
 * limit, trailing data, and numbers that `JSON.parse` would silently round.
 *
 * Numbers, `numbers: 'strict'` (default): every number must be an integer in the canonical JSON
 * range `[-(2**53)+1, (2**53)-1]` (spec: appendices, "Canonical JSON"). Its spelling may use a
 * fraction or exponent as long as the value is such an integer: `1e10` and `1.0` are read as
 * `10000000000` and `1` (as the spec's canonical JSON example does with `1e10`); `1.5` and
 * `1e400` are errors. `numbers: 'lenient'` (events of room versions 1 to 5,
 * `rooms/fragments/v1-canonical-json.md`) also accepts finite non-integers and integers outside
 * that range, rounded to the nearest double as `JSON.parse` does, except an integer literal that
 * would change by rounding, which is still an error. `numbers: 'plain'` is `'strict'` that also
 * refuses fractions and exponents in the spelling (what Synapse, Ruma and gomatrixserverlib do with
 * PDUs of room versions 6+; see {@link StrictJsonOptions.numbers}). `-0` is read as `0` in every mode.
 *
 * The parser is iterative (an explicit stack), so hostile nesting cannot exhaust the call stack.
 * A byte-order mark is not skipped: it is a syntax error.
 *
 * @module
 */
import type { JsonObject, JsonValue } from './json-value.js';
import { isWellFormedString } from './canonical-json.js';

/** Options of {@link parseStrictJson}. */
export interface StrictJsonOptions {
  /**
   * The deepest nesting of arrays and objects accepted; the outermost container is depth 1.
   * Default 128 (the recursion limit of serde_json, which Rust homeservers parse with).
   */
  maxDepth?: number;
  /** The largest input accepted, in UTF-8 bytes. Default: no limit (a PDU is limited to 65536 bytes, spec: server-server "Size limits"). */
  maxBytes?: number;
  /**
   * `'strict'` (default), `'plain'` or `'lenient'`: see the module notes. `'plain'` is `'strict'`
   * that also refuses a fraction or exponent in the spelling (`1e10`, `1.0`): what deployed
   * servers do with PDUs of room versions 6 and later (Synapse, Ruma and gomatrixserverlib read
   * such a literal as a float and reject it), although the spec's canonical JSON example
   * encodes `1e10` as `10000000000`. `-0` is still read as `0` (Synapse reads it as the integer 0).
   */
  numbers?: 'strict' | 'plain' | 'lenient';
  /**
   * Called with the path (as in {@link StrictJsonError.path}) of every number spelled with a
   * fraction or exponent (`1e5`, `1.0`), in document order: what `'plain'` refuses. A server can
   * parse a whole body once in `'strict'` mode and still refuse, one by one, the PDUs of room
   * versions 6 and later that contain such a number, as deployed servers do.
   */
  onSpelledNumber?: (path: string) => void;
}

/** Why an input was rejected. */
export type StrictJsonErrorReason =
  | 'invalid-input'
  | 'too-large'
  | 'invalid-utf8'
  | 'syntax'
  | 'trailing-data'
  | 'duplicate-key'
  | 'lone-surrogate'
  | 'too-deep'
  | 'not-an-integer'
  | 'number-out-of-range';

/** Input is not acceptable JSON. `path` names the value (e.g. `content.body`, `prev_events[0]`), `position` the character. */
export class StrictJsonError extends Error {
  override readonly name = 'StrictJsonError';
  /** What is wrong. */
  readonly reason: StrictJsonErrorReason;
  /** Where in the document, as `a.b[2]` (`''` for the root). */
  readonly path: string;
  /** Index (UTF-16 code unit) in the text, of the decoded text for byte input; -1 when not applicable. */
  readonly position: number;

  /** Creates the error. */
  constructor(reason: StrictJsonErrorReason, message: string, path = '', position = -1, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
    this.path = path;
    this.position = position;
  }
}

/** The default of {@link StrictJsonOptions.maxDepth}. */
export const DEFAULT_STRICT_JSON_MAX_DEPTH = 128;

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 length of a well-formed or not string (an unpaired surrogate counts 3 bytes, as its replacement would). */
function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 ? (c >= 0xd800 && c <= 0xdbff ? 1 : 2) : 1;
  }
  return n;
}

interface Frame {
  /** The container being filled. */
  value: JsonValue[] | JsonObject;
  isArray: boolean;
  /** The key whose value is being parsed (objects). */
  key: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function pathOf(stack: readonly Frame[], extraKey?: string): string {
  let p = '';
  const seg = (key: string): void => {
    p = IDENTIFIER.test(key) ? (p === '' ? key : `${p}.${key}`) : `${p}[${JSON.stringify(key)}]`;
  };
  for (const f of stack) {
    if (f.isArray) p += `[${(f.value as JsonValue[]).length}]`;
    else seg(f.key);
  }
  if (extraKey !== undefined) seg(extraKey);
  return p;
}

/**
 * Parses JSON from the network strictly: see the module notes for what is rejected.
 * Byte input must be UTF-8. Throws {@link StrictJsonError}.
 *
 * @example
 * ```ts
 * parseStrictJson('{"a":1}'); // { a: 1 }
 * parseStrictJson('{"a":1,"a":2}'); // throws StrictJsonError (reason 'duplicate-key', path 'a')
 * parseStrictJson(new TextEncoder().encode('[1e10]')); // [10000000000]
 * ```
 */
export function parseStrictJson(input: string | Uint8Array, options?: StrictJsonOptions): JsonValue {
  const maxDepth = options?.maxDepth ?? DEFAULT_STRICT_JSON_MAX_DEPTH;
  const maxBytes = options?.maxBytes;
  const lenient = options?.numbers === 'lenient';
  const plain = options?.numbers === 'plain';
  const onSpelledNumber = options?.onSpelledNumber;
  let text: string;
  if (typeof input === 'string') {
    if (maxBytes !== undefined && input.length * 3 > maxBytes && (input.length > maxBytes || utf8Length(input) > maxBytes)) {
      throw new StrictJsonError('too-large', `the input is larger than ${maxBytes} bytes`);
    }
    text = input;
  } else if (input instanceof Uint8Array) {
    if (maxBytes !== undefined && input.length > maxBytes) {
      throw new StrictJsonError('too-large', `the input is ${input.length} bytes, more than ${maxBytes}`);
    }
    try {
      text = decoder.decode(input);
    } catch (e) {
      throw new StrictJsonError('invalid-utf8', 'the input is not valid UTF-8', '', -1, { cause: e });
    }
  } else {
    throw new StrictJsonError('invalid-input', `expected a string or a Uint8Array, got ${input === null ? 'null' : typeof input}`);
  }

  const len = text.length;
  let pos = 0;
  const stack: Frame[] = [];

  const fail = (reason: StrictJsonErrorReason, message: string, at = pos, extraKey?: string): never => {
    const path = pathOf(stack, extraKey);
    throw new StrictJsonError(reason, `${message} at ${at >= len ? 'end of input' : `position ${at}`}${path === '' ? '' : ` (${path})`}`, path, at);
  };
  const unexpected = (): never => {
    if (pos >= len) return fail('syntax', 'unexpected end of input');
    const c = text.charCodeAt(pos);
    const shown = c >= 0x20 && c < 0x7f ? `'${text[pos]}'` : `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    return fail('syntax', `unexpected character ${shown}`);
  };
  const skipWs = (): void => {
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
  };

  const parseString = (): string => {
    // pos is at the opening quote.
    const start = ++pos;
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        const s = text.slice(start, pos++);
        if (!isWellFormedString(s)) fail('lone-surrogate', 'string contains an unpaired surrogate', start);
        return s;
      }
      if (c === 0x5c) break;
      if (c < 0x20) fail('syntax', 'unescaped control character in string');
      pos++;
    }
    // Slow path: escapes.
    let out = text.slice(start, pos);
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        pos++;
        if (!isWellFormedString(out)) fail('lone-surrogate', 'string contains an unpaired surrogate', start);
        return out;
      }
      if (c < 0x20) fail('syntax', 'unescaped control character in string');
      if (c !== 0x5c) {
        out += text[pos++];
        continue;
      }
      const e = text.charCodeAt(pos + 1);
      switch (e) {
        case 0x22: out += '"'; break;
        case 0x5c: out += '\\'; break;
        case 0x2f: out += '/'; break;
        case 0x62: out += '\b'; break;
        case 0x66: out += '\f'; break;
        case 0x6e: out += '\n'; break;
        case 0x72: out += '\r'; break;
        case 0x74: out += '\t'; break;
        case 0x75: {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('syntax', 'invalid \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          pos++;
          fail('syntax', 'invalid escape');
      }
      pos += 2;
    }
    return fail('syntax', 'unterminated string');
  };

  const parseNumber = (): number => {
    const start = pos;
    if (text.charCodeAt(pos) === 0x2d) pos++;
    const intStart = pos;
    const first = text.charCodeAt(pos);
    if (first === 0x30) {
      pos++;
      if (isDigit(text.charCodeAt(pos))) fail('syntax', 'number with a leading zero', intStart);
    } else if (first >= 0x31 && first <= 0x39) while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
    else unexpected();
    const intEnd = pos;
    let fracStart = pos;
    let fracEnd = pos;
    let simple = true;
    if (text.charCodeAt(pos) === 0x2e) {
      simple = false;
      fracStart = ++pos;
      if (!isDigit(text.charCodeAt(pos))) unexpected();
      while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
      fracEnd = pos;
    }
    let exp = 0;
    const ec = text.charCodeAt(pos);
    if (ec === 0x65 || ec === 0x45) {
      simple = false;
      pos++;
      let expSign = 1;
      const sc = text.charCodeAt(pos);
      if (sc === 0x2b || sc === 0x2d) {
        if (sc === 0x2d) expSign = -1;
        pos++;
      }
      if (!isDigit(text.charCodeAt(pos))) unexpected();
      const expStart = pos;
      while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
      // Beyond 9 digits the exact exponent no longer matters: it is out of range either way (or zero).
      exp = expSign * Math.min(1e9, Number(text.slice(expStart, pos)));
    }
    const literal = text.slice(start, pos);
    const negative = start !== intStart;
    // 'plain': a fraction or exponent makes the literal a float for Synapse (json.loads, then
    // validate_canonicaljson), Ruma (serde_json f64, not a CanonicalJsonValue) and
    // gomatrixserverlib (EnforcedCanonicalJSON), which all refuse it in room versions 6+.
    if (plain && !simple) {
      fail('not-an-integer', `number ${literal} is spelled with a fraction or exponent (deployed servers read it as a float)`, start);
    }
    if (!simple && onSpelledNumber !== undefined) onSpelledNumber(pathOf(stack));
    if (simple && intEnd - intStart <= 15) {
      const v = Number(literal);
      return v === 0 ? 0 : v; // -0 -> 0
    }
    // Exact analysis: value = digits * 10^e.
    let digits = text.slice(intStart, intEnd) + text.slice(fracStart, fracEnd);
    let e = exp - (fracEnd - fracStart);
    let lead = 0;
    while (lead < digits.length && digits.charCodeAt(lead) === 0x30) lead++;
    digits = digits.slice(lead);
    if (digits === '') return 0;
    let trail = digits.length;
    while (digits.charCodeAt(trail - 1) === 0x30) trail--;
    e += digits.length - trail;
    digits = digits.slice(0, trail);
    const isInteger = e >= 0;
    const intDigits = isInteger ? digits.length + e : 0;
    const inRange = isInteger && (intDigits < 16 || (intDigits === 16 && BigInt(digits + '0'.repeat(e)) <= MAX_SAFE));
    if (inRange) return Number((negative ? '-' : '') + digits + '0'.repeat(e));
    if (!lenient) {
      if (!isInteger) fail('not-an-integer', `number ${literal} is not an integer (floats are not permitted in canonical JSON)`, start);
      fail('number-out-of-range', `number ${literal} is outside [-(2**53)+1, (2**53)-1]`, start);
    }
    const v = Number(literal);
    if (!Number.isFinite(v)) fail('number-out-of-range', `number ${literal} is too large for a double`, start);
    // An integer literal must survive rounding exactly.
    if (simple && BigInt(literal) !== BigInt(v)) fail('number-out-of-range', `integer ${literal} cannot be represented exactly`, start);
    return v === 0 ? 0 : v;
  };

  const parseKey = (): string => {
    skipWs();
    if (text.charCodeAt(pos) !== 0x22) unexpected();
    const key = parseString();
    skipWs();
    if (text.charCodeAt(pos) !== 0x3a) unexpected();
    pos++;
    return key;
  };

  const push = (value: JsonValue[] | JsonObject, isArray: boolean): void => {
    if (stack.length >= maxDepth) fail('too-deep', `nesting deeper than ${maxDepth}`);
    stack.push({ value, isArray, key: '' });
  };

  let value: JsonValue = null;
  for (;;) {
    // Expecting a value.
    skipWs();
    const c = text.charCodeAt(pos);
    let complete = true;
    switch (c) {
      case 0x7b: { // {
        const obj: JsonObject = {};
        push(obj, false);
        pos++;
        skipWs();
        if (text.charCodeAt(pos) === 0x7d) {
          pos++;
          stack.pop();
          value = obj;
        } else {
          (stack[stack.length - 1] as Frame).key = parseKey();
          complete = false;
        }
        break;
      }
      case 0x5b: { // [
        const arr: JsonValue[] = [];
        push(arr, true);
        pos++;
        skipWs();
        if (text.charCodeAt(pos) === 0x5d) {
          pos++;
          stack.pop();
          value = arr;
        } else {
          complete = false;
        }
        break;
      }
      case 0x22:
        value = parseString();
        break;
      case 0x74:
        value = literal('true', true);
        break;
      case 0x66:
        value = literal('false', false);
        break;
      case 0x6e:
        value = literal('null', null);
        break;
      default:
        if (c === 0x2d || isDigit(c)) value = parseNumber();
        else unexpected();
    }
    if (!complete) continue;
    // A value is complete: attach it, then read separators and closers.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        skipWs();
        if (pos < len) fail('trailing-data', 'unexpected data after the JSON value');
        return value;
      }
      if (top.isArray) {
        (top.value as JsonValue[]).push(value);
        skipWs();
        const d = text.charCodeAt(pos);
        if (d === 0x2c) {
          pos++;
          break;
        }
        if (d !== 0x5d) unexpected();
        pos++;
        value = top.value;
        stack.pop();
      } else {
        const obj = top.value as JsonObject;
        const key = top.key;
        if (Object.prototype.hasOwnProperty.call(obj, key)) {
          // RFC 8259 leaves duplicate names unpredictable; reject them so every reader sees the same object.
          fail('duplicate-key', `duplicate key ${JSON.stringify(key)}`);
        }
        if (key === '__proto__') Object.defineProperty(obj, key, { value: value, enumerable: true, writable: true, configurable: true });
        else obj[key] = value;
        skipWs();
        const d = text.charCodeAt(pos);
        if (d === 0x2c) {
          pos++;
          top.key = parseKey();
          break;
        }
        if (d !== 0x7d) unexpected();
        pos++;
        value = obj;
        stack.pop();
      }
    }
  }

  function literal<T extends JsonValue>(word: string, v: T): T {
    if (!text.startsWith(word, pos)) unexpected();
    pos += word.length;
    return v;
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

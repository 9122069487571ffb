/**
 * Unpadded Base64 (spec: appendices, "Unpadded Base64" and "URL-safe unpadded Base64").
 *
 * Encoding never pads. Decoding decisions:
 * - Padding: the spec says implementations SHOULD accept input with or without padding, so
 *   complete padding (to a multiple of four characters) is accepted; partial or misplaced `=`
 *   is rejected. `{ strict: true }` rejects padding altogether.
 * - Non-zero trailing bits (bits of the last character beyond the last whole byte): accepted
 *   and ignored by default, because the spec's own signing-key test vector seed
 *   `YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1` has them (appendices, "Cryptographic Test
 *   Vectors"). `{ strict: true }` rejects them, so that only the canonical encoding decodes.
 * - Alphabet: each function accepts its own alphabet only (standard: `+` `/`; URL-safe: `-` `_`);
 *   whitespace and any other character are rejected.
 * - Length: a length of 1 modulo 4 (after removing padding) cannot come from any byte string and
 *   is rejected.
 *
 * @module
 */

/** Why a text is not valid (unpadded) Base64. */
export type InvalidBase64Reason = 'not-a-string' | 'invalid-character' | 'invalid-length' | 'invalid-padding' | 'non-zero-trailing-bits';

/** A text is not valid Base64. `position` is the index of the offending character, when there is one. */
export class InvalidBase64Error extends Error {
  override readonly name = 'InvalidBase64Error';
  /** What is wrong. */
  readonly reason: InvalidBase64Reason;
  /** Index (UTF-16 code unit) of the offending character, or -1. */
  readonly position: number;

  /** Creates the error. */
  constructor(reason: InvalidBase64Reason, message: string, position = -1, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
    this.position = position;
  }
}

/** Options of the decoders. */
export interface DecodeBase64Options {
  /** Reject padding and non-zero trailing bits, accepting only the canonical unpadded form. Default false. */
  strict?: boolean;
}

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

interface Alphabet {
  chars: string;
  /** 4096 two-character strings, indexed by 12 bits. */
  pairs: string[] | undefined;
  /** char code -> 6-bit value, 255 for invalid; 128 entries. */
  decode: Uint8Array;
  name: string;
}

function makeAlphabet(chars: string, name: string): Alphabet {
  const decode = new Uint8Array(128).fill(255);
  for (let i = 0; i < 64; i++) decode[chars.charCodeAt(i)] = i;
  return { chars, pairs: undefined, decode, name };
}

const standard = makeAlphabet(STANDARD, 'Base64');
const urlSafe = makeAlphabet(URL_SAFE, 'URL-safe Base64');

function pairsOf(a: Alphabet): string[] {
  if (a.pairs !== undefined) return a.pairs;
  const pairs = new Array<string>(4096);
  for (let i = 0; i < 4096; i++) pairs[i] = (a.chars[i >> 6] as string) + (a.chars[i & 63] as string);
  a.pairs = pairs;
  return pairs;
}

function encodeWith(bytes: Uint8Array, a: Alphabet): string {
  const pairs = pairsOf(a);
  const chars = a.chars;
  const n = bytes.length;
  const whole = n - (n % 3);
  let out = '';
  let i = 0;
  for (; i < whole; i += 3) {
    const t = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += (pairs[t >>> 12] as string) + (pairs[t & 4095] as string);
  }
  if (n - whole === 1) {
    const t = bytes[i] as number;
    out += (chars[t >>> 2] as string) + (chars[(t & 3) << 4] as string);
  } else if (n - whole === 2) {
    const t = ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
    out += (chars[t >>> 10] as string) + (chars[(t >>> 4) & 63] as string) + (chars[(t & 15) << 2] as string);
  }
  return out;
}

function decodeWith(text: string, a: Alphabet, options: DecodeBase64Options | undefined): Uint8Array {
  if (typeof text !== 'string') {
    throw new InvalidBase64Error('not-a-string', `${a.name} input must be a string, got ${text === null ? 'null' : typeof text}`);
  }
  const strict = options?.strict === true;
  let len = text.length;
  // Padding: accepted only when complete (spec: "SHOULD accept input with or without padding").
  if (len > 0 && text.charCodeAt(len - 1) === 61 /* = */) {
    if (strict) throw new InvalidBase64Error('invalid-padding', `${a.name} must be unpadded, found "=" at ${len - 1}`, len - 1);
    if (len % 4 !== 0) throw new InvalidBase64Error('invalid-padding', `padded ${a.name} must be a multiple of 4 characters long, got ${len}`, len - 1);
    len--;
    if (text.charCodeAt(len - 1) === 61) len--;
    if (len % 4 === 0 || text.charCodeAt(len - 1) === 61) {
      throw new InvalidBase64Error('invalid-padding', `too much "=" padding in ${a.name}`, len - 1);
    }
  }
  const rem = len % 4;
  if (rem === 1) {
    throw new InvalidBase64Error('invalid-length', `${a.name} of ${len} characters cannot encode whole bytes (length % 4 == 1)`);
  }
  const table = a.decode;
  const out = new Uint8Array(((len - rem) / 4) * 3 + (rem === 0 ? 0 : rem - 1));
  const whole = len - rem;
  let o = 0;
  let i = 0;
  for (; i < whole; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) > 127) badChar(text, i, a);
    const v0 = table[c0] as number;
    const v1 = table[c1] as number;
    const v2 = table[c2] as number;
    const v3 = table[c3] as number;
    if ((v0 | v1 | v2 | v3) > 63) badChar(text, i, a); // 255 marks a character outside the alphabet
    const t = (v0 << 18) | (v1 << 12) | (v2 << 6) | v3;
    out[o++] = t >>> 16;
    out[o++] = (t >>> 8) & 255;
    out[o++] = t & 255;
  }
  if (rem > 0) {
    const v0 = table[text.charCodeAt(i)];
    const v1 = table[text.charCodeAt(i + 1)];
    const v2 = rem === 3 ? table[text.charCodeAt(i + 2)] : 0;
    if (v0 === undefined || v1 === undefined || v2 === undefined || v0 > 63 || v1 > 63 || v2 > 63) badChar(text, i, a);
    const t = (v0 << 18) | (v1 << 12) | (v2 << 6);
    out[o++] = t >>> 16;
    if (rem === 3) out[o++] = (t >>> 8) & 255;
    if (strict && (rem === 2 ? v1 & 15 : v2 & 3) !== 0) {
      throw new InvalidBase64Error('non-zero-trailing-bits', `the last ${a.name} character has non-zero unused bits (not the canonical encoding)`, len - 1);
    }
  }
  return out;
}

function badChar(text: string, from: number, a: Alphabet): never {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (a.decode[c] as number) : 255;
    if (v > 63) {
      const shown = c === 61 ? '"=" (padding only at the end)' : JSON.stringify(text[i]);
      throw new InvalidBase64Error('invalid-character', `invalid ${a.name} character ${shown} at ${i}`, i);
    }
  }
  /* c8 ignore next */
  throw new InvalidBase64Error('invalid-character', `invalid ${a.name} input`);
}

/**
 * Encodes bytes as unpadded standard Base64 (spec: appendices, "Unpadded Base64").
 *
 * @example
 * ```ts
 * encodeBase64(new TextEncoder().encode('foob')); // 'Zm9vYg'
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  return encodeWith(bytes, standard);
}

/**
 * Decodes standard Base64, unpadded or completely padded; throws {@link InvalidBase64Error}
 * on any other input. See the module notes for what `{ strict: true }` changes.
 *
 * @example
 * ```ts
 * decodeBase64('Zm9vYg'); // bytes of 'foob'
 * decodeBase64('Zm9vYg=='); // the same (padding is accepted)
 * decodeBase64('Zm9vY'); // throws InvalidBase64Error (reason 'invalid-length')
 * ```
 */
export function decodeBase64(text: string, options?: DecodeBase64Options): Uint8Array {
  return decodeWith(text, standard, options);
}

/**
 * Encodes bytes as unpadded URL-safe Base64 (`-` and `_` for 62 and 63; spec: appendices,
 * "URL-safe unpadded Base64"), as room version 4+ event IDs use.
 *
 * @example
 * ```ts
 * encodeBase64Url(new Uint8Array([0xfb, 0xff])); // '-_8'
 * ```
 */
export function encodeBase64Url(bytes: Uint8Array): string {
  return encodeWith(bytes, urlSafe);
}

/**
 * Decodes URL-safe Base64 (unpadded or completely padded); throws {@link InvalidBase64Error}
 * on any other input, including the standard alphabet's `+` and `/`.
 *
 * @example
 * ```ts
 * decodeBase64Url('-_8'); // Uint8Array [0xfb, 0xff]
 * ```
 */
export function decodeBase64Url(text: string, options?: DecodeBase64Options): Uint8Array {
  return decodeWith(text, urlSafe, options);
}

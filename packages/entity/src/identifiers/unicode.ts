/**
 * Small Unicode helpers shared by the identifier grammars (internal; not part of the
 * public API).
 *
 * @module
 */

/** The maximum length of user IDs, room IDs, room aliases and event IDs, in UTF-8 bytes. */
export const MAX_IDENTIFIER_BYTES = 255;

/**
 * Number of bytes `value` takes when encoded as UTF-8 (a lone surrogate counts as the
 * three bytes of U+FFFD, as `TextEncoder` would write it).
 *
 * @example
 * utf8ByteLength('é@x'); // 4
 */
export function utf8ByteLength(value: string): number {
  let bytes = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Whether `value` holds a UTF-16 surrogate that is not part of a pair (not a valid code point). */
export function hasLoneSurrogate(value: string): boolean {
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) return true;
  }
  return false;
}

/**
 * Splits `&localpart:domain` at the first colon (localparts never contain a colon, while
 * server names can, for a port or an IPv6 literal). Returns undefined without a colon.
 */
export function splitAtFirstColon(rest: string): [string, string] | undefined {
  const colon = rest.indexOf(':');
  if (colon === -1) return undefined;
  return [rest.slice(0, colon), rest.slice(colon + 1)];
}

/**
 * Problem with a historical-style localpart (appendix "Historical User IDs", "Room IDs",
 * "Room Aliases"): any non-surrogate code points except `:` and NUL.
 */
export function opaqueLocalpartProblem(localpart: string): string | undefined {
  if (localpart.includes('\u0000')) return 'localpart contains NUL (U+0000)';
  if (hasLoneSurrogate(localpart)) return 'localpart contains a lone surrogate';
  return undefined;
}

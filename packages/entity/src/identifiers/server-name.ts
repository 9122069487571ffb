/**
 * Server names, per the appendix "Server Name":
 *
 *     server_name = hostname [ ":" port ]
 *     port        = 1*5DIGIT
 *     hostname    = IPv4address / "[" IPv6address "]" / dns-name
 *     IPv4address = 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT
 *     IPv6address = 2*45IPv6char
 *     IPv6char    = DIGIT / %x41-46 / %x61-66 / ":" / "."
 *     dns-name    = 1*255dns-char
 *     dns-char    = DIGIT / ALPHA / "-" / "."
 *
 * The prose adds that IPv4 literals are four decimal numbers in 0..255 and that IPv6
 * literals follow RFC 3513 section 2.2; both are enforced here. A port is any 1 to 5
 * digits, as in the grammar.
 *
 * @module
 */

/** A server name such as `example.org`, `example.org:8448`, `1.2.3.4` or `[::1]:8448`. */
export type ServerName = string & { readonly __serverName?: never };

/** Thrown by {@link assertValidServerName}. */
export class InvalidServerNameError extends Error {
  override readonly name = 'InvalidServerNameError';
  constructor(
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`invalid server name ${JSON.stringify(value)}: ${reason}`);
  }
}

const IPV4 = /^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/;
const IPV6_CHARS = /^[0-9A-Fa-f:.]{2,45}$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const DNS_NAME = /^[0-9A-Za-z.-]{1,255}$/;
const PORT = /^[0-9]{1,5}$/;

function isIpv4Address(text: string): boolean {
  if (!IPV4.test(text)) return false;
  return text.split('.').every((octet) => Number(octet) <= 255);
}

/** RFC 3513 section 2.2: eight 16-bit hex groups, one `::` at most, an optional IPv4 tail. */
function isIpv6Address(text: string): boolean {
  if (!IPV6_CHARS.test(text)) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  const all = [...head, ...tail];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const group = all[i] ?? '';
    if (i === all.length - 1 && group.includes('.')) {
      if (!isIpv4Address(group)) return false;
      count += 2;
    } else if (HEX_GROUP.test(group)) {
      count += 1;
    } else {
      return false;
    }
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}

/**
 * Returns why `value` is not a valid server name, or undefined when it is.
 *
 * @example
 * serverNameProblem('bad_host'); // 'hostname must be ...'
 * serverNameProblem('example.org'); // undefined
 */
export function serverNameProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  if (value.length === 0) return 'empty';
  let host = value;
  // The port is what follows the last colon, unless that colon is inside an IPv6 literal.
  const lastColon = value.lastIndexOf(':');
  if (lastColon !== -1 && lastColon > value.lastIndexOf(']')) {
    const port = value.slice(lastColon + 1);
    if (!PORT.test(port)) return 'port must be 1 to 5 digits';
    host = value.slice(0, lastColon);
  }
  if (host.startsWith('[')) {
    if (!host.endsWith(']')) return 'malformed IPv6 literal';
    return isIpv6Address(host.slice(1, -1)) ? undefined : 'malformed IPv6 literal';
  }
  if (IPV4.test(host)) return isIpv4Address(host) ? undefined : 'IPv4 literal octets must be 0 to 255';
  if (!DNS_NAME.test(host)) return 'hostname must be 1 to 255 of [0-9A-Za-z.-]';
  return undefined;
}

/**
 * Whether `value` is a server name per the spec's grammar.
 *
 * @example
 * isValidServerName('matrix.org:8448'); // true
 * isValidServerName('[::1]'); // true
 * isValidServerName('bad_host'); // false
 */
export function isValidServerName(value: unknown): value is ServerName {
  return serverNameProblem(value) === undefined;
}

/**
 * Throws {@link InvalidServerNameError} unless `value` is a valid server name.
 *
 * @example
 * assertValidServerName('example.org');
 */
export function assertValidServerName(value: unknown): asserts value is ServerName {
  const problem = serverNameProblem(value);
  if (problem !== undefined) throw new InvalidServerNameError(value, problem);
}

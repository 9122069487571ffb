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
const IPV6 = /^\[[0-9A-Fa-f:.]{2,45}\]$/;
const DNS_NAME = /^[0-9A-Za-z.-]{1,255}$/;
const PORT = /^[0-9]{1,5}$/;

/** Returns why `value` is not a valid server name, or undefined when it is. */
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
  if (host.startsWith('[')) return IPV6.test(host) ? undefined : 'malformed IPv6 literal';
  if (IPV4.test(host)) return undefined;
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

/**
 * Resolving server names to where to connect (server-server API, "Resolving server
 * names"): IP literals, explicit ports, `/.well-known/matrix/server` delegation, SRV
 * records (`_matrix-fed._tcp`, then the deprecated `_matrix._tcp`), and port 8448.
 *
 * @module
 */
import { resolveSrv } from 'node:dns/promises';
import { isIP } from 'node:net';

/** Where to send requests for a server name. */
export interface ResolvedServer {
  /** Host to connect to (an IP literal without brackets, or a DNS name). */
  readonly host: string;
  readonly port: number;
  /** The `Host` header (and TLS server name basis) to send. */
  readonly hostHeader: string;
  /** The name the TLS certificate must be valid for. */
  readonly tlsServerName: string;
}

/** Splits `host[:port]`, handling bracketed IPv6 literals. */
export function splitHostPort(name: string): { host: string; port: number | undefined } {
  const bracket = name.match(/^\[([^\]]+)\](?::(\d{1,5}))?$/);
  if (bracket) return { host: bracket[1]!, port: bracket[2] === undefined ? undefined : Number(bracket[2]) };
  const i = name.lastIndexOf(':');
  if (i !== -1 && name.indexOf(':') === i) return { host: name.slice(0, i), port: Number(name.slice(i + 1)) };
  return { host: name, port: undefined };
}

/** Options of {@link resolveServerName}. */
export interface DiscoveryOptions {
  /** Explicit overrides `serverName -> host:port` (tests, private deployments). */
  readonly overrides?: Readonly<Record<string, string>>;
  /** Fetches `/.well-known/matrix/server` of a hostname; returns `m.server` or undefined. */
  readonly fetchWellKnown?: (hostname: string) => Promise<string | undefined>;
  /** SRV lookup; defaults to node:dns. */
  readonly resolveSrv?: (name: string) => Promise<Array<{ name: string; port: number; priority: number; weight: number }>>;
}

async function srv(options: DiscoveryOptions, name: string) {
  try {
    const records = await (options.resolveSrv ?? resolveSrv)(name);
    records.sort((a, b) => a.priority - b.priority || b.weight - a.weight);
    return records[0];
  } catch {
    return undefined;
  }
}

/**
 * Resolves a server name per the spec's steps.
 *
 * @example
 * await resolveServerName('127.0.0.1:8448'); // { host: '127.0.0.1', port: 8448, hostHeader: '127.0.0.1:8448', ... }
 */
export async function resolveServerName(serverName: string, options: DiscoveryOptions = {}): Promise<ResolvedServer> {
  const override = options.overrides?.[serverName];
  if (override) {
    const { host, port } = splitHostPort(override);
    return { host, port: port ?? 8448, hostHeader: serverName, tlsServerName: splitHostPort(serverName).host };
  }
  const { host, port } = splitHostPort(serverName);
  // Step 1: an IP literal: that address, the given port or 8448.
  if (isIP(host)) return { host, port: port ?? 8448, hostHeader: serverName, tlsServerName: host };
  // Step 2: a hostname with an explicit port: that host and port.
  if (port !== undefined) return { host, port, hostHeader: serverName, tlsServerName: host };
  // Step 3: /.well-known/matrix/server delegation.
  const delegated = options.fetchWellKnown ? await options.fetchWellKnown(host).catch(() => undefined) : undefined;
  if (delegated) {
    const d = splitHostPort(delegated);
    // 3.1 / 3.2: IP literal or explicit port in the delegated name.
    if (isIP(d.host) || d.port !== undefined) {
      return { host: d.host, port: d.port ?? 8448, hostHeader: delegated, tlsServerName: d.host };
    }
    // 3.3 / 3.4: SRV of the delegated hostname.
    const rec = (await srv(options, `_matrix-fed._tcp.${d.host}`)) ?? (await srv(options, `_matrix._tcp.${d.host}`));
    if (rec) return { host: rec.name, port: rec.port, hostHeader: d.host, tlsServerName: d.host };
    // 3.5: the delegated hostname on 8448.
    return { host: d.host, port: 8448, hostHeader: d.host, tlsServerName: d.host };
  }
  // Steps 4 and 5: SRV of the server name.
  const rec = (await srv(options, `_matrix-fed._tcp.${host}`)) ?? (await srv(options, `_matrix._tcp.${host}`));
  if (rec) return { host: rec.name, port: rec.port, hostHeader: host, tlsServerName: host };
  // Step 6: the hostname on 8448.
  return { host, port: 8448, hostHeader: host, tlsServerName: host };
}

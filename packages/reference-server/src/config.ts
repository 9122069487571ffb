/**
 * Server configuration: defaults, then a JSON file (`MAXTRYX_CONFIG`), then environment variables.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { isValidServerName } from '@maxtryx/entity';
import type { LogLevel } from './logger.js';

/** Everything the reference server can be configured with. */
export interface ServerConfig {
  /** This server's name, as in user IDs (`@alice:<serverName>`). */
  serverName: string;
  /** Address the HTTP listener binds to. */
  bindAddress: string;
  /** Port of the client and federation listener. */
  port: number;
  /** Folder for the SQLite database and the signing key. */
  dataDir: string;
  /** Storage: `sqlite` (a file in dataDir), `sqlite-memory`, `memory`, or `surrealkv` (a folder in dataDir). */
  storage: 'sqlite' | 'sqlite-memory' | 'memory' | 'surrealkv';
  /** Log level. */
  logLevel: LogLevel;
  /** Whether new accounts may register (`m.login.dummy`). */
  enableRegistration: boolean;
  /** TLS for the listener: PEM file paths; absent = plain HTTP. */
  tls?: { certFile: string; keyFile: string };
  /**
   * What to serve at `/.well-known/matrix/*` (client-server "Server Discovery", server-server
   * "Resolving server names"); each absent document is a 404. `server`: the delegated server
   * name (`host[:port]`) for `/.well-known/matrix/server`; `client`: the homeserver base URL
   * for `/.well-known/matrix/client`.
   */
  wellKnown?: { server?: string; client?: string };
  /** Outbound federation. */
  federation: {
    /** `https` (the spec's transport) or `http` (loopback tests without certificates). */
    scheme: 'https' | 'http';
    /** Accept self-signed certificates from other servers (tests only). */
    allowSelfSigned: boolean;
    /** Timeout of one outbound request, in milliseconds. */
    requestTimeoutMs: number;
    /** Explicit `serverName -> host:port` overrides, for tests and private deployments. */
    hostOverrides: Record<string, string>;
  };
  /** Limits on what the server accepts. */
  limits: {
    /** Largest request body accepted, in bytes. */
    maxRequestBytes: number;
    /** Server cap on get_missing_events' `limit`. */
    maxMissingEvents: number;
    /** Server cap on backfill's `limit`. */
    maxBackfill: number;
  };
}

/** Thrown for an invalid configuration, naming the setting. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The defaults: `localhost:8008` on loopback, SQLite in `./.data`. */
export function defaultConfig(): ServerConfig {
  return {
    serverName: 'localhost:8008',
    bindAddress: '127.0.0.1',
    port: 8008,
    dataDir: '.data',
    storage: 'sqlite',
    logLevel: 'info',
    enableRegistration: true,
    federation: { scheme: 'https', allowSelfSigned: false, requestTimeoutMs: 30_000, hostOverrides: {} },
    limits: { maxRequestBytes: 4 * 1024 * 1024, maxMissingEvents: 20, maxBackfill: 100 },
  };
}

/**
 * Builds the configuration from defaults, an optional JSON file and the environment:
 * `MAXTRYX_SERVER_NAME`, `MAXTRYX_BIND`, `MAXTRYX_PORT`, `MAXTRYX_DATA_DIR`,
 * `MAXTRYX_STORAGE`, `MAXTRYX_LOG_LEVEL`, `MAXTRYX_CONFIG` (path of the JSON file).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  let config = defaultConfig();
  if (env.MAXTRYX_CONFIG) {
    let file: unknown;
    try {
      file = JSON.parse(readFileSync(env.MAXTRYX_CONFIG, 'utf8'));
    } catch (cause) {
      throw new ConfigError(`cannot read config file ${env.MAXTRYX_CONFIG}`, { cause });
    }
    config = merge(config, file as Partial<ServerConfig>);
  }
  if (env.MAXTRYX_SERVER_NAME) config.serverName = env.MAXTRYX_SERVER_NAME;
  if (env.MAXTRYX_BIND) config.bindAddress = env.MAXTRYX_BIND;
  if (env.MAXTRYX_PORT) config.port = Number(env.MAXTRYX_PORT);
  if (env.MAXTRYX_DATA_DIR) config.dataDir = env.MAXTRYX_DATA_DIR;
  if (env.MAXTRYX_STORAGE) config.storage = env.MAXTRYX_STORAGE as ServerConfig['storage'];
  if (env.MAXTRYX_LOG_LEVEL) config.logLevel = env.MAXTRYX_LOG_LEVEL as LogLevel;
  config = merge(config, overrides);
  validateConfig(config);
  return config;
}

function merge(base: ServerConfig, extra: Partial<ServerConfig>): ServerConfig {
  return {
    ...base,
    ...extra,
    federation: { ...base.federation, ...(extra.federation ?? {}) },
    limits: { ...base.limits, ...(extra.limits ?? {}) },
  };
}

/** Checks every setting; throws {@link ConfigError} naming the first bad one. */
export function validateConfig(config: ServerConfig): void {
  if (!isValidServerName(config.serverName)) throw new ConfigError(`serverName: not a valid server name: ${config.serverName}`);
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) throw new ConfigError(`port: ${config.port}`);
  if (!['sqlite', 'sqlite-memory', 'memory', 'surrealkv'].includes(config.storage)) {
    throw new ConfigError(`storage: must be sqlite, sqlite-memory, memory or surrealkv, not ${config.storage}`);
  }
  if (!['debug', 'info', 'warn', 'error'].includes(config.logLevel)) throw new ConfigError(`logLevel: ${config.logLevel}`);
  if (!['https', 'http'].includes(config.federation.scheme)) throw new ConfigError(`federation.scheme: ${config.federation.scheme}`);
  const wk = config.wellKnown;
  if (wk?.server !== undefined && !isValidServerName(wk.server)) throw new ConfigError(`wellKnown.server: not a valid server name: ${wk.server}`);
  if (wk?.client !== undefined && !/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(wk.client)) {
    throw new ConfigError(`wellKnown.client: not an http(s) base URL: ${wk.client}`);
  }
}

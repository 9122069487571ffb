/**
 * Runs the reference homeserver as a REAL child process for end-to-end tests.
 *
 * The child is `node --conditions=@maxtryx/source --import tsx
 * packages/reference-server/src/main.ts`: tsx loads the TypeScript sources and the
 * `@maxtryx/source` export condition makes the workspace packages resolve to their
 * `src/index.ts`, so no build is needed. Each server gets a fresh temporary data
 * folder, a free loopback port and, by default, the server name
 * `127.0.0.1:<port>` (an IP literal with an explicit port: other servers reach it
 * without DNS or `.well-known`). It is configured through the environment
 * (`MAXTRYX_*`) and a JSON file (`MAXTRYX_CONFIG`) holding `tls` and `federation`.
 *
 * Readiness is the server's JSON log line `{"level":"info","msg":"listening",...}`
 * on stderr, awaited for a bounded time. stderr is kept for diagnostics and is
 * included in every startup error. Every child started here is SIGKILLed when the
 * test process exits, whatever happened to the test.
 *
 * @module
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is `packages/reference-server/test/support/server-process.ts`). */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url)).replace(/\/$/, '');

/** The server's entry point, run from its TypeScript source. */
export const serverMain = join(repoRoot, 'packages/reference-server/src/main.ts');

/** Storage back ends of the reference server (`MAXTRYX_STORAGE`). */
export type TestStorage = 'sqlite' | 'sqlite-memory' | 'memory' | 'surrealkv';

/** Outbound federation settings (the config file's `federation` object). */
export interface TestFederationConfig {
  scheme?: 'https' | 'http';
  allowSelfSigned?: boolean;
  requestTimeoutMs?: number;
  hostOverrides?: Record<string, string>;
}

/** TLS for the listener: the PEM files, and optionally the certificate text a client should trust. */
export interface TestTlsConfig {
  readonly certFile: string;
  readonly keyFile: string;
  /** PEM certificate; read from `certFile` when absent. */
  readonly cert?: string;
}

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** Server name; default `127.0.0.1:<port>`. */
  readonly serverName?: string;
  /** Port to listen on; default a free loopback port (retried if it is taken meanwhile). */
  readonly port?: number;
  /** Storage back end; default: the server's own default (`sqlite` in the data folder). */
  readonly storage?: TestStorage;
  /** Serve HTTPS with this certificate (see `createTestCertificate` in `tls.ts`); default plain HTTP. */
  readonly tls?: TestTlsConfig;
  /**
   * Outbound federation. Default: `{ scheme: 'https', allowSelfSigned: true }` with `tls`,
   * `{ scheme: 'http' }` without.
   */
  readonly federation?: TestFederationConfig;
  /** Data folder; default a fresh temporary folder, deleted by `stop()`/`kill()`. A given folder is never deleted. */
  readonly dataDir?: string;
  /** `MAXTRYX_LOG_LEVEL`; default `info` (the `listening` line is logged at info). */
  readonly logLevel?: 'debug' | 'info';
  /** More settings for the JSON config file (e.g. `limits`, `enableRegistration`), merged over the above. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Extra environment variables for the child. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for the `listening` line, in ms; default 30 000. */
  readonly startTimeoutMs?: number;
}

/** How a child process ended. */
export interface ServerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** True when `stop()` had to fall back to SIGKILL. */
  readonly forced: boolean;
}

/** One parsed JSON log line of the server. */
export type ServerLogLine = Readonly<Record<string, unknown>> & { readonly level?: unknown; readonly msg?: unknown };

/** A running reference server. */
export interface TestServer {
  readonly serverName: string;
  readonly port: number;
  /** `http://127.0.0.1:<port>` or `https://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** The certificate to trust (node:https `ca`) when the server speaks HTTPS. */
  readonly ca: string | undefined;
  readonly dataDir: string;
  readonly pid: number;
  /** The `listening` log line. */
  readonly listening: ServerLogLine;
  /** Everything the server wrote on stderr so far (the oldest lines are dropped past 4 MB). */
  stderr(): string;
  /** The JSON log lines so far. */
  logs(): ServerLogLine[];
  /** Resolves when the process has exited. */
  readonly exited: Promise<ServerExit>;
  /** SIGTERM, then SIGKILL if it has not exited within `timeoutMs` (default 10 000). */
  stop(options?: { timeoutMs?: number; keepDataDir?: boolean }): Promise<ServerExit>;
  /** SIGKILL (a crash, for recovery tests). */
  kill(options?: { keepDataDir?: boolean }): Promise<ServerExit>;
}

/** Thrown when a server does not come up. */
export class ServerStartError extends Error {
  override readonly name = 'ServerStartError';
  constructor(
    message: string,
    /** The server's stderr, for diagnostics. */
    readonly stderr: string,
  ) {
    super(`${message}\n--- server stderr (last 4000 chars) ---\n${stderr.slice(-4000)}`);
  }
}

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last line of defence: no child outlives the test process, no temp folder is left behind.
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
}

/** A port that was free on 127.0.0.1 a moment ago (listen on port 0, read it, close). */
export async function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no port from the probe listener'))));
    });
  });
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/**
 * Starts a reference server child process and waits until it listens.
 *
 * @example
 * const server = await startServer();
 * // ... requests to server.baseUrl ...
 * await server.stop();
 *
 * @throws {ServerStartError} when it exits or stays silent past the start timeout.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const attempts = options.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = options.port ?? (await getFreePort());
    try {
      return await startOnce(options, port);
    } catch (err) {
      lastError = err;
      // Someone took the free port between the probe and the server's listen: pick another.
      const taken = err instanceof ServerStartError && /EADDRINUSE/.test(err.stderr);
      if (!taken) throw err;
    }
  }
  throw lastError;
}

/**
 * Starts `previous` again after it stopped (`stop({ keepDataDir: true })` or
 * `kill({ keepDataDir: true })`): same server name, port and data folder, hence the
 * same signing key (`signing.key`) and database. Pass the same `tls`, `storage`, ...
 * as at the first start. A temporary data folder created for `previous` is deleted
 * when the restarted server stops (unless kept again).
 *
 * @example
 * await b.stop({ keepDataDir: true });
 * b = await restartServer(b, { tls: cert });
 */
export async function restartServer(
  previous: TestServer,
  options: Omit<StartServerOptions, 'serverName' | 'port' | 'dataDir'> = {},
): Promise<TestServer> {
  await previous.exited;
  return startOnce({ ...options, serverName: previous.serverName, dataDir: previous.dataDir }, previous.port, tempDirs.has(previous.dataDir));
}

async function startOnce(options: StartServerOptions, port: number, adoptDataDir = false): Promise<TestServer> {
  installExitHook();
  const serverName = options.serverName ?? `127.0.0.1:${port}`;
  const ownDataDir = options.dataDir === undefined || adoptDataDir;
  const dataDir = options.dataDir ?? tempDir('maxtryx-data-');
  const runDir = tempDir('maxtryx-run-');
  const configFile = join(runDir, 'config.json');
  const federation: TestFederationConfig = {
    ...(options.tls ? { scheme: 'https', allowSelfSigned: true } : { scheme: 'http' }),
    ...(options.federation ?? {}),
  };
  const fileConfig: Record<string, unknown> = {
    ...(options.tls ? { tls: { certFile: options.tls.certFile, keyFile: options.tls.keyFile } } : {}),
    federation,
    ...(options.config ?? {}),
  };
  writeFileSync(configFile, JSON.stringify(fileConfig, null, 2));
  const ca = options.tls ? (options.tls.cert ?? readFileSync(options.tls.certFile, 'utf8')) : undefined;

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('MAXTRYX_')) env[k] = v;
  Object.assign(env, {
    MAXTRYX_SERVER_NAME: serverName,
    MAXTRYX_BIND: '127.0.0.1',
    MAXTRYX_PORT: String(port),
    MAXTRYX_DATA_DIR: dataDir,
    MAXTRYX_LOG_LEVEL: options.logLevel ?? 'info',
    MAXTRYX_CONFIG: configFile,
    ...(options.storage ? { MAXTRYX_STORAGE: options.storage } : {}),
    ...(options.env ?? {}),
  });

  const child = spawn(process.execPath, ['--conditions=@maxtryx/source', '--import', 'tsx', serverMain], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);

  const MAX_STDERR = 4 * 1024 * 1024;
  let stderrText = '';
  const logs: ServerLogLine[] = [];
  let partial = '';
  let onLine: ((line: ServerLogLine) => void) | undefined;
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    // Not expected, but kept with stderr so nothing is lost and the pipe never fills.
    stderrText = (stderrText + chunk).slice(-MAX_STDERR);
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderrText = (stderrText + chunk).slice(-MAX_STDERR);
    partial += chunk;
    let nl: number;
    while ((nl = partial.indexOf('\n')) !== -1) {
      const text = partial.slice(0, nl).trim();
      partial = partial.slice(nl + 1);
      if (!text.startsWith('{')) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        continue;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) continue;
      const line = parsed as ServerLogLine;
      if (logs.length >= 20_000) logs.shift();
      logs.push(line);
      onLine?.(line);
    }
  });

  let forced = false;
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal, forced });
    });
  });

  const cleanup = (keepDataDir: boolean) => {
    removeTempDir(runDir);
    if (ownDataDir && !keepDataDir) removeTempDir(dataDir);
  };

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  let listening: ServerLogLine;
  try {
    listening = await new Promise<ServerLogLine>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new ServerStartError(`server ${serverName} did not log "listening" within ${timeoutMs} ms`, stderrText));
      }, timeoutMs);
      onLine = (line) => {
        if (line.level === 'info' && line.msg === 'listening') {
          clearTimeout(timer);
          resolve(line);
        }
      };
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new ServerStartError(`cannot spawn the server: ${err.message}`, stderrText));
      });
      void exited.then((exit) => {
        clearTimeout(timer);
        reject(new ServerStartError(`server ${serverName} exited before listening (code ${exit.code}, signal ${exit.signal})`, stderrText));
      });
    });
  } catch (err) {
    child.kill('SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    cleanup(false);
    throw err;
  } finally {
    onLine = undefined;
  }
  if (typeof listening.port === 'number' && listening.port !== port) {
    child.kill('SIGKILL');
    await exited;
    cleanup(false);
    throw new ServerStartError(`server ${serverName} listens on port ${String(listening.port)}, expected ${port}`, stderrText);
  }

  const waitExit = async (ms: number): Promise<ServerExit | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([exited, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))]);
    clearTimeout(timer);
    return result;
  };

  const scheme = options.tls ? 'https' : 'http';
  return {
    serverName,
    port,
    baseUrl: `${scheme}://127.0.0.1:${port}`,
    ca,
    dataDir,
    pid: child.pid ?? -1,
    listening,
    stderr: () => stderrText,
    logs: () => [...logs],
    exited,
    async stop({ timeoutMs: stopTimeoutMs = 10_000, keepDataDir = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        if ((await waitExit(stopTimeoutMs)) === undefined) {
          forced = true;
          child.kill('SIGKILL');
          await waitExit(5_000);
        }
      }
      const exit = await waitExit(5_000);
      cleanup(keepDataDir);
      if (exit === undefined) throw new Error(`server ${serverName} (pid ${child.pid}) did not exit even after SIGKILL`);
      return exit;
    },
    async kill({ keepDataDir = false } = {}) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      const exit = await waitExit(5_000);
      cleanup(keepDataDir);
      if (exit === undefined) throw new Error(`server ${serverName} (pid ${child.pid}) did not exit after SIGKILL`);
      return exit;
    },
  };
}

/** Starts two servers that federate with each other over HTTPS with a shared self-signed certificate. */
export async function startServerPair(
  tls: TestTlsConfig,
  options: Omit<StartServerOptions, 'tls' | 'serverName' | 'port'> = {},
): Promise<[TestServer, TestServer]> {
  const a = await startServer({ ...options, tls });
  try {
    const b = await startServer({ ...options, tls });
    return [a, b];
  } catch (err) {
    await a.kill();
    throw err;
  }
}

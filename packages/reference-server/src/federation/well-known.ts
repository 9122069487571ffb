/**
 * `/.well-known/matrix/server` delegation, the fetching side (server-server API, "Resolving
 * server names", step 3): an HTTPS `GET` of `https://<hostname>/.well-known/matrix/server`,
 * 30x redirects followed without loops, the answer's `m.server` checked as a server name,
 * and every outcome cached (the `Cache-Control` max-age or 24 hours, at most 48 hours;
 * failures for an hour), as the spec recommends.
 *
 * @module
 */
import { request as httpsRequest } from 'node:https';
import { isValidServerName } from '@maxtryx/entity';
import { parseStrictJson } from '@maxtryx/federation-core';

/** Settings of {@link createWellKnownFetcher}. */
export interface WellKnownOptions {
  /** Accept self-signed certificates (test and private deployments only). */
  readonly allowSelfSigned: boolean;
  /** Give up a request after this many ms. */
  readonly timeoutMs: number;
  /** The port to ask (default 443, the spec's; another only for tests). */
  readonly port?: number;
  /** The clock, in ms (default `Date.now`). */
  readonly now?: () => number;
}

/** The longest answer read: a well-known document is a few dozen bytes. */
const MAX_BYTES = 50 * 1024;
/** Redirects followed before giving up. */
const MAX_REDIRECTS = 5;
const HOUR_MS = 3_600_000;
/** "The recommended sensible default is 24 hours." */
const DEFAULT_CACHE_MS = 24 * HOUR_MS;
/** "Servers should additionally impose a maximum cache time for responses: 48 hours is recommended." */
const MAX_CACHE_MS = 48 * HOUR_MS;
/** "Errors are recommended to be cached for up to an hour." */
const ERROR_CACHE_MS = HOUR_MS;

interface Answer {
  readonly server: string | undefined;
  readonly cacheMs: number;
}

/** How long an answer may be cached, from its `Cache-Control` header. */
export function cacheTimeOf(cacheControl: string | undefined): number {
  if (cacheControl === undefined) return DEFAULT_CACHE_MS;
  if (/(^|,)\s*(no-store|no-cache)\s*(,|$)/i.test(cacheControl)) return 0;
  const m = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?\s*(?:,|$)/i.exec(cacheControl);
  if (m === null) return DEFAULT_CACHE_MS;
  return Math.min(MAX_CACHE_MS, Number(m[1]) * 1000);
}

/**
 * The `m.server` of a well-known document, if it is one: a JSON object whose `m.server` is a
 * valid server name (`<hostname>[:<port>]`). Anything else is "invalid" and skips delegation.
 */
export function delegatedServerOf(body: Uint8Array): string | undefined {
  let doc: unknown;
  try {
    doc = parseStrictJson(body, { numbers: 'lenient' });
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const server = (doc as Record<string, unknown>)['m.server'];
  return typeof server === 'string' && isValidServerName(server) ? server : undefined;
}

/**
 * A `fetchWellKnown` for `resolveServerName`: fetches (or answers from its cache) the
 * delegated server name of a hostname; undefined when there is none or the request failed.
 */
export function createWellKnownFetcher(options: WellKnownOptions): (hostname: string) => Promise<string | undefined> {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { server: string | undefined; expires: number }>();
  const inFlight = new Map<string, Promise<string | undefined>>();
  return (hostname) => {
    const hit = cache.get(hostname);
    if (hit !== undefined && hit.expires > now()) return Promise.resolve(hit.server);
    let pending = inFlight.get(hostname);
    if (pending === undefined) {
      pending = fetchFollowing(hostname, options)
        .catch((): Answer => ({ server: undefined, cacheMs: ERROR_CACHE_MS }))
        .then((answer) => {
          cache.set(hostname, { server: answer.server, expires: now() + answer.cacheMs });
          return answer.server;
        })
        .finally(() => inFlight.delete(hostname));
      inFlight.set(hostname, pending);
    }
    return pending;
  };
}

/** GETs the document, following redirects (never to a URL already visited). */
async function fetchFollowing(hostname: string, options: WellKnownOptions): Promise<Answer> {
  let url = new URL(`https://${hostname}/.well-known/matrix/server`);
  if (options.port !== undefined) url.port = String(options.port);
  const visited = new Set<string>();
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    // "30x redirects should be followed, however redirection loops should be avoided."
    if (visited.has(url.href) || url.protocol !== 'https:') break;
    visited.add(url.href);
    const res = await get(url, options);
    if (res.status >= 300 && res.status < 400 && res.location !== undefined) {
      url = new URL(res.location, url);
      continue;
    }
    // "If the response is invalid (bad JSON, missing properties, non-200 response, etc), skip to step 4."
    if (res.status !== 200) return { server: undefined, cacheMs: ERROR_CACHE_MS };
    const server = delegatedServerOf(res.body);
    return server === undefined ? { server, cacheMs: ERROR_CACHE_MS } : { server, cacheMs: cacheTimeOf(res.cacheControl) };
  }
  return { server: undefined, cacheMs: ERROR_CACHE_MS };
}

interface RawAnswer {
  readonly status: number;
  readonly location: string | undefined;
  readonly cacheControl: string | undefined;
  readonly body: Uint8Array;
}

function get(url: URL, options: WellKnownOptions): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'GET', timeout: options.timeoutMs, rejectUnauthorized: !options.allowSelfSigned, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BYTES) req.destroy(new Error(`well-known answer over ${MAX_BYTES} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: typeof res.headers.location === 'string' ? res.headers.location : undefined,
          cacheControl: typeof res.headers['cache-control'] === 'string' ? res.headers['cache-control'] : undefined,
          body: new Uint8Array(Buffer.concat(chunks)),
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`well-known request timed out after ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

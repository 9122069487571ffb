/**
 * A small router: method and path pattern (`/rooms/:roomId/send/:type/:txnId`) to a handler.
 * Path parameters are percent-decoded; a malformed escape is a 400, never a crash.
 *
 * @module
 */
import type { IncomingMessage } from 'node:http';

/** What a handler receives. */
export interface RouteContext {
  readonly req: IncomingMessage;
  readonly method: string;
  /** The raw path and query, as the client sent it (X-Matrix signs this). */
  readonly rawUri: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /**
   * The request body parsed as strict JSON (read once, bounded); `M_NOT_JSON` when it is not
   * JSON. Numbers are canonical JSON integers unless `numbers` is `'lenient'` (federation
   * bodies, which may carry PDUs of room versions 1 to 5); the first call's mode holds.
   */
  readonly json: (options?: { numbers?: 'strict' | 'lenient' }) => Promise<unknown>;
}

/** What a handler returns: a status and a JSON body. */
export interface RouteResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A route handler. */
export type Handler = (ctx: RouteContext) => Promise<RouteResult> | RouteResult;

interface Route {
  readonly method: string;
  readonly segments: readonly string[];
  readonly handler: Handler;
}

/** Thrown for a path whose percent-encoding is malformed. */
export class BadPathError extends Error {
  override readonly name = 'BadPathError';
}

/** A method + path-pattern router. */
export class Router {
  private readonly routes: Route[] = [];

  /** Registers `handler` for `method` and `pattern` (`:name` segments capture). */
  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** Finds the route for a request: the handler and params, `methodNotAllowed`, or undefined. */
  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Record<string, string> } | 'methodNotAllowed' | undefined {
    const parts = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = route.segments[i]!;
        const part = parts[i]!;
        if (seg.startsWith(':')) {
          try {
            params[seg.slice(1)] = decodeURIComponent(part);
          } catch (cause) {
            throw new BadPathError(`malformed percent-encoding in path segment ${JSON.stringify(part)}`, { cause });
          }
        } else if (seg !== part) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      pathMatched = true;
      if (route.method === method) return { handler: route.handler, params };
    }
    return pathMatched ? 'methodNotAllowed' : undefined;
  }
}

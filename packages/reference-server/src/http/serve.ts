/**
 * The HTTP request handler: routing, bodies, CORS, and every error turned into the
 * spec's error body. A handler never crashes the process.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isMatrixError, MatrixError } from '@maxtryx/entity';
import type { Logger } from '../logger.js';
import { parseJsonBody, readBody } from './body.js';
import { BadPathError, type RouteContext, type Router } from './router.js';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'X-Requested-With, Content-Type, Authorization',
};

/** Sends a JSON response. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...CORS, ...headers });
  res.end(text);
}

/** Creates the `(req, res)` listener for a router. */
export function createRequestListener(router: Router, logger: Logger, maxBodyBytes: number) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void handle(router, logger, maxBodyBytes, req, res);
  };
}

async function handle(router: Router, logger: Logger, maxBodyBytes: number, req: IncomingMessage, res: ServerResponse) {
  const started = Date.now();
  const method = req.method ?? 'GET';
  const rawUri = req.url ?? '/';
  let status = 500;
  try {
    if (method === 'OPTIONS') {
      status = 204;
      res.writeHead(204, CORS).end();
      return;
    }
    const url = new URL(rawUri, 'http://localhost');
    const match = router.match(method, url.pathname);
    if (match === undefined) throw new MatrixError('M_UNRECOGNIZED', 'Unrecognized request', { httpStatus: 404 });
    if (match === 'methodNotAllowed') throw new MatrixError('M_UNRECOGNIZED', 'Method not allowed', { httpStatus: 405 });
    let parsed: Promise<unknown> | undefined;
    const ctx: RouteContext = {
      req,
      method,
      rawUri,
      path: url.pathname,
      params: match.params,
      query: url.searchParams,
      json: (options) => (parsed ??= readBody(req, maxBodyBytes).then((bytes) => parseJsonBody(bytes, options?.numbers))),
    };
    const result = await match.handler(ctx);
    status = result.status;
    sendJson(res, result.status, result.body, { ...(result.headers ?? {}) });
  } catch (err) {
    const error = toMatrixError(err);
    status = error.httpStatus;
    if (status >= 500) logger.error('request failed', { method, uri: rawUri.split('?')[0], err: err as Error });
    if (!res.headersSent) sendJson(res, error.httpStatus, error.toJSON());
    else res.destroy();
  } finally {
    logger.debug('request', { method, uri: rawUri.split('?')[0], status, ms: Date.now() - started });
  }
}

/** Maps any thrown value to the Matrix error sent on the wire. */
export function toMatrixError(err: unknown): MatrixError {
  if (isMatrixError(err)) return err;
  if (err instanceof BadPathError) return new MatrixError('M_INVALID_PARAM', err.message, { httpStatus: 400 });
  return new MatrixError('M_UNKNOWN', 'Internal server error', { httpStatus: 500, cause: err });
}

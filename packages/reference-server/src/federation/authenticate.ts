/**
 * Authenticating federation requests with X-Matrix (server-server API, "Request
 * Authentication"). Every federation endpoint but the key endpoints requires it;
 * an unauthenticated or forged request is `401 M_UNAUTHORIZED` and changes nothing.
 *
 * @module
 */
import { MatrixError } from '@maxtryx/entity';
import { verifyXMatrixAuthorization, type JsonValue } from '@maxtryx/federation-core';
import type { RouteContext } from '../http/router.js';
import { federationJson } from './client.js';
import type { Services } from '../services.js';

/** What an authenticated federation request carries: its origin and its body. */
export interface AuthenticatedRequest {
  readonly origin: string;
  readonly body: unknown;
}

/**
 * Verifies the request's X-Matrix `Authorization` header (one of them, if several)
 * against the origin's keys, over the method, URI, destination and JSON body.
 */
export async function authenticateServer(ctx: RouteContext, services: Services): Promise<AuthenticatedRequest> {
  const raw = ctx.req.headers.authorization;
  if (!raw) throw new MatrixError('M_UNAUTHORIZED', 'missing X-Matrix Authorization header', { httpStatus: 401 });
  const hasBody = ctx.method !== 'GET' && ctx.method !== 'DELETE';
  // Federation bodies may carry PDUs of room versions 1 to 5 with floats: parsed and verified
  // with lenient numbers (each PDU is held to its room version's rules afterwards).
  const body = hasBody ? await ctx.json({ numbers: federationJson.canonicalJson.numbers }) : undefined;
  let lastReason = 'no X-Matrix signature';
  // Several servers send one header; a header list is comma-joined by Node only for
  // some fields, so split on "X-Matrix " boundaries.
  for (const header of raw.split(/,\s*(?=X-Matrix\s)/i)) {
    const result = await verifyXMatrixAuthorization({
      header,
      method: ctx.method,
      uri: ctx.rawUri,
      destination: services.config.serverName,
      ...(hasBody ? { content: body as JsonValue } : {}),
      lookupKey: services.keyRing.lookup,
      now: services.now(),
      ...federationJson,
    });
    if (result.ok) {
      services.sender.wakeUp(result.origin);
      return { origin: result.origin, body };
    }
    lastReason = result.reason;
  }
  throw new MatrixError('M_UNAUTHORIZED', `invalid X-Matrix authorization: ${lastReason}`, { httpStatus: 401 });
}

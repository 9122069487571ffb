/**
 * Access tokens (client-server API "Client Authentication", "Using access tokens"):
 * random, given to the client once, kept in the store only as their SHA-256 hash.
 * A request presents one in `Authorization: Bearer <token>` or, deprecated, in the
 * `access_token` query parameter. Missing: `401 M_MISSING_TOKEN`; not recognised
 * (unknown, expired, logged out): `401 M_UNKNOWN_TOKEN`.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { MatrixError } from '@maxtryx/entity';
import type { RouteContext } from '../http/router.js';
import type { Services } from '../services.js';

/** Who is making an authenticated request. */
export interface Requester {
  readonly userId: string;
  readonly deviceId: string;
  /** The hash under which the presented token is stored. */
  readonly tokenHash: string;
}

/** The form a token is stored in: unpadded base64url of its SHA-256. */
export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Issues a new access token for a device and stores its hash. */
export async function issueAccessToken(services: Services, userId: string, deviceId: string): Promise<string> {
  const token = `mxt_${randomBytes(32).toString('base64url')}`;
  await services.store.putAccessToken({ token: hashAccessToken(token), userId, deviceId });
  return token;
}

/** The token a request presents, if any. */
export function presentedToken(ctx: RouteContext): string | undefined {
  const header = ctx.req.headers.authorization;
  if (typeof header === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (m) return m[1];
  }
  return ctx.query.get('access_token') ?? undefined;
}

/** Authenticates a request by its access token. */
export async function authenticate(ctx: RouteContext, services: Services): Promise<Requester> {
  const token = presentedToken(ctx);
  if (token === undefined || token === '') {
    throw new MatrixError('M_MISSING_TOKEN', 'Missing access token', { httpStatus: 401 });
  }
  // Bounded: no real token is longer; a longer one is simply unknown.
  if (token.length > 512) throw new MatrixError('M_UNKNOWN_TOKEN', 'Unrecognised access token', { httpStatus: 401, extra: { soft_logout: false } });
  const tokenHash = hashAccessToken(token);
  const record = await services.store.getAccessToken(tokenHash, services.now());
  if (!record) throw new MatrixError('M_UNKNOWN_TOKEN', 'Unrecognised access token', { httpStatus: 401, extra: { soft_logout: false } });
  const user = await services.store.getUser(record.userId);
  if (!user || user.deactivated) {
    throw new MatrixError('M_UNKNOWN_TOKEN', 'Unrecognised access token', { httpStatus: 401, extra: { soft_logout: false } });
  }
  return { userId: record.userId, deviceId: record.deviceId, tokenHash };
}

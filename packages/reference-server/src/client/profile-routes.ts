/**
 * Profile endpoints (client-server API "Profiles"): `GET /v3/profile/{userId}`,
 * `GET`/`PUT`/`DELETE /v3/profile/{userId}/{keyName}` for `displayname` and `avatar_url`.
 *
 * @module
 */
import { MatrixError, profileFieldBodySchema, utf8ByteLength } from '@maxtryx/entity';
import type { RouteContext, Router } from '../http/router.js';
import { authenticate } from './access-token.js';
import { parseBody } from './body.js';
import type { ClientServices } from './client-services.js';
import { userIdParam } from './params.js';
import { lookupProfile, propagateProfile } from './profile.js';

/** The profile fields this server stores. */
export const PROFILE_FIELDS = ['displayname', 'avatar_url'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];
/** Bytes a display name or avatar URL may take. */
const MAX_FIELD_BYTES = 1024;

function fieldParam(key: string | undefined): ProfileField | undefined {
  return PROFILE_FIELDS.find((f) => f === key);
}

/** Registers the profile routes. */
export function registerProfileRoutes(router: Router, cs: ClientServices): void {
  const { services } = cs;

  // GET /_matrix/client/v3/profile/{userId}: every field; 404 M_NOT_FOUND for no such user.
  // Public: no access token needed.
  router.on('GET', '/_matrix/client/v3/profile/:userId', async (ctx) => {
    return { status: 200, body: await lookupProfile(services, userIdParam(ctx)) };
  });

  // GET /_matrix/client/v3/profile/{userId}/{keyName}: one field; 404 M_NOT_FOUND when unset.
  router.on('GET', '/_matrix/client/v3/profile/:userId/:keyName', async (ctx) => {
    const userId = userIdParam(ctx);
    const key = ctx.params.keyName ?? '';
    const profile = await lookupProfile(services, userId);
    const value = fieldParam(key) ? profile[fieldParam(key)!] : undefined;
    if (value === undefined) throw new MatrixError('M_NOT_FOUND', `The user has no ${key}`, { httpStatus: 404 });
    return { status: 200, body: { [key]: value } };
  });

  const change = async (userId: string, field: ProfileField, value: string | undefined) => {
    await services.store.updateUser(userId, field === 'displayname' ? { displayName: value } : { avatarUrl: value });
    await propagateProfile(services, userId);
  };
  const own = async (ctx: RouteContext) => {
    const me = await authenticate(ctx, services);
    const userId = userIdParam(ctx);
    // 403: "insufficient permissions": only one's own profile.
    if (userId !== me.userId) throw new MatrixError('M_FORBIDDEN', 'You may only change your own profile', { httpStatus: 403 });
    const field = fieldParam(ctx.params.keyName);
    if (!field) throw new MatrixError('M_FORBIDDEN', `This server does not store the profile field ${ctx.params.keyName}`, { httpStatus: 403 });
    return { userId, field };
  };

  // PUT /_matrix/client/v3/profile/{userId}/{keyName}: {"<keyName>": value}.
  router.on('PUT', '/_matrix/client/v3/profile/:userId/:keyName', async (ctx) => {
    const { userId, field } = await own(ctx);
    const body = await parseBody(ctx, profileFieldBodySchema);
    if (!(field in body)) throw new MatrixError('M_MISSING_PARAM', `the body must hold ${field}`, { httpStatus: 400 });
    const value = body[field] as string;
    if (utf8ByteLength(value) > MAX_FIELD_BYTES) throw new MatrixError('M_INVALID_PARAM', `${field} longer than ${MAX_FIELD_BYTES} bytes`, { httpStatus: 400 });
    await change(userId, field, value);
    return { status: 200, body: {} };
  });

  // DELETE /_matrix/client/v3/profile/{userId}/{keyName}.
  router.on('DELETE', '/_matrix/client/v3/profile/:userId/:keyName', async (ctx) => {
    const { userId, field } = await own(ctx);
    await change(userId, field, undefined);
    return { status: 200, body: {} };
  });
}

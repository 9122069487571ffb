/**
 * User profiles (client-server API "Profiles"): the display name and avatar URL of local
 * users, kept in their user record; those of remote users asked of their server with the
 * federation profile query (`GET /_matrix/federation/v1/query/profile`). A change is
 * copied into the user's `m.room.member` event in every room they are joined to
 * ("Events on Change of Profile Information").
 *
 * @module
 */
import { isValidHistoricalUserId, MatrixError } from '@maxtryx/entity';
import { isJsonObject, stateKeyOf, type JsonObject } from '@maxtryx/federation-core';
import { remoteFailureToMatrixError } from '../federation/client.js';
import { serverOf } from '../rooms/room-events.js';
import type { Services } from '../services.js';
import { sendClientEvent } from './send-event.js';

/** A profile as the client API shows it. */
export interface Profile {
  displayname?: string;
  avatar_url?: string;
}

/** The profile of a local user, or undefined for a user that does not exist. */
export async function localProfile(services: Services, userId: string): Promise<Profile | undefined> {
  if (!isValidHistoricalUserId(userId)) return undefined;
  const user = await services.store.getUser(userId);
  if (!user) return undefined;
  const profile: Profile = {};
  if (user.displayName !== undefined) profile.displayname = user.displayName;
  if (user.avatarUrl !== undefined) profile.avatar_url = user.avatarUrl;
  return profile;
}

/** The profile of any user; `404 M_NOT_FOUND` when there is none. */
export async function lookupProfile(services: Services, userId: string): Promise<Profile> {
  if (serverOf(userId) === services.config.serverName) {
    const profile = await localProfile(services, userId);
    if (!profile) throw new MatrixError('M_NOT_FOUND', 'Profile not found', { httpStatus: 404 });
    return profile;
  }
  let answer: unknown;
  try {
    answer = await services.federation.request(serverOf(userId), 'GET', `/_matrix/federation/v1/query/profile?user_id=${encodeURIComponent(userId)}`);
  } catch (err) {
    throw remoteFailureToMatrixError(err, 'profile query');
  }
  const profile: Profile = {};
  if (isJsonObject(answer)) {
    if (typeof answer.displayname === 'string') profile.displayname = answer.displayname;
    if (typeof answer.avatar_url === 'string') profile.avatar_url = answer.avatar_url;
  }
  return profile;
}

/** The profile keys of a member event of a local user (`displayname`, `avatar_url`). */
export async function memberProfileContent(services: Services, userId: string): Promise<JsonObject> {
  const profile = await localProfile(services, userId);
  return { ...(profile ?? {}) } as JsonObject;
}

/**
 * Copies a local user's profile into their member event in each room they are joined to.
 * A room that refuses (for example for lack of power) is logged and skipped.
 */
export async function propagateProfile(services: Services, userId: string): Promise<void> {
  const profile = (await localProfile(services, userId)) ?? {};
  for (const roomId of await services.store.getRoomsForUser(userId, 'join')) {
    try {
      const memberId = await services.store.getCurrentStateEventId(roomId, stateKeyOf('m.room.member', userId));
      const current = memberId ? await services.store.getEvent(memberId) : undefined;
      const content: JsonObject = { ...(current?.pdu.content ?? {}), membership: 'join' };
      delete content.displayname;
      delete content.avatar_url;
      Object.assign(content, profile);
      await sendClientEvent(services, roomId, { type: 'm.room.member', state_key: userId, sender: userId, content });
    } catch (err) {
      services.logger.warn('cannot update the member event with the new profile', { roomId, userId, err: err as Error });
    }
  }
}

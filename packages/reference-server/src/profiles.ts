/**
 * Users' global profiles (display name, avatar URL and other public fields), read by
 * the client API's profile endpoints and by the federation query
 * `GET /_matrix/federation/v1/query/profile`. Kept in memory: the store has no
 * profile table yet.
 *
 * @module
 */

/** A profile: field name to value (`displayname`, `avatar_url`, `m.tz`, ...). */
export type ProfileFields = Record<string, string>;

/** The most fields per profile and the longest value kept. */
const MAX_FIELDS = 32;
const MAX_VALUE_LENGTH = 4096;

/**
 * The profiles of local users.
 *
 * @example
 * const profiles = new ProfileDirectory();
 * profiles.set('@alice:a.org', 'displayname', 'Alice');
 * profiles.get('@alice:a.org'); // { displayname: 'Alice' }
 */
export class ProfileDirectory {
  private readonly profiles = new Map<string, ProfileFields>();

  /** A copy of the user's profile (empty when nothing is set). */
  get(userId: string): ProfileFields {
    return { ...(this.profiles.get(userId) ?? {}) };
  }

  /** Sets (or with undefined, removes) one field. Returns false when a bound is exceeded. */
  set(userId: string, field: string, value: string | undefined): boolean {
    const profile = this.profiles.get(userId) ?? {};
    if (value === undefined) {
      delete profile[field];
    } else {
      if (value.length > MAX_VALUE_LENGTH) return false;
      if (!Object.hasOwn(profile, field) && Object.keys(profile).length >= MAX_FIELDS) return false;
      profile[field] = value;
    }
    this.profiles.set(userId, profile);
    return true;
  }
}

/**
 * Filters uploaded with `POST /user/{userId}/filter` (client-server API "Filtering"),
 * kept in memory per user: at most {@link MAX_FILTERS_PER_USER}, the oldest forgotten
 * first. The same filter uploaded again gets its existing ID.
 *
 * @module
 */
import type { Filter } from '@maxtryx/entity';

/** How many filters a user keeps. */
export const MAX_FILTERS_PER_USER = 100;
/** How many users' filters are kept. */
const MAX_USERS = 100_000;

/** The filters of every user. */
export class FilterStore {
  private readonly byUser = new Map<string, { next: number; filters: Map<string, { filter: Filter; canonical: string }> }>();

  /** Stores a filter for a user and returns its ID. */
  create(userId: string, filter: Filter): string {
    let entry = this.byUser.get(userId);
    if (!entry) {
      entry = { next: 0, filters: new Map() };
      this.byUser.set(userId, entry);
      while (this.byUser.size > MAX_USERS) this.byUser.delete(this.byUser.keys().next().value!);
    }
    const canonical = JSON.stringify(filter);
    for (const [id, f] of entry.filters) if (f.canonical === canonical) return id;
    const id = String(entry.next++);
    entry.filters.set(id, { filter, canonical });
    while (entry.filters.size > MAX_FILTERS_PER_USER) entry.filters.delete(entry.filters.keys().next().value!);
    return id;
  }

  /** A user's filter by ID, or undefined. */
  get(userId: string, filterId: string): Filter | undefined {
    return this.byUser.get(userId)?.filters.get(filterId)?.filter;
  }
}

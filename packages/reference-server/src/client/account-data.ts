/**
 * Account data (client-server API "Client Config"): a user's global and per-room
 * objects, by type. In memory, bounded per user; each change takes a position of the
 * server's {@link EphemeralState} counter, so `/sync` reports it (and wakes for it).
 *
 * @module
 */
import { MatrixError } from '@maxtryx/entity';
import type { JsonObject } from '@maxtryx/federation-core';
import type { EphemeralState } from '../ephemeral.js';

/** The most account-data objects a user keeps (global and per room together). */
export const MAX_ACCOUNT_DATA_PER_USER = 1000;

interface Item {
  readonly roomId: string | undefined;
  readonly type: string;
  readonly content: JsonObject;
  readonly position: number;
}

/** Every user's account data. */
export class AccountDataStore {
  private readonly byUser = new Map<string, Map<string, Item>>();

  constructor(private readonly ephemeral: EphemeralState) {}

  /** Sets one object (global when `roomId` is undefined). */
  set(userId: string, roomId: string | undefined, type: string, content: JsonObject): void {
    let items = this.byUser.get(userId);
    if (!items) {
      items = new Map();
      this.byUser.set(userId, items);
    }
    const key = `${roomId ?? ''}\u0000${type}`;
    if (!items.has(key) && items.size >= MAX_ACCOUNT_DATA_PER_USER) {
      throw new MatrixError('M_FORBIDDEN', `at most ${MAX_ACCOUNT_DATA_PER_USER} account data objects per user`, { httpStatus: 403 });
    }
    items.delete(key);
    this.ephemeral.notify();
    items.set(key, { roomId, type, content, position: this.ephemeral.position });
  }

  /** One object, or undefined. */
  get(userId: string, roomId: string | undefined, type: string): JsonObject | undefined {
    return this.byUser.get(userId)?.get(`${roomId ?? ''}\u0000${type}`)?.content;
  }

  /** The objects (global, or of one room) changed after `position`, as account-data events. */
  changedSince(userId: string, roomId: string | undefined, position: number): Array<{ type: string; content: JsonObject }> {
    const out: Array<{ type: string; content: JsonObject }> = [];
    for (const item of this.byUser.get(userId)?.values() ?? []) {
      if (item.roomId === roomId && item.position > position) out.push({ type: item.type, content: item.content });
    }
    return out;
  }
}

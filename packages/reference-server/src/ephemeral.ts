/**
 * Ephemeral room data: typing notifications, read receipts and presence, as received
 * in EDUs (server-server API "Typing Notifications", "Receipts", "Presence") or set
 * by local users. Kept in memory only, bounded, and versioned so that `/sync` can ask
 * "what changed since position N" and wait for the next change.
 *
 * @module
 */

/** How long a typing notification lasts without a refresh (the EDU carries no timeout). */
export const DEFAULT_TYPING_TIMEOUT_MS = 30_000;
/** The most typing users kept per room. */
const MAX_TYPING_PER_ROOM = 100;
/** The most rooms with typing users, receipts, and the most users with presence. */
const MAX_ROOMS = 10_000;
const MAX_RECEIPT_USERS_PER_ROOM = 1_000;
const MAX_PRESENCE_USERS = 10_000;

/** One user's receipt in a room. */
export interface Receipt {
  readonly userId: string;
  /** The receipt type, e.g. `m.read`. */
  readonly receiptType: string;
  readonly eventIds: readonly string[];
  /** The receipt's data: `ts` and optionally `thread_id`. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The position at which it was set. */
  readonly position: number;
}

/** One user's presence. */
export interface PresenceState {
  readonly userId: string;
  readonly presence: 'online' | 'unavailable' | 'offline';
  readonly statusMsg?: string;
  /** `last_active_ago` as received, and when (ms) it was received: add the difference to age it. */
  readonly lastActiveAgo: number;
  readonly currentlyActive?: boolean;
  readonly receivedTs: number;
  readonly position: number;
}

interface Typing {
  expiresTs: number;
}

/**
 * The ephemeral state of every room this server knows. Every change moves
 * {@link EphemeralState.position}; readers compare positions to see what changed.
 *
 * @example
 * const eph = new EphemeralState(() => Date.now());
 * eph.setTyping('!r:a.org', '@bob:b.org', true);
 * eph.typingUsers('!r:a.org'); // ['@bob:b.org']
 */
export class EphemeralState {
  private readonly typing = new Map<string, Map<string, Typing>>();
  private readonly typingChanged = new Map<string, number>();
  private readonly receipts = new Map<string, Map<string, Receipt>>();
  private readonly presenceByUser = new Map<string, PresenceState>();
  private pos = 0;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly typingTimeoutMs = DEFAULT_TYPING_TIMEOUT_MS,
  ) {}

  /** The position of the latest change (0 before any). */
  get position(): number {
    return this.pos;
  }

  /** Starts (for `timeoutMs`, default 30 s) or stops a user's typing notification in a room. */
  setTyping(roomId: string, userId: string, typing: boolean, timeoutMs = this.typingTimeoutMs): void {
    let room = this.typing.get(roomId);
    if (!typing) {
      if (!room?.delete(userId)) return;
      if (room.size === 0) this.typing.delete(roomId);
    } else {
      if (!room) {
        if (this.typing.size >= MAX_ROOMS) return;
        room = new Map();
        this.typing.set(roomId, room);
      }
      if (!room.has(userId) && room.size >= MAX_TYPING_PER_ROOM) return;
      room.set(userId, { expiresTs: this.now() + Math.max(0, Math.min(timeoutMs, 120_000)) });
    }
    this.typingChanged.set(roomId, this.bump());
  }

  /** The users typing in a room now (expired notifications are dropped), sorted. */
  typingUsers(roomId: string): string[] {
    const room = this.typing.get(roomId);
    if (!room) return [];
    const now = this.now();
    const out: string[] = [];
    for (const [user, t] of room) if (t.expiresTs > now) out.push(user);
    return out.sort();
  }

  /** The position at which a room's typing set last changed (0 if never). */
  typingPosition(roomId: string): number {
    return this.typingChanged.get(roomId) ?? 0;
  }

  /** Records a user's receipt (the newest per user and receipt type wins). */
  setReceipt(roomId: string, receiptType: string, userId: string, eventIds: readonly string[], data: Readonly<Record<string, unknown>>): void {
    let room = this.receipts.get(roomId);
    if (!room) {
      if (this.receipts.size >= MAX_ROOMS) return;
      room = new Map();
      this.receipts.set(roomId, room);
    }
    const key = `${receiptType}\u0000${userId}`;
    if (!room.has(key) && room.size >= MAX_RECEIPT_USERS_PER_ROOM) {
      // Drop the oldest receipt of the room to stay bounded.
      const oldest = room.keys().next().value;
      if (oldest !== undefined) room.delete(oldest);
    }
    room.delete(key);
    room.set(key, { userId, receiptType, eventIds: [...eventIds], data: { ...data }, position: this.bump() });
  }

  /** The receipts of a room set after position `since` (every receipt for 0). */
  receiptsSince(roomId: string, since = 0): Receipt[] {
    return [...(this.receipts.get(roomId)?.values() ?? [])].filter((r) => r.position > since);
  }

  /** Records a user's presence. */
  setPresence(update: Omit<PresenceState, 'position' | 'receivedTs'>): void {
    if (!this.presenceByUser.has(update.userId) && this.presenceByUser.size >= MAX_PRESENCE_USERS) {
      const oldest = this.presenceByUser.keys().next().value;
      if (oldest !== undefined) this.presenceByUser.delete(oldest);
    }
    this.presenceByUser.delete(update.userId);
    this.presenceByUser.set(update.userId, { ...update, receivedTs: this.now(), position: this.bump() });
  }

  /** A user's presence, or undefined when nothing is known. */
  presence(userId: string): PresenceState | undefined {
    return this.presenceByUser.get(userId);
  }

  /** The presence updates after position `since`. */
  presenceSince(since = 0): PresenceState[] {
    return [...this.presenceByUser.values()].filter((p) => p.position > since);
  }

  /**
   * Signals a change that is not ephemeral data but that `/sync` must wake for
   * (for example an invite received over federation, which is not in the timeline).
   */
  notify(): void {
    this.bump();
  }

  /**
   * Resolves when the position moves past `since`, or after `timeoutMs`, or when
   * `signal` aborts; returns the position then.
   */
  waitForChange(since: number, timeoutMs: number, signal?: AbortSignal): Promise<number> {
    if (this.pos > since || signal?.aborted) return Promise.resolve(this.pos);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve(this.pos);
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      timer.unref?.();
      signal?.addEventListener('abort', done, { once: true });
      this.waiters.push(done);
    });
  }

  private bump(): number {
    this.pos++;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
    return this.pos;
  }
}

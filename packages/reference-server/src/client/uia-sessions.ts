/**
 * Sessions of user-interactive authentication (client-server API "User-Interactive
 * Authentication API"): an opaque ID handed out with the 401 response, remembered
 * with the stages completed in it, for a bounded time and in a bounded number.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';

/** How long a session lives. */
const SESSION_TTL_MS = 15 * 60 * 1000;
/** The most sessions kept; beyond it the oldest are forgotten. */
const MAX_SESSIONS = 10_000;

interface Session {
  readonly createdTs: number;
  readonly completed: Set<string>;
}

/** The open UIA sessions of this server (kept in memory). */
export class UiaSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly now: () => number) {}

  /** Opens a session and returns its ID. */
  create(): string {
    this.prune();
    const id = randomBytes(18).toString('base64url');
    this.sessions.set(id, { createdTs: this.now(), completed: new Set() });
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return id;
  }

  /** The stages completed in a live session, or undefined for an unknown or expired one. */
  completed(id: string): ReadonlySet<string> | undefined {
    const s = this.live(id);
    return s?.completed;
  }

  /** Records a completed stage of a live session; false for an unknown session. */
  complete(id: string, stage: string): boolean {
    const s = this.live(id);
    if (!s) return false;
    s.completed.add(stage);
    return true;
  }

  /** Ends a session (the API call it authenticated has been performed). */
  delete(id: string): void {
    this.sessions.delete(id);
  }

  private live(id: string): Session | undefined {
    const s = this.sessions.get(id);
    if (s && this.now() - s.createdTs > SESSION_TTL_MS) {
      this.sessions.delete(id);
      return undefined;
    }
    return s;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) {
      if (now - s.createdTs <= SESSION_TTL_MS) break; // insertion order is creation order
      this.sessions.delete(id);
    }
  }
}

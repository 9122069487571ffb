/**
 * Transaction identifiers (client-server API "Transaction identifiers"): a request
 * retransmitted with the same transaction ID, by the same device, to the same endpoint,
 * gets the answer of the first one. Also remembers which transaction sent which event,
 * for `unsigned.transaction_id`. In memory, bounded.
 *
 * @module
 */

/** The most transactions (and sent events) remembered; beyond it the oldest are forgotten. */
const MAX_ENTRIES = 20_000;

/** Who sent an event with which transaction ID. */
interface SentBy {
  readonly userId: string;
  readonly deviceId: string;
  readonly txnId: string;
}

function bounded<K, V>(map: Map<K, V>): void {
  while (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as K);
}

/** The transaction cache of the client API. */
export class TransactionCache {
  private readonly results = new Map<string, Promise<unknown>>();
  private readonly sentBy = new Map<string, SentBy>();

  /**
   * Runs `task` once per `(userId, deviceId, endpoint, txnId)`: a repeat (even while the
   * first is running) gets the first one's result. A failed task is forgotten, so a
   * retry runs again.
   */
  run<T>(userId: string, deviceId: string, endpoint: string, txnId: string, task: () => Promise<T>): Promise<T> {
    const key = [userId, deviceId, endpoint, txnId].join('\u0000');
    const existing = this.results.get(key);
    if (existing) return existing as Promise<T>;
    const p = task();
    this.results.set(key, p);
    bounded(this.results);
    p.catch(() => {
      if (this.results.get(key) === p) this.results.delete(key);
    });
    return p;
  }

  /** Records that `eventId` was sent by a device with a transaction ID. */
  recordSent(eventId: string, userId: string, deviceId: string, txnId: string): void {
    this.sentBy.set(eventId, { userId, deviceId, txnId });
    bounded(this.sentBy);
  }

  /** The transaction ID of `eventId` if `userId`'s device `deviceId` sent it. */
  transactionIdFor(eventId: string, userId: string, deviceId: string): string | undefined {
    const s = this.sentBy.get(eventId);
    return s && s.userId === userId && s.deviceId === deviceId ? s.txnId : undefined;
  }
}

/**
 * Outbound transactions: one queue per destination, at most one transaction in flight
 * per destination (at most 50 PDUs and 100 EDUs each), retries with exponential
 * backoff, and a circuit breaker that stops trying a dead server until its backoff
 * runs out. Everything is bounded: queue length, backoff, retries of one transaction.
 *
 * A destination that misses events while it is down catches up by itself with
 * get_missing_events when the next event reaches it, so dropping the oldest queued
 * PDUs of an overfull queue loses nothing for good.
 *
 * @module
 */
import type { Logger } from '../logger.js';
import type { FederationClient } from './client.js';

/** Bounds and timings of the sender. */
export interface SenderOptions {
  /** First retry delay. Default 1 s. */
  readonly initialBackoffMs?: number;
  /** Largest retry delay. Default 10 minutes. */
  readonly maxBackoffMs?: number;
  /** Most PDUs waiting per destination; beyond it the oldest are dropped. Default 5,000. */
  readonly maxQueuedPdus?: number;
  /** Most EDUs waiting per destination; beyond it the oldest are dropped. Default 1,000. */
  readonly maxQueuedEdus?: number;
}

interface DestinationState {
  pdus: unknown[];
  edus: unknown[];
  inFlight: boolean;
  failures: number;
  /** The circuit is open (no attempts) until this time. */
  retryAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** What the sender reports about one destination. */
export interface DestinationStatus {
  readonly queuedPdus: number;
  readonly queuedEdus: number;
  readonly failures: number;
  readonly circuitOpenUntil: number;
}

/** Sends PDUs and EDUs to other servers in transactions. */
export class TransactionSender {
  private readonly destinations = new Map<string, DestinationState>();
  private txnCounter = 0;
  private closed = false;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxPdus: number;
  private readonly maxEdus: number;

  constructor(
    private readonly client: FederationClient,
    private readonly logger: Logger,
    options: SenderOptions = {},
  ) {
    this.initialBackoff = options.initialBackoffMs ?? 1000;
    this.maxBackoff = options.maxBackoffMs ?? 10 * 60 * 1000;
    this.maxPdus = options.maxQueuedPdus ?? 5000;
    this.maxEdus = options.maxQueuedEdus ?? 1000;
  }

  private state(destination: string): DestinationState {
    let s = this.destinations.get(destination);
    if (!s) {
      s = { pdus: [], edus: [], inFlight: false, failures: 0, retryAt: 0, timer: undefined };
      this.destinations.set(destination, s);
    }
    return s;
  }

  /** Queues a PDU for each destination (never our own server). */
  sendPdu(destinations: Iterable<string>, pdu: unknown): void {
    for (const d of destinations) {
      if (d === this.client.origin) continue;
      const s = this.state(d);
      s.pdus.push(pdu);
      if (s.pdus.length > this.maxPdus) s.pdus.splice(0, s.pdus.length - this.maxPdus);
      this.kick(d);
    }
  }

  /** Queues an EDU for each destination (never our own server). */
  sendEdu(destinations: Iterable<string>, edu: unknown): void {
    for (const d of destinations) {
      if (d === this.client.origin) continue;
      const s = this.state(d);
      s.edus.push(edu);
      if (s.edus.length > this.maxEdus) s.edus.splice(0, s.edus.length - this.maxEdus);
      this.kick(d);
    }
  }

  /** Tries a destination again now (for example when it contacted us: it is back). */
  wakeUp(destination: string): void {
    const s = this.destinations.get(destination);
    if (!s || s.failures === 0) return;
    s.retryAt = 0;
    if (s.timer) clearTimeout(s.timer);
    s.timer = undefined;
    this.kick(destination);
  }

  /** The queue and retry state of a destination. */
  status(destination: string): DestinationStatus {
    const s = this.destinations.get(destination);
    return {
      queuedPdus: s?.pdus.length ?? 0,
      queuedEdus: s?.edus.length ?? 0,
      failures: s?.failures ?? 0,
      circuitOpenUntil: s?.retryAt ?? 0,
    };
  }

  /** Stops every timer; queued data is dropped. */
  close(): void {
    this.closed = true;
    for (const s of this.destinations.values()) if (s.timer) clearTimeout(s.timer);
  }

  private kick(destination: string): void {
    const s = this.state(destination);
    if (this.closed || s.inFlight || s.timer) return;
    const wait = s.retryAt - Date.now();
    if (wait > 0) {
      s.timer = setTimeout(() => {
        s.timer = undefined;
        this.kick(destination);
      }, wait);
      s.timer.unref?.();
      return;
    }
    if (s.pdus.length === 0 && s.edus.length === 0) return;
    void this.flush(destination, s);
  }

  private async flush(destination: string, s: DestinationState): Promise<void> {
    s.inFlight = true;
    const pdus = s.pdus.slice(0, 50);
    const edus = s.edus.slice(0, 100);
    const txnId = `${Date.now()}_${++this.txnCounter}`;
    try {
      const answer = (await this.client.request(destination, 'PUT', `/_matrix/federation/v1/send/${txnId}`, {
        origin: this.client.origin,
        origin_server_ts: Date.now(),
        pdus,
        edus,
      })) as { pdus?: Record<string, { error?: string }> };
      for (const [id, result] of Object.entries(answer?.pdus ?? {})) {
        if (result?.error) this.logger.warn('remote rejected a PDU', { destination, eventId: id, error: result.error });
      }
      // Remove what was sent by identity: the queue may have moved while in flight.
      const sent = new Set<unknown>([...pdus, ...edus]);
      s.pdus = s.pdus.filter((p) => !sent.has(p));
      s.edus = s.edus.filter((e) => !sent.has(e));
      s.failures = 0;
      s.retryAt = 0;
    } catch (err) {
      s.failures++;
      const backoff = Math.min(this.maxBackoff, this.initialBackoff * 2 ** Math.min(s.failures - 1, 20));
      s.retryAt = Date.now() + backoff;
      this.logger.warn('transaction failed; backing off', { destination, failures: s.failures, backoffMs: backoff, err: err as Error });
    } finally {
      s.inFlight = false;
    }
    this.kick(destination);
  }
}

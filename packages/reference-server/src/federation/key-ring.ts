/**
 * Server keys: our own key document, and other servers' keys fetched from their
 * `/_matrix/key/v2/server`, verified, and cached until their `valid_until_ts`
 * (capped at 7 days, server-server API "Retrieving server keys").
 *
 * @module
 */
import {
  buildServerKeyDocument,
  encodePublicKey,
  signJson,
  verifyServerKeyDocument,
  type ServerKeyDocument,
  type SigningKey,
  type VerifyKeyInfo,
  type VerifyKeyLookup,
} from '@maxtryx/federation-core';
import type { Logger } from '../logger.js';
import type { FederationClient } from './client.js';

/** How long our own key document says it is valid. */
const OWN_VALIDITY_MS = 24 * 60 * 60 * 1000;
/** How long a failed fetch is remembered before trying again. */
const NEGATIVE_CACHE_MS = 10_000;

interface CachedKeys {
  /** The document as the origin signed it (served again by our notary endpoint). */
  readonly document: ServerKeyDocument;
  readonly keys: Map<string, VerifyKeyInfo>;
  readonly validUntil: number;
}

/** Our keys and other servers' keys. */
export class KeyRing {
  private readonly cache = new Map<string, CachedKeys>();
  private readonly pending = new Map<string, Promise<CachedKeys | undefined>>();
  private readonly failures = new Map<string, number>();

  constructor(
    readonly serverName: string,
    readonly ownKeys: readonly SigningKey[],
    private readonly client: FederationClient,
    private readonly logger: Logger,
  ) {}

  /** The key that signs our events and requests. */
  get signingKey(): SigningKey {
    return this.ownKeys[0]!;
  }

  /** Our `/_matrix/key/v2/server` document, self-signed with every key. */
  ownKeyDocument(now = Date.now()): ServerKeyDocument {
    return buildServerKeyDocument({ serverName: this.serverName, keys: this.ownKeys, validUntilTs: now + OWN_VALIDITY_MS });
  }

  /** A key lookup for the verification functions of federation-core. */
  readonly lookup: VerifyKeyLookup = async (serverName, keyId) => {
    if (serverName === this.serverName) {
      const own = this.ownKeys.find((k) => k.keyId === keyId);
      return own ? { key: encodePublicKey(own), validUntilTs: Date.now() + OWN_VALIDITY_MS } : undefined;
    }
    let entry = this.cache.get(serverName);
    if (!entry || entry.validUntil < Date.now() || !entry.keys.has(keyId)) {
      entry = (await this.fetch(serverName)) ?? entry;
    }
    return entry?.keys.get(keyId);
  };

  /** The cached, origin-signed documents of a server (for the notary endpoint), fetching if needed. */
  async documentsFor(serverName: string): Promise<ServerKeyDocument[]> {
    if (serverName === this.serverName) return [this.ownKeyDocument()];
    let entry = this.cache.get(serverName);
    if (!entry || entry.validUntil < Date.now()) entry = (await this.fetch(serverName)) ?? entry;
    return entry ? [entry.document] : [];
  }

  /** Adds our notary signature to another server's document. */
  notarise(document: ServerKeyDocument): ServerKeyDocument {
    return signJson(document, this.serverName, this.signingKey) as ServerKeyDocument;
  }

  private fetch(serverName: string): Promise<CachedKeys | undefined> {
    const failedAt = this.failures.get(serverName);
    if (failedAt !== undefined && Date.now() - failedAt < NEGATIVE_CACHE_MS) return Promise.resolve(undefined);
    let p = this.pending.get(serverName);
    if (!p) {
      p = this.fetchNow(serverName).finally(() => this.pending.delete(serverName));
      this.pending.set(serverName, p);
    }
    return p;
  }

  private async fetchNow(serverName: string): Promise<CachedKeys | undefined> {
    try {
      const doc = (await this.client.request(serverName, 'GET', '/_matrix/key/v2/server', undefined, true)) as ServerKeyDocument;
      const now = Date.now();
      const verified = verifyServerKeyDocument(doc, { serverName, now });
      if (!verified.ok) throw new Error(`key document rejected: ${verified.reason}`);
      const validUntil = verified.effectiveValidUntilTs ?? verified.validUntilTs;
      const keys = new Map<string, VerifyKeyInfo>();
      for (const [id, key] of Object.entries(verified.verifyKeys)) keys.set(id, { key, validUntilTs: validUntil });
      for (const [id, old] of Object.entries(verified.oldVerifyKeys)) keys.set(id, { key: old.key, expiredTs: old.expiredTs });
      const entry = { document: doc, keys, validUntil };
      this.cache.set(serverName, entry);
      this.failures.delete(serverName);
      return entry;
    } catch (err) {
      this.failures.set(serverName, Date.now());
      this.logger.warn('cannot fetch server keys', { serverName, err: err as Error });
      return undefined;
    }
  }
}

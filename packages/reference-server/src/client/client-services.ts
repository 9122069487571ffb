/**
 * What the client-server routes share besides the server's {@link Services}: the
 * client data kept in memory (UIA sessions, transactions, filters, account data) and
 * the redaction index. Typing, receipts and presence are the server's
 * `services.ephemeral`, shared with federation.
 *
 * @module
 */
import type { Services } from '../services.js';
import { AccountDataStore } from './account-data.js';
import { FilterStore } from './filters.js';
import { RedactionIndex } from './redactions.js';
import { TransactionCache } from './txn-cache.js';
import { UiaSessions } from './uia-sessions.js';

/** The client API's parts. */
export interface ClientServices {
  readonly services: Services;
  readonly uia: UiaSessions;
  readonly txns: TransactionCache;
  readonly filters: FilterStore;
  readonly accountData: AccountDataStore;
  readonly redactions: RedactionIndex;
}

/** Creates the client API's parts for a server. */
export function createClientServices(services: Services): ClientServices {
  return {
    services,
    uia: new UiaSessions(services.now),
    txns: new TransactionCache(),
    filters: new FilterStore(),
    accountData: new AccountDataStore(services.ephemeral),
    redactions: new RedactionIndex(services.store),
  };
}

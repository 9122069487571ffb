/**
 * The user-ID checks the authorization rules need: the historical grammar
 * (spec appendix "Historical User IDs"), which servers MUST accept in events,
 * and the domain part of user, room and event IDs.
 *
 * Private to this package until `@maxtryx/entity` exports its identifier
 * validators; only the server-name grammar is taken from there.
 *
 * @module
 */
import { isValidServerName } from '@maxtryx/entity';

/**
 * Whether `value` is a user ID under the historical grammar: `@`, a localpart of
 * any characters but `:` and NUL (possibly empty), `:`, and a valid server name.
 * The 255-byte length limit is a PDU format check, not an authorization rule,
 * and is not applied here.
 *
 * @example
 * isHistoricalUserId('@alice:example.org'); // true
 * isHistoricalUserId('@Al ice:example.org'); // true (historical localpart)
 * isHistoricalUserId('alice:example.org'); // false
 */
export function isHistoricalUserId(value: unknown): value is string {
  if (typeof value !== 'string' || !value.startsWith('@')) return false;
  const colon = value.indexOf(':');
  if (colon === -1) return false;
  if (value.slice(1, colon).includes('\u0000')) return false;
  return isValidServerName(value.slice(colon + 1));
}

/**
 * The domain of a Matrix identifier with a sigil and a server part (`@user:server`,
 * `!room:server`, `$event:server`): everything after the first `:`, or
 * undefined when there is none.
 *
 * @example
 * domainOf('@alice:example.org:8448'); // 'example.org:8448'
 * domainOf('!abcdef'); // undefined
 */
export function domainOf(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined;
  const colon = id.indexOf(':');
  return colon === -1 ? undefined : id.slice(colon + 1);
}

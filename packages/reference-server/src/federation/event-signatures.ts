/**
 * Adding this server's signature to another server's event (the resident side of a
 * restricted join, the invited side of an invite) and checking one server's
 * signature on an event (server-server API "Signing Events").
 *
 * @module
 */
import {
  canonicalJsonOptionsFor,
  isJsonObject,
  normalizeVerifyKey,
  redactEvent,
  signJson,
  verifyJsonSignature,
  type JsonObject,
  type RoomVersion,
  type SigningKey,
  type VerifyKeyLookup,
} from '@maxtryx/federation-core';

/**
 * The event with `serverName`'s signature added: the redacted event is signed and the
 * signature copied into the event's `signatures`; every other field (and `unsigned`)
 * is left as it is.
 *
 * @example
 * const signed = addServerSignature(invite, rv, 'b.org', key);
 */
export function addServerSignature<T extends JsonObject>(event: T, rv: RoomVersion, serverName: string, key: SigningKey): T {
  const redacted = redactEvent(event, rv) as JsonObject;
  if (rv.eventFormat !== 'v1') delete redacted.event_id;
  const signed = signJson(redacted, serverName, key, canonicalJsonOptionsFor(rv));
  const existing = isJsonObject(event.signatures) ? event.signatures : {};
  return { ...event, signatures: { ...existing, [serverName]: signed.signatures[serverName]! } };
}

/**
 * Whether the event carries a valid signature of `serverName` over its redacted form:
 * at least one signature by a known key verifies and none by a known key fails.
 */
export async function hasValidServerSignature(
  event: JsonObject,
  rv: RoomVersion,
  serverName: string,
  lookup: VerifyKeyLookup,
): Promise<boolean> {
  const signatures = isJsonObject(event.signatures) ? event.signatures : undefined;
  const mine = signatures && isJsonObject(signatures[serverName]) ? (signatures[serverName] as JsonObject) : undefined;
  if (!mine) return false;
  const redacted = redactEvent(event, rv) as JsonObject;
  if (rv.eventFormat !== 'v1') delete redacted.event_id;
  let verified = 0;
  for (const keyId of Object.keys(mine).slice(0, 8)) {
    if (!keyId.startsWith('ed25519:')) continue;
    const info = normalizeVerifyKey(await lookup(serverName, keyId));
    if (!info) continue;
    let ok = false;
    try {
      ok = verifyJsonSignature(redacted, serverName, keyId, info.key, canonicalJsonOptionsFor(rv));
    } catch {
      ok = false;
    }
    if (!ok) return false;
    verified++;
  }
  return verified > 0;
}

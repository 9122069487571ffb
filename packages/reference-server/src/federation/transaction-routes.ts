/**
 * Inbound transactions (server-server API "Transactions"):
 * `PUT /_matrix/federation/v1/send/{txnId}`.
 *
 * A transaction is checked whole before anything is processed (at most 50 PDUs and
 * 100 EDUs, the transaction's `origin` is the authenticated server), then its PDUs go
 * one by one through the receipt checks of {@link PduReceiver} and its EDUs to
 * {@link handleEdu}. The answer is stored per `(origin, txnId)`: a retried transaction
 * gets the stored answer and is not processed again. Transactions of one origin are
 * processed one at a time, as the spec's sender waits for each answer.
 *
 * @module
 */
import { isValidRoomId, MAX_TRANSACTION_EDUS, MAX_TRANSACTION_PDUS, transactionSchema } from '@maxtryx/entity';
import { computeEventId, isJsonObject, type JsonObject, type RoomVersion } from '@maxtryx/federation-core';
import { spelledNumberPaths } from '../http/body.js';
import type { Router } from '../http/router.js';
import { KeyedMutex } from '../rooms/room-events.js';
import { PduReceiver } from '../rooms/receive-pdu.js';
import type { Services } from '../services.js';
import { authenticateServer } from './authenticate.js';
import { handleEdu } from './edu-handler.js';
import { isServerAllowedInRoom } from './server-acl.js';
import { badRequest, forbidden } from './wire-errors.js';

/** The longest transaction ID accepted. */
const MAX_TXN_ID_LENGTH = 255;

/**
 * Checks a transaction body before anything of it is processed.
 *
 * @throws {MatrixError} `400 M_BAD_JSON` for a body that is not a transaction or that
 *   carries more than 50 PDUs or 100 EDUs; `403 M_FORBIDDEN` when its `origin` is not
 *   the server that signed the request.
 */
export function checkTransaction(body: unknown, origin: string): { pdus: unknown[]; edus: unknown[] } {
  if (!isJsonObject(body)) throw badRequest('M_BAD_JSON', 'a transaction must be a JSON object');
  // "Transactions are limited in size; they can have at most 50 PDUs and 100 EDUs."
  if (Array.isArray(body.pdus) && body.pdus.length > MAX_TRANSACTION_PDUS) {
    throw badRequest('M_BAD_JSON', `a transaction carries at most ${MAX_TRANSACTION_PDUS} PDUs, not ${body.pdus.length}`);
  }
  if (Array.isArray(body.edus) && body.edus.length > MAX_TRANSACTION_EDUS) {
    throw badRequest('M_BAD_JSON', `a transaction carries at most ${MAX_TRANSACTION_EDUS} EDUs, not ${body.edus.length}`);
  }
  const parsed = transactionSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest('M_BAD_JSON', `invalid transaction: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  if (parsed.data.origin !== origin) throw forbidden(`the transaction's origin ${parsed.data.origin} is not the requesting server ${origin}`);
  return { pdus: parsed.data.pdus, edus: parsed.data.edus ?? [] };
}

/** Registers `PUT /send/{txnId}`. */
export function registerTransactionRoutes(router: Router, services: Services): void {
  const receiver = new PduReceiver(services);
  const perOrigin = new KeyedMutex();

  const processTransaction = async (origin: string, pdus: unknown[], edus: unknown[], spelled: readonly string[]): Promise<JsonObject> => {
    const results: Record<string, JsonObject> = {};
    for (const [i, pdu] of pdus.entries()) {
      const roomId = isJsonObject(pdu) && isValidRoomId(pdu.room_id) ? pdu.room_id : undefined;
      // Server ACLs: "ACLs MUST be applied to all PDUs on a per-PDU basis".
      if (roomId !== undefined && !(await isServerAllowedInRoom(services, roomId, origin))) {
        const ctx = await services.rooms.context(roomId);
        const id = ctx ? eventIdOrUndefined(pdu as JsonObject, ctx.roomVersion) : undefined;
        if (id) results[id] = { error: `server ${origin} is denied by the room's server ACL` };
        continue;
      }
      const outcome = await receiver.receive(origin, pdu, { spelledNumbers: spelledIn(spelled, `pdus[${i}]`) });
      // A PDU whose event ID cannot be known (not a PDU, a room we are not in) cannot be reported.
      if (outcome.eventId === undefined) {
        services.logger.info('PDU dropped', { origin, error: outcome.error });
        continue;
      }
      results[outcome.eventId] = outcome.error === undefined ? {} : { error: outcome.error };
    }
    for (const edu of edus) await handleEdu(services, origin, edu);
    return { pdus: results };
  };

  // PUT /_matrix/federation/v1/send/{txnId}: "Push messages representing live activity to
  // another server ... Each embedded PDU in the transaction body will be processed."
  router.on('PUT', '/_matrix/federation/v1/send/:txnId', async (ctx) => {
    const { origin, body } = await authenticateServer(ctx, services);
    const txnId = ctx.params.txnId!;
    if (txnId.length === 0 || txnId.length > MAX_TXN_ID_LENGTH) {
      throw badRequest('M_INVALID_PARAM', `the transaction ID must be 1 to ${MAX_TXN_ID_LENGTH} characters`);
    }
    const { pdus, edus } = checkTransaction(body, origin);
    return perOrigin.run(origin, async () => {
      const seen = await services.store.getInboundTransaction(origin, txnId);
      if (seen) return { status: 200, body: seen.response };
      const response = await processTransaction(origin, pdus, edus, spelledNumberPaths(body));
      const record = await services.store.putInboundTransaction({ origin, txnId, response, receivedTs: services.now() });
      return { status: 200, body: record.response };
    });
  });
}

/** The paths among `paths` inside the value at `prefix`. */
function spelledIn(paths: readonly string[], prefix: string): string[] {
  return paths.filter((p) => p.startsWith(prefix) && (p.length === prefix.length || p[prefix.length] === '.' || p[prefix.length] === '['));
}

function eventIdOrUndefined(pdu: JsonObject, rv: RoomVersion): string | undefined {
  try {
    return computeEventId(pdu, rv);
  } catch {
    return undefined;
  }
}

/**
 * Checks on PDUs received in federation bodies other than transactions (send_join
 * answers, invites, knock and invite room state): the first three "Checks performed on
 * receipt of a PDU" (a valid event of the room version, valid signatures, a valid
 * content hash), plus "the event belongs to this room".
 *
 * @module
 */
import { pduSchemaFor } from '@maxtryx/entity';
import {
  checkContentHash,
  computeEventId,
  computeRoomId,
  isJsonObject,
  redactEvent,
  verifyEventSignatures,
  type JsonObject,
  type RoomEvent,
  type RoomVersion,
  type VerifyKeyLookup,
} from '@maxtryx/federation-core';

/** Why a received PDU was refused. */
export class PduCheckError extends Error {
  override readonly name = 'PduCheckError';
}

/** The room a PDU belongs to: its `room_id`, or for a v12 create event the room ID it defines. */
export function roomIdOfPdu(pdu: JsonObject, rv: RoomVersion): string | undefined {
  if (typeof pdu.room_id === 'string') return pdu.room_id;
  if (rv.roomIdIsCreateEventHash && pdu.type === 'm.room.create') {
    try {
      return computeRoomId(pdu, rv);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Check 1: a valid event of the room version (size limit included) that belongs to
 * `roomId`. Returns the event with its `event_id`.
 *
 * @throws {PduCheckError}
 */
export function parseRoomPdu(raw: unknown, rv: RoomVersion, roomId: string, options: { checkReferenceCounts?: boolean } = {}): RoomEvent {
  if (!isJsonObject(raw)) throw new PduCheckError('not a JSON object');
  const parsed = pduSchemaFor(rv.id, options).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PduCheckError(`invalid event for room version ${rv.id}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  if (roomIdOfPdu(raw, rv) !== roomId) throw new PduCheckError(`event of another room than ${roomId}`);
  let eventId: string;
  try {
    eventId = computeEventId(raw, rv);
  } catch (err) {
    throw new PduCheckError(`cannot compute the event ID: ${(err as Error).message}`);
  }
  return { ...raw, event_id: eventId } as RoomEvent;
}

/**
 * Checks 2 and 3: the required signatures, then the content hash. An event whose hash
 * does not match is returned redacted (`hashOk: false`), as the spec requires.
 *
 * @throws {PduCheckError} when a required signature is missing or wrong.
 */
export async function verifyRoomPdu(event: RoomEvent, rv: RoomVersion, lookup: VerifyKeyLookup): Promise<{ event: RoomEvent; hashOk: boolean }> {
  let sigs;
  try {
    sigs = await verifyEventSignatures(event, rv, lookup);
  } catch (err) {
    throw new PduCheckError(`cannot check signatures: ${(err as Error).message}`);
  }
  if (!sigs.ok) {
    const bad = sigs.servers.find((s) => !s.ok);
    throw new PduCheckError(`bad signature of ${bad?.serverName ?? '?'}: ${bad?.reason ?? ''}`.trim());
  }
  if (checkContentHash(event, rv)) return { event, hashOk: true };
  return { event: { ...(redactEvent(event, rv) as RoomEvent), event_id: event.event_id }, hashOk: false };
}

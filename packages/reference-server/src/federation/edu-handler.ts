/**
 * Handling the EDUs of an inbound transaction: `m.typing`, `m.receipt` and
 * `m.presence` go to the in-memory {@link EphemeralState}; every other type
 * (`m.device_list_update`, `m.signing_key_update`, `m.direct_to_device`, unknown
 * types) is accepted and ignored. A malformed EDU is dropped on its own.
 *
 * @module
 */
import { isValidEventId, isValidRoomId, isValidUserId, presenceEduSchema, receiptEduSchema, typingEduSchema } from '@maxtryx/entity';
import { isJsonObject } from '@maxtryx/federation-core';
import { serverOf } from '../rooms/room-events.js';
import type { Services } from '../services.js';
import { isServerAllowedInRoom } from './server-acl.js';

/** The most receipts or presence updates taken from one EDU. */
const MAX_ENTRIES_PER_EDU = 1000;

/** Handles one EDU from `origin`. Never throws. */
export async function handleEdu(services: Services, origin: string, edu: unknown): Promise<void> {
  try {
    if (!isJsonObject(edu)) return;
    switch (edu.edu_type) {
      case 'm.typing':
        return await handleTyping(services, origin, edu);
      case 'm.receipt':
        return await handleReceipt(services, origin, edu);
      case 'm.presence':
        return handlePresence(services, origin, edu);
      default:
        // m.device_list_update, m.signing_key_update, m.direct_to_device, ...: accepted and ignored.
        return;
    }
  } catch (err) {
    services.logger.info('EDU not handled', { origin, eduType: isJsonObject(edu) ? edu.edu_type : undefined, err: err as Error });
  }
}

async function isJoined(services: Services, roomId: string, userId: string): Promise<boolean> {
  return (await services.store.getMembership(roomId, userId))?.membership === 'join';
}

// "Typing Notifications": receiving servers should verify that the user is in the room,
// and is a user belonging to the sending server; server ACLs: ignored if the origin is denied.
async function handleTyping(services: Services, origin: string, edu: unknown): Promise<void> {
  const parsed = typingEduSchema.safeParse(edu);
  if (!parsed.success) return;
  const { room_id: roomId, user_id: userId, typing } = parsed.data.content;
  if (serverOf(userId) !== origin) return;
  if (!(await isServerAllowedInRoom(services, roomId, origin))) return;
  if (!(await isJoined(services, roomId, userId))) return;
  services.ephemeral.setTyping(roomId, userId, typing);
}

// "Receipts": per room; server ACLs: all receipts of a room are ignored if the origin is denied.
async function handleReceipt(services: Services, origin: string, edu: unknown): Promise<void> {
  // The m.read receipts are checked by the EDU schema; other receipt types (m.read.private
  // never travels) are checked here.
  if (!receiptEduSchema.safeParse(edu).success) return;
  const content = (edu as { content: Record<string, unknown> }).content;
  let budget = MAX_ENTRIES_PER_EDU;
  for (const [roomId, byType] of Object.entries(content)) {
    if (!isValidRoomId(roomId) || !isJsonObject(byType)) continue;
    if (!(await isServerAllowedInRoom(services, roomId, origin))) continue;
    for (const [receiptType, byUser] of Object.entries(byType)) {
      if (!isJsonObject(byUser)) continue;
      for (const [userId, receipt] of Object.entries(byUser)) {
        if (--budget < 0) return;
        if (!isValidUserId(userId) || serverOf(userId) !== origin || !isJsonObject(receipt)) continue;
        const eventIds = receipt.event_ids;
        if (!Array.isArray(eventIds) || eventIds.length === 0 || eventIds.length > 10 || !eventIds.every((id) => isValidEventId(id))) continue;
        const data = isJsonObject(receipt.data) ? receipt.data : {};
        if (!(await isJoined(services, roomId, userId))) continue;
        services.ephemeral.setReceipt(roomId, receiptType, userId, eventIds as string[], data);
      }
    }
  }
}

// "Presence": updates of the sending server's users.
function handlePresence(services: Services, origin: string, edu: unknown): void {
  const parsed = presenceEduSchema.safeParse(edu);
  if (!parsed.success) return;
  for (const p of parsed.data.content.push.slice(0, MAX_ENTRIES_PER_EDU)) {
    if (serverOf(p.user_id) !== origin) continue;
    services.ephemeral.setPresence({
      userId: p.user_id,
      presence: p.presence,
      lastActiveAgo: p.last_active_ago,
      ...(p.status_msg !== undefined ? { statusMsg: p.status_msg } : {}),
      ...(p.currently_active !== undefined ? { currentlyActive: p.currently_active } : {}),
    });
  }
}

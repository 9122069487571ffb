/**
 * The registry of event content schemas: every event type of the spec's event schemas
 * (event-schemas/schema) mapped to the zod schema of its content, and
 * {@link parseEventContent} to check a content by its event type.
 *
 * @module
 */
import type { z } from 'zod';
import { acceptedTermsContentSchema } from './account-data/accepted-terms.js';
import { directContentSchema } from './account-data/direct.js';
import { fullyReadContentSchema } from './account-data/fully-read.js';
import { identityServerContentSchema } from './account-data/identity-server.js';
import { ignoredUserListContentSchema } from './account-data/ignored-user-list.js';
import { imagePackRoomsContentSchema } from './account-data/image-pack-rooms.js';
import { invitePermissionConfigContentSchema } from './account-data/invite-permission-config.js';
import { keyBackupContentSchema } from './account-data/key-backup.js';
import { markedUnreadContentSchema } from './account-data/marked-unread.js';
import { pushRulesContentSchema } from './account-data/push-rules.js';
import { recentEmojiContentSchema } from './account-data/recent-emoji.js';
import { tagContentSchema } from './account-data/tag.js';
import { callAnswerContentSchema } from './call/call-answer.js';
import { callCandidatesContentSchema } from './call/call-candidates.js';
import { callHangupContentSchema } from './call/call-hangup.js';
import { callInviteContentSchema } from './call/call-invite.js';
import { callNegotiateContentSchema } from './call/call-negotiate.js';
import { callRejectContentSchema } from './call/call-reject.js';
import { callSdpStreamMetadataChangedContentSchema } from './call/call-sdp-stream-metadata-changed.js';
import { callSelectAnswerContentSchema } from './call/call-select-answer.js';
import { anyEventContentSchema, type AnyEventContent } from './common/primitives.js';
import { presenceContentSchema } from './ephemeral/presence.js';
import { receiptContentSchema } from './ephemeral/receipt.js';
import { typingContentSchema } from './ephemeral/typing.js';
import { keyVerificationAcceptContentSchema } from './key-verification/key-verification-accept.js';
import { keyVerificationCancelContentSchema } from './key-verification/key-verification-cancel.js';
import { keyVerificationDoneContentSchema } from './key-verification/key-verification-done.js';
import { keyVerificationKeyContentSchema } from './key-verification/key-verification-key.js';
import { keyVerificationMacContentSchema } from './key-verification/key-verification-mac.js';
import { keyVerificationReadyContentSchema } from './key-verification/key-verification-ready.js';
import { keyVerificationRequestContentSchema } from './key-verification/key-verification-request.js';
import { keyVerificationStartContentSchema } from './key-verification/key-verification-start.js';
import { reactionContentSchema } from './message/reaction.js';
import { roomEncryptedContentSchema } from './message/room-encrypted.js';
import { roomMessageContentSchema } from './message/room-message-content.js';
import { stickerContentSchema } from './message/sticker.js';
import { policyRuleContentSchema } from './policy/policy-rule-content.js';
import { roomAvatarContentSchema } from './room/room-avatar.js';
import { roomCanonicalAliasContentSchema } from './room/room-canonical-alias.js';
import { roomCreateContentSchema } from './room/room-create.js';
import { roomEncryptionContentSchema } from './room/room-encryption.js';
import { roomGuestAccessContentSchema } from './room/room-guest-access.js';
import { roomHistoryVisibilityContentSchema } from './room/room-history-visibility.js';
import { roomImagePackContentSchema } from './room/room-image-pack.js';
import { roomJoinRulesContentSchema } from './room/room-join-rules.js';
import { roomMemberContentSchema } from './room/room-member.js';
import { roomNameContentSchema } from './room/room-name.js';
import { roomPinnedEventsContentSchema } from './room/room-pinned-events.js';
import { roomPolicyContentSchema } from './room/room-policy.js';
import { roomPowerLevelsContentSchema } from './room/room-power-levels.js';
import { roomRedactionContentSchema } from './room/room-redaction.js';
import { roomServerAclContentSchema } from './room/room-server-acl.js';
import { roomThirdPartyInviteContentSchema } from './room/room-third-party-invite.js';
import { roomTombstoneContentSchema } from './room/room-tombstone.js';
import { roomTopicContentSchema } from './room/room-topic.js';
import { spaceChildContentSchema } from './space/space-child.js';
import { spaceParentContentSchema } from './space/space-parent.js';
import { dummyContentSchema } from './to-device/dummy.js';
import { forwardedRoomKeyContentSchema } from './to-device/forwarded-room-key.js';
import { roomKeyBundleContentSchema } from './to-device/room-key-bundle.js';
import { roomKeyRequestContentSchema } from './to-device/room-key-request.js';
import { roomKeyWithheldContentSchema } from './to-device/room-key-withheld.js';
import { roomKeyContentSchema } from './to-device/room-key.js';
import { secretRequestContentSchema } from './to-device/secret-request.js';
import { secretSendContentSchema } from './to-device/secret-send.js';

/** Every event type the spec's event schemas define, mapped to its content schema. */
export const eventContentSchemas = {
  // Room state (client-server "Room events" and modules).
  'm.room.avatar': roomAvatarContentSchema,
  'm.room.canonical_alias': roomCanonicalAliasContentSchema,
  'm.room.create': roomCreateContentSchema,
  'm.room.encryption': roomEncryptionContentSchema,
  'm.room.guest_access': roomGuestAccessContentSchema,
  'm.room.history_visibility': roomHistoryVisibilityContentSchema,
  'm.room.image_pack': roomImagePackContentSchema,
  'm.room.join_rules': roomJoinRulesContentSchema,
  'm.room.member': roomMemberContentSchema,
  'm.room.name': roomNameContentSchema,
  'm.room.pinned_events': roomPinnedEventsContentSchema,
  'm.room.policy': roomPolicyContentSchema,
  'm.room.power_levels': roomPowerLevelsContentSchema,
  'm.room.server_acl': roomServerAclContentSchema,
  'm.room.third_party_invite': roomThirdPartyInviteContentSchema,
  'm.room.tombstone': roomTombstoneContentSchema,
  'm.room.topic': roomTopicContentSchema,
  'm.space.child': spaceChildContentSchema,
  'm.space.parent': spaceParentContentSchema,
  'm.policy.rule.user': policyRuleContentSchema,
  'm.policy.rule.room': policyRuleContentSchema,
  'm.policy.rule.server': policyRuleContentSchema,
  // Room messages.
  'm.room.message': roomMessageContentSchema,
  'm.room.encrypted': roomEncryptedContentSchema,
  'm.room.redaction': roomRedactionContentSchema,
  'm.reaction': reactionContentSchema,
  'm.sticker': stickerContentSchema,
  'm.call.invite': callInviteContentSchema,
  'm.call.candidates': callCandidatesContentSchema,
  'm.call.answer': callAnswerContentSchema,
  'm.call.select_answer': callSelectAnswerContentSchema,
  'm.call.reject': callRejectContentSchema,
  'm.call.negotiate': callNegotiateContentSchema,
  'm.call.sdp_stream_metadata_changed': callSdpStreamMetadataChangedContentSchema,
  'm.call.hangup': callHangupContentSchema,
  // Account data.
  'm.accepted_terms': acceptedTermsContentSchema,
  'm.direct': directContentSchema,
  'm.fully_read': fullyReadContentSchema,
  'm.identity_server': identityServerContentSchema,
  'm.ignored_user_list': ignoredUserListContentSchema,
  'm.image_pack.rooms': imagePackRoomsContentSchema,
  'm.invite_permission_config': invitePermissionConfigContentSchema,
  'm.key_backup': keyBackupContentSchema,
  'm.marked_unread': markedUnreadContentSchema,
  'm.push_rules': pushRulesContentSchema,
  'm.recent_emoji': recentEmojiContentSchema,
  'm.tag': tagContentSchema,
  // Ephemeral.
  'm.presence': presenceContentSchema,
  'm.receipt': receiptContentSchema,
  'm.typing': typingContentSchema,
  // To-device.
  'm.dummy': dummyContentSchema,
  'm.forwarded_room_key': forwardedRoomKeyContentSchema,
  'm.room_key': roomKeyContentSchema,
  'm.room_key.withheld': roomKeyWithheldContentSchema,
  'm.room_key_bundle': roomKeyBundleContentSchema,
  'm.room_key_request': roomKeyRequestContentSchema,
  'm.secret.request': secretRequestContentSchema,
  'm.secret.send': secretSendContentSchema,
  // Key verification (to-device, or in-room with m.relates_to).
  'm.key.verification.request': keyVerificationRequestContentSchema,
  'm.key.verification.ready': keyVerificationReadyContentSchema,
  'm.key.verification.start': keyVerificationStartContentSchema,
  'm.key.verification.accept': keyVerificationAcceptContentSchema,
  'm.key.verification.key': keyVerificationKeyContentSchema,
  'm.key.verification.mac': keyVerificationMacContentSchema,
  'm.key.verification.cancel': keyVerificationCancelContentSchema,
  'm.key.verification.done': keyVerificationDoneContentSchema,
} as const satisfies Record<string, z.ZodType>;

/** An event type with a content schema in {@link eventContentSchemas}. */
export type KnownEventType = keyof typeof eventContentSchemas;

/** The content type of an event type: its schema's output, or any JSON object for an unknown type. */
export type EventContentOf<T extends string> = T extends KnownEventType
  ? z.infer<(typeof eventContentSchemas)[T]>
  : AnyEventContent;

/**
 * Whether `type` has a content schema in {@link eventContentSchemas}.
 *
 * @example
 * isKnownEventType('m.room.member'); // true
 * isKnownEventType('org.example.custom'); // false
 */
export function isKnownEventType(type: string): type is KnownEventType {
  return Object.prototype.hasOwnProperty.call(eventContentSchemas, type);
}

/**
 * The content schema for an event type: the registered one, or for an unknown type the
 * schema of any JSON object (every event content is an object).
 *
 * @example
 * eventContentSchemaFor('m.room.name').parse({ name: 'Lobby' });
 */
export function eventContentSchemaFor(type: string): z.ZodType {
  return isKnownEventType(type) ? eventContentSchemas[type] : anyEventContentSchema;
}

/**
 * Checks `content` against the content schema of `type` and returns it (unchanged:
 * parsing is lossless). Throws a `ZodError`, whose issues carry paths into the content,
 * when it does not conform. Unknown event types need only an object content.
 *
 * @example
 * const content = parseEventContent('m.room.member', { membership: 'join' });
 * content.membership; // 'join'
 */
export function parseEventContent<T extends string>(type: T, content: unknown): EventContentOf<T> {
  return eventContentSchemaFor(type).parse(content) as EventContentOf<T>;
}

/**
 * Like {@link parseEventContent} but returns zod's result object instead of throwing.
 *
 * @example
 * const result = safeParseEventContent('m.room.name', { name: 3 });
 * result.success; // false; result.error.issues[0].path is ['name']
 */
export function safeParseEventContent<T extends string>(
  type: T,
  content: unknown,
): z.ZodSafeParseResult<EventContentOf<T>> {
  return eventContentSchemaFor(type).safeParse(content) as z.ZodSafeParseResult<EventContentOf<T>>;
}

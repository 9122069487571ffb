/**
 * The server-default push rules (client-server API "Push Notifications", "Predefined
 * Rules"), which is the whole ruleset of a user on this server: it does not store
 * user-defined rules.
 *
 * @module
 */
import type { JsonObject } from '@maxtryx/federation-core';

const sound = (value: string): JsonObject => ({ set_tweak: 'sound', value });
const highlight: JsonObject = { set_tweak: 'highlight' };
const match = (key: string, pattern: string): JsonObject => ({ kind: 'event_match', key, pattern });
const rule = (rule_id: string, conditions: JsonObject[], actions: Array<string | JsonObject>, enabled = true): JsonObject => ({
  rule_id,
  default: true,
  enabled,
  conditions,
  actions,
});

/** The default ruleset of `userId`, as `GET /pushrules/` returns it under `global`. */
export function defaultPushRules(userId: string): JsonObject {
  return {
    override: [
      rule('.m.rule.master', [], [], false),
      rule('.m.rule.suppress_notices', [match('content.msgtype', 'm.notice')], []),
      rule('.m.rule.invite_for_me', [match('type', 'm.room.member'), match('content.membership', 'invite'), match('state_key', userId)], ['notify', sound('default')]),
      rule('.m.rule.member_event', [match('type', 'm.room.member')], []),
      rule('.m.rule.is_user_mention', [{ kind: 'event_property_contains', key: 'content.m\\.mentions.user_ids', value: userId }], ['notify', sound('default'), highlight]),
      rule('.m.rule.is_room_mention', [{ kind: 'event_property_is', key: 'content.m\\.mentions.room', value: true }, { kind: 'sender_notification_permission', key: 'room' }], ['notify', highlight]),
      rule('.m.rule.tombstone', [match('type', 'm.room.tombstone'), match('state_key', '')], ['notify', highlight]),
      rule('.m.rule.reaction', [match('type', 'm.reaction')], []),
      rule('.m.rule.room.server_acl', [match('type', 'm.room.server_acl'), match('state_key', '')], []),
      rule('.m.rule.suppress_edits', [{ kind: 'event_property_is', key: 'content.m\\.relates_to.rel_type', value: 'm.replace' }], []),
    ],
    content: [],
    room: [],
    sender: [],
    underride: [
      rule('.m.rule.call', [match('type', 'm.call.invite')], ['notify', sound('ring')]),
      rule('.m.rule.encrypted_room_one_to_one', [{ kind: 'room_member_count', is: '2' }, match('type', 'm.room.encrypted')], ['notify', sound('default')]),
      rule('.m.rule.room_one_to_one', [{ kind: 'room_member_count', is: '2' }, match('type', 'm.room.message')], ['notify', sound('default')]),
      rule('.m.rule.message', [match('type', 'm.room.message')], ['notify']),
      rule('.m.rule.encrypted', [match('type', 'm.room.encrypted')], ['notify']),
    ],
  };
}

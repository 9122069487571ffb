/**
 * Reading `m.room.join_rules` content.
 *
 * @module
 */
import { isJsonObject } from '../json/json-value.js';

/** A restricted-join allow condition this library understands: membership of another room. */
export interface RoomMembershipCondition {
  /** The condition type, `m.room_membership`. */
  readonly type: 'm.room_membership';
  /** The room whose joined members may join. */
  readonly roomId: string;
}

/** The join rule when a room has no `m.room.join_rules` event, or its content has no `join_rule` (what deployed servers assume). */
export const defaultJoinRule = 'invite';

/**
 * The `join_rule` of a join-rules content: the string given; `invite` when the
 * event or the property is absent; undefined when it is present but not a
 * string (no rule matches it, so joins are refused).
 *
 * @example
 * joinRuleOf({ join_rule: 'public' }); // 'public'
 * joinRuleOf(undefined); // 'invite'
 */
export function joinRuleOf(content: unknown): string | undefined {
  if (!isJsonObject(content) || !Object.hasOwn(content, 'join_rule')) return defaultJoinRule;
  const rule = content['join_rule'];
  return typeof rule === 'string' ? rule : undefined;
}

/**
 * The well-formed `m.room_membership` conditions of a join-rules content's
 * `allow` list (others are skipped: a server cannot verify them).
 *
 * @example
 * allowConditionsOf({ join_rule: 'restricted', allow: [{ type: 'm.room_membership', room_id: '!s:x.org' }] });
 * // [{ type: 'm.room_membership', roomId: '!s:x.org' }]
 */
export function allowConditionsOf(content: unknown): RoomMembershipCondition[] {
  if (!isJsonObject(content) || !Array.isArray(content['allow'])) return [];
  const out: RoomMembershipCondition[] = [];
  for (const c of content['allow']) {
    if (isJsonObject(c) && c['type'] === 'm.room_membership' && typeof c['room_id'] === 'string') {
      out.push({ type: 'm.room_membership', roomId: c['room_id'] });
    }
  }
  return out;
}

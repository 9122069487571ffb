/**
 * Moderation policy rules (client-server "Moderation policy lists";
 * event-schemas/moderation_policy_rule): `entity` (a glob with `*` and `?` over user IDs,
 * room IDs or aliases, or server names), `recommendation` (`m.ban`, or a custom one) and
 * `reason`. The three rule event types share this content.
 *
 * @module
 */
import { z } from 'zod';
import { defineStateEvent } from '../client-event.js';

/** Content of a moderation policy rule. */
export const policyRuleContentSchema = z.looseObject({
  entity: z.string(),
  recommendation: z.string(),
  reason: z.string(),
});

/** Content of a moderation policy rule. */
export type PolicyRuleContent = z.infer<typeof policyRuleContentSchema>;

/** Content of `m.policy.rule.user`. */
export const policyRuleUserContentSchema = policyRuleContentSchema;
/** Content of `m.policy.rule.room`. */
export const policyRuleRoomContentSchema = policyRuleContentSchema;
/** Content of `m.policy.rule.server`. */
export const policyRuleServerContentSchema = policyRuleContentSchema;

/** A client-format `m.policy.rule.user` event (state key: any, e.g. `rule:<entity>`). */
export const policyRuleUserEventSchema = defineStateEvent('m.policy.rule.user', policyRuleContentSchema, z.string());
/** A client-format `m.policy.rule.user` event. */
export type PolicyRuleUserEvent = z.infer<typeof policyRuleUserEventSchema>;

/** A client-format `m.policy.rule.room` event. */
export const policyRuleRoomEventSchema = defineStateEvent('m.policy.rule.room', policyRuleContentSchema, z.string());
/** A client-format `m.policy.rule.room` event. */
export type PolicyRuleRoomEvent = z.infer<typeof policyRuleRoomEventSchema>;

/** A client-format `m.policy.rule.server` event. */
export const policyRuleServerEventSchema = defineStateEvent('m.policy.rule.server', policyRuleContentSchema, z.string());
/** A client-format `m.policy.rule.server` event. */
export type PolicyRuleServerEvent = z.infer<typeof policyRuleServerEventSchema>;

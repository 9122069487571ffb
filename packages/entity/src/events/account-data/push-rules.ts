/**
 * `m.push_rules` (client-server "Push Rules": definitions push_ruleset, push_rule,
 * push_condition).
 *
 * @module
 */
import { z } from 'zod';
import { defineBasicEvent } from '../client-event.js';

/** A push condition (`kind` plus kind-specific fields: `key`, `pattern`, `is`, `value`). */
export const pushConditionSchema = z.looseObject({
  kind: z.string(),
  key: z.string().optional(),
  pattern: z.string().optional(),
  is: z.string().optional(),
  value: z.union([z.string(), z.number().int(), z.boolean(), z.null()]).optional(),
});

/** A push condition. */
export type PushCondition = z.infer<typeof pushConditionSchema>;

/** A push action: a string (`notify`, ...) or an object (a tweak such as `{ set_tweak: 'sound', value }`). */
export const pushActionSchema = z.union([z.string(), z.looseObject({})]);

/** A push action. */
export type PushAction = z.infer<typeof pushActionSchema>;

/** A push rule. */
export const pushRuleSchema = z.looseObject({
  actions: z.array(pushActionSchema),
  default: z.boolean(),
  enabled: z.boolean(),
  rule_id: z.string(),
  conditions: z.array(pushConditionSchema).optional(),
  pattern: z.string().optional(),
});

/** A push rule. */
export type PushRule = z.infer<typeof pushRuleSchema>;

/** A push rule set: the rules of each kind. */
export const pushRulesetSchema = z.looseObject({
  content: z.array(pushRuleSchema).optional(),
  override: z.array(pushRuleSchema).optional(),
  room: z.array(pushRuleSchema).optional(),
  sender: z.array(pushRuleSchema).optional(),
  underride: z.array(pushRuleSchema).optional(),
});

/** A push rule set. */
export type PushRuleset = z.infer<typeof pushRulesetSchema>;

/** Content of `m.push_rules`. */
export const pushRulesContentSchema = z.looseObject({
  global: pushRulesetSchema.optional(),
});

/** Content of `m.push_rules`. */
export type PushRulesContent = z.infer<typeof pushRulesContentSchema>;

/** An `m.push_rules` account data event. */
export const pushRulesEventSchema = defineBasicEvent('m.push_rules', pushRulesContentSchema);

/** An `m.push_rules` account data event. */
export type PushRulesEvent = z.infer<typeof pushRulesEventSchema>;

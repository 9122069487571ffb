/**
 * Power events (spec, state resolution v2: "Power events").
 *
 * @module
 */
import type { Pdu } from '../events/pdu.js';

/**
 * Whether an event is a *power event*: one that might remove someone's ability
 * to do something in the room.
 *
 * The spec names `m.room.power_levels`, `m.room.join_rules`, and `m.room.member`
 * with `membership` `leave` or `ban` whose `sender` differs from the `state_key`.
 * Deployed servers (Synapse `_is_power_event`, Ruma `is_power_event`) read it
 * as follows, and this function matches them so that servers agree:
 * - `m.room.power_levels` and `m.room.join_rules` count only with state key `""`
 *   (the only key the auth rules read);
 * - `m.room.create` (state key `""`) counts too; it is in every auth chain, so
 *   it only matters in malformed or forked-at-creation inputs.
 *
 * @example
 * isPowerEvent({ type: 'm.room.member', state_key: '@b:x', sender: '@a:x', content: { membership: 'ban' } }); // true
 * isPowerEvent({ type: 'm.room.member', state_key: '@a:x', sender: '@a:x', content: { membership: 'leave' } }); // false
 */
export function isPowerEvent(event: Pick<Pdu, 'type' | 'state_key' | 'sender' | 'content'>): boolean {
  switch (event.type) {
    case 'm.room.power_levels':
    case 'm.room.join_rules':
    case 'm.room.create':
      return event.state_key === '';
    case 'm.room.member': {
      if (typeof event.state_key !== 'string') return false;
      const membership = event.content?.['membership'];
      return (membership === 'leave' || membership === 'ban') && event.sender !== event.state_key;
    }
    default:
      return false;
  }
}

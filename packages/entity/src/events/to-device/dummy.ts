/**
 * `m.dummy` (client-server "m.dummy").
 *
 * @module
 */
import { z } from 'zod';
import { defineBasicEvent } from '../client-event.js';

/** Content of `m.dummy`. */
export const dummyContentSchema = z.looseObject({});

/** Content of `m.dummy`. */
export type DummyContent = z.infer<typeof dummyContentSchema>;

/** A client-format `m.dummy` event. */
export const dummyEventSchema = defineBasicEvent('m.dummy', dummyContentSchema);

/** A client-format `m.dummy` event. */
export type DummyEvent = z.infer<typeof dummyEventSchema>;

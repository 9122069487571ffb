/**
 * Small shared schemas for event contents.
 *
 * @module
 */
import { z } from 'zod';

/**
 * An integer in the range canonical JSON allows, [-(2^53)+1, 2^53-1] (appendix
 * "Canonical JSON"); JSON Schema `type: integer` in the spec's event schemas.
 */
export const integerSchema = z.number().int();

/** A non-negative integer, e.g. a size or a duration in milliseconds. */
export const nonNegativeIntegerSchema = z.number().int().nonnegative();

/** The type of an event (client-server "Types of room events"): any non-empty string. */
export const eventTypeSchema = z.string().min(1);

/**
 * The content of an event of no particular type: a JSON object (core event schema
 * `Event`, `content: type: object`).
 */
export const anyEventContentSchema = z.looseObject({});

/** A JSON object of unknown shape. */
export type AnyEventContent = z.infer<typeof anyEventContentSchema>;

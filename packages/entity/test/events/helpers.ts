import { isDeepStrictEqual } from 'node:util';
import type { ZodType } from 'zod';

/** The issue paths of parsing `value` with `schema` (empty when it parses). */
export function issuePaths(schema: ZodType, value: unknown): Array<Array<PropertyKey>> {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path);
}

/** Parses and asserts losslessness: returns the output, which must deep-equal the input. */
export function parsesLosslessly(schema: ZodType, value: unknown): boolean {
  const result = schema.safeParse(value);
  return result.success && isDeepStrictEqual(result.data, value);
}

/** Fields of a client-format room event, to spread into test events. */
export const roomEventFields = {
  event_id: '$143273582443PhrSn:example.org',
  room_id: '!jEsUZKDJdhlrceRyVU:example.org',
  sender: '@example:example.org',
  origin_server_ts: 1432735824653,
  unsigned: { age: 1234 },
};

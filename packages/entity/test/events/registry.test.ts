import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { eventContentSchemas, isKnownEventType, parseEventContent, safeParseEventContent } from '@maxtryx/entity';

const schemaDir = fileURLToPath(new URL('../../../../vendor/matrix-spec/data/event-schemas/schema', import.meta.url));

describe('eventContentSchemas / parseEventContent', () => {
  it('has a content schema for every event type of the spec event schemas', () => {
    const types = new Set(
      readdirSync(schemaDir)
        .filter((f) => f.endsWith('.yaml') && f !== 'm.key.verification.m.relates_to.yaml')
        .map((f) => f.replace(/\.yaml$/, '').replace(/\$.*$/, '')),
    );
    expect(types.size).toBeGreaterThan(60);
    expect([...types].filter((t) => !isKnownEventType(t))).toEqual([]);
    expect(Object.keys(eventContentSchemas).filter((t) => !types.has(t))).toEqual([]);
  });

  it('parses a known content losslessly and typed', () => {
    const content = { membership: 'join', 'org.example.extra': true } as const;
    const parsed = parseEventContent('m.room.member', content);
    expect(parsed).toStrictEqual(content);
    expect(parsed.membership).toBe('join');
  });

  it('throws a ZodError with the path inside the content', () => {
    expect(() => parseEventContent('m.room.member', { membership: 'gone' })).toThrow(ZodError);
    const result = safeParseEventContent('m.room.power_levels', { users: { '@a:example.org': 'x' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([['users', '@a:example.org']]);
  });

  it('accepts any object for an unknown event type, but not a non-object', () => {
    expect(parseEventContent('org.example.custom', { anything: [1] })).toStrictEqual({ anything: [1] });
    expect(safeParseEventContent('org.example.custom', 'text').success).toBe(false);
    expect(safeParseEventContent('org.example.custom', null).success).toBe(false);
  });

  it('does not treat inherited property names as event types', () => {
    expect(isKnownEventType('toString')).toBe(false);
    expect(isKnownEventType('__proto__')).toBe(false);
  });
});

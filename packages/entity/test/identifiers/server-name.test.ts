import { describe, expect, it } from 'vitest';
import { assertValidServerName, InvalidServerNameError, isValidServerName } from '@maxtryx/entity';

describe('server name (appendix: Server Name)', () => {
  it.each([
    'matrix.org',
    'matrix.org:8888',
    '1.2.3.4',
    '1.2.3.4:1234',
    '[1234:5678::abcd]',
    '[1234:5678::abcd]:5678',
    'localhost:8008',
  ])('accepts the spec example %s', (name) => {
    expect(isValidServerName(name)).toBe(true);
  });

  it.each(['', 'under_score.org', 'matrix.org:', 'matrix.org:123456', '[::1', 'a'.repeat(256), ':80'])(
    'rejects %j',
    (name) => {
      expect(isValidServerName(name)).toBe(false);
      expect(() => assertValidServerName(name)).toThrow(InvalidServerNameError);
    },
  );
});

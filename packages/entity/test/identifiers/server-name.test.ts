import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertValidServerName, InvalidServerNameError, isValidServerName, serverNameProblem, serverNameSchema } from '@maxtryx/entity';

describe('server name (appendix: Server Name)', () => {
  it.each([
    'matrix.org',
    'matrix.org:8888',
    '1.2.3.4',
    '1.2.3.4:1234',
    '[1234:5678::abcd]',
    '[1234:5678::abcd]:5678',
    'localhost:8008',
    '[::1]',
    '[::ffff:192.168.0.1]:8448',
    '[2001:db8:0:0:0:0:0:1]',
    'MATRIX.ORG',
    'a'.repeat(255),
  ])('accepts %s', (name) => {
    expect(isValidServerName(name)).toBe(true);
    expect(() => assertValidServerName(name)).not.toThrow();
  });

  it.each([
    ['', 'empty'],
    ['under_score.org', 'hostname'],
    ['matrix.org:', 'port'],
    ['matrix.org:123456', 'port'],
    ['matrix.org:80a', 'port'],
    ['[::1', 'IPv6'],
    ['[1:2:3:4:5:6:7:8:9]', 'IPv6'],
    ['[1::2::3]', 'IPv6'],
    ['[12345::1]', 'IPv6'],
    ['[g::1]', 'IPv6'],
    ['::1', 'hostname'],
    ['256.1.1.1', 'IPv4'],
    ['a'.repeat(256), 'hostname'],
    [':80', 'hostname'],
    ['exämple.org', 'hostname'],
  ])('rejects %j (%s)', (name, why) => {
    expect(isValidServerName(name)).toBe(false);
    expect(serverNameProblem(name)).toContain(why);
    expect(() => assertValidServerName(name)).toThrow(InvalidServerNameError);
  });

  it('reports the value and the reason on the error', () => {
    try {
      assertValidServerName('bad_host');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidServerNameError);
      expect((error as InvalidServerNameError).value).toBe('bad_host');
      expect((error as InvalidServerNameError).reason).toMatch(/hostname/);
      expect((error as Error).name).toBe('InvalidServerNameError');
    }
  });

  it('rejects non-strings', () => {
    expect(isValidServerName(42)).toBe(false);
    expect(serverNameSchema.safeParse(42).success).toBe(false);
  });

  const dnsName = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,60}$/);
  it('property: generated DNS names with optional ports are accepted', () => {
    fc.assert(
      fc.property(dnsName, fc.option(fc.integer({ min: 0, max: 99999 })), (host, port) => {
        const name = port === null ? host : `${host}:${port}`;
        expect(isValidServerName(name)).toBe(true);
      }),
    );
  });

  it('property: a name holding a character outside [A-Za-z0-9.-:[]] is rejected', () => {
    fc.assert(
      fc.property(dnsName, fc.constantFrom('_', ' ', '/', '@', '#', 'é', '*'), fc.nat(), (host, bad, at) => {
        const i = at % (host.length + 1);
        expect(isValidServerName(host.slice(0, i) + bad + host.slice(i))).toBe(false);
      }),
    );
  });
});

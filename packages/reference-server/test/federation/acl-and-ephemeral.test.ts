/**
 * The pure parts: server ACL matching (glob-style, ports ignored, IP literals) and the
 * ephemeral state's typing expiry, receipts, presence and change signal.
 */
import { describe, expect, it } from 'vitest';
import { EphemeralState } from '../../src/ephemeral.js';
import { globMatches, isServerAllowedByAcl } from '../../src/federation/server-acl.js';

describe('server ACLs', () => {
  it('matches globs case-insensitively with * and ?', () => {
    expect(globMatches('*.evil.com', 'a.b.EVIL.com')).toBe(true);
    expect(globMatches('*.evil.com', 'evil.com')).toBe(false);
    expect(globMatches('ev?l.com', 'evil.com')).toBe(true);
    expect(globMatches('ev?l.com', 'eviil.com')).toBe(false);
    expect(globMatches('*', '')).toBe(true);
    expect(globMatches('a*b*c', 'aXXbYYc')).toBe(true);
    expect(globMatches('a*b*c', 'aXXbYY')).toBe(false);
    // No catastrophic backtracking on hostile patterns.
    expect(globMatches('*a*a*a*a*a*a*a*a*b', 'a'.repeat(200))).toBe(false);
  });

  it('applies the rules in the spec\'s order, ignoring ports', () => {
    const acl = { allow: ['*'], deny: ['evil.com', '*.evil.com'], allow_ip_literals: false };
    expect(isServerAllowedByAcl(acl, 'good.org')).toBe(true);
    expect(isServerAllowedByAcl(acl, 'evil.com:8448')).toBe(false);
    expect(isServerAllowedByAcl(acl, 'sub.evil.com')).toBe(false);
    expect(isServerAllowedByAcl(acl, '127.0.0.1:8448')).toBe(false);
    expect(isServerAllowedByAcl(acl, '[::1]:8448')).toBe(false);
    expect(isServerAllowedByAcl({ allow: ['*'] }, '127.0.0.1')).toBe(true);
    // No allow list: every server is denied.
    expect(isServerAllowedByAcl({ deny: [] }, 'good.org')).toBe(false);
    // Malformed lists count as empty.
    expect(isServerAllowedByAcl({ allow: 'good.org' }, 'good.org')).toBe(false);
    expect(isServerAllowedByAcl({ allow: ['good.org', 42] }, 'good.org')).toBe(true);
  });
});

describe('EphemeralState', () => {
  it('expires typing notifications and moves its position on every change', () => {
    let now = 1_000;
    const eph = new EphemeralState(() => now, 30_000);
    eph.setTyping('!r:a.org', '@b:b.org', true);
    eph.setTyping('!r:a.org', '@a:b.org', true, 5_000);
    expect(eph.typingUsers('!r:a.org')).toEqual(['@a:b.org', '@b:b.org']);
    now += 10_000;
    expect(eph.typingUsers('!r:a.org')).toEqual(['@b:b.org']);
    const position = eph.position;
    eph.setTyping('!r:a.org', '@b:b.org', false);
    expect(eph.position).toBeGreaterThan(position);
    expect(eph.typingUsers('!r:a.org')).toEqual([]);
  });

  it('keeps the newest receipt per user and type, and presence per user', () => {
    const eph = new EphemeralState(() => 0);
    eph.setReceipt('!r:a.org', 'm.read', '@b:b.org', ['$1'], { ts: 1 });
    const mid = eph.position;
    eph.setReceipt('!r:a.org', 'm.read', '@b:b.org', ['$2'], { ts: 2 });
    expect(eph.receiptsSince('!r:a.org').map((r) => r.eventIds)).toEqual([['$2']]);
    expect(eph.receiptsSince('!r:a.org', mid)).toHaveLength(1);
    expect(eph.receiptsSince('!r:a.org', eph.position)).toHaveLength(0);
    eph.setPresence({ userId: '@b:b.org', presence: 'online', lastActiveAgo: 0 });
    expect(eph.presence('@b:b.org')?.presence).toBe('online');
    expect(eph.presenceSince(0)).toHaveLength(1);
  });

  it('wakes a waiter on a change, and returns after the timeout without one', async () => {
    const eph = new EphemeralState();
    const waiting = eph.waitForChange(eph.position, 60_000);
    eph.notify();
    expect(await waiting).toBe(1);
    expect(await eph.waitForChange(eph.position, 10)).toBe(1);
    const controller = new AbortController();
    const aborted = eph.waitForChange(eph.position, 60_000, controller.signal);
    controller.abort();
    expect(await aborted).toBe(1);
  });
});

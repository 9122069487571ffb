/**
 * Server ACLs (client-server API `m.room.server_acl`; server-server API "Server
 * Access Control Lists"): whether a server may take part in a room.
 *
 * @module
 */
import { isIP } from 'node:net';
import { isJsonObject, stateKeyOf } from '@maxtryx/federation-core';
import type { Services } from '../services.js';
import { splitHostPort } from './discovery.js';
import { forbidden } from './wire-errors.js';

/**
 * Glob-style matching (appendices "Glob-style matching"): `*` matches zero or more
 * characters, `?` exactly one; case-insensitive. Runs in O(pattern x text) time.
 *
 * @example
 * globMatches('*.evil.com', 'Sub.Evil.com'); // true
 */
export function globMatches(pattern: string, text: string): boolean {
  const p = [...pattern.toLowerCase()];
  const t = [...text.toLowerCase()];
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < t.length) {
    if (i < p.length && (p[i] === '?' || p[i] === t[j])) {
      i++;
      j++;
    } else if (i < p.length && p[i] === '*') {
      star = i++;
      mark = j;
    } else if (star !== -1) {
      i = star + 1;
      j = ++mark;
    } else {
      return false;
    }
  }
  while (i < p.length && p[i] === '*') i++;
  return i === p.length;
}

function globs(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}

/**
 * Whether an `m.room.server_acl` content allows `serverName`, in the event's order
 * of rules. The port is not considered.
 *
 * @example
 * isServerAllowedByAcl({ allow: ['*'], deny: ['evil.com'] }, 'evil.com:8448'); // false
 */
export function isServerAllowedByAcl(content: unknown, serverName: string): boolean {
  const acl = isJsonObject(content) ? content : {};
  const host = splitHostPort(serverName).host;
  // 2. An IP literal with `allow_ip_literals` present and false: deny.
  if (acl.allow_ip_literals === false && isIP(host) !== 0) return false;
  // 3. A match in `deny`: deny.
  if (globs(acl.deny).some((g) => globMatches(g, host))) return false;
  // 4. A match in `allow`: allow. 5. Otherwise deny.
  return globs(acl.allow).some((g) => globMatches(g, host));
}

/**
 * Throws `403 M_FORBIDDEN` when the room's current `m.room.server_acl` denies
 * `serverName`. 1. No ACL event in the room state: allow.
 */
export async function assertServerAllowedByAcl(services: Services, roomId: string, serverName: string): Promise<void> {
  if (!(await isServerAllowedInRoom(services, roomId, serverName))) {
    throw forbidden(`server ${serverName} is denied by the room's server ACL`);
  }
}

/** Whether the room's current `m.room.server_acl` (if any) allows `serverName`. */
export async function isServerAllowedInRoom(services: Services, roomId: string, serverName: string): Promise<boolean> {
  const id = await services.store.getCurrentStateEventId(roomId, stateKeyOf('m.room.server_acl', ''));
  if (id === undefined) return true;
  const event = await services.store.getEvent(id);
  if (!event) return true;
  return isServerAllowedByAcl(event.pdu.content, serverName);
}

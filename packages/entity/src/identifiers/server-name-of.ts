/**
 * The server name embedded in an identifier, where the format has one.
 *
 * @module
 */
import type { EventId } from './event-id.js';
import type { RoomAlias } from './room-alias.js';
import type { RoomId } from './room-id.js';
import type { ServerName } from './server-name.js';
import type { UserId } from './user-id.js';

/**
 * The server name part of a user ID, room alias, v1 room ID (room versions 1 to 11) or v1
 * event ID (room versions 1 and 2): what follows the first `:`. Returns undefined for the
 * hash forms of room and event IDs, which carry no server name. It does not validate: use
 * the identifier's `isValid…` function first.
 *
 * @example
 * serverNameOf('@alice:example.org:8448'); // 'example.org:8448'
 * serverNameOf('$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg'); // undefined
 */
export function serverNameOf(id: UserId | RoomId | EventId | RoomAlias): ServerName | undefined {
  const colon = id.indexOf(':');
  return colon === -1 ? undefined : id.slice(colon + 1);
}

/**
 * zod schemas of the identifiers, for use inside event and API schemas. Each is a
 * `z.string()` refined by the identifier's grammar (no transform: parsing is lossless);
 * a failure is one issue whose message names the grammar rule that failed.
 *
 * @module
 */
import { z } from 'zod';
import { deviceIdProblem, type DeviceId } from './device-id.js';
import { eventIdProblem, type EventId, type EventIdFormat } from './event-id.js';
import { deviceKeyIdProblem, keyIdProblem, type KeyId } from './key-id.js';
import { opaqueIdProblem, type OpaqueId } from './opaque-id.js';
import { roomAliasProblem, type RoomAlias } from './room-alias.js';
import { roomIdProblem, type RoomId, type RoomIdFormat } from './room-id.js';
import { serverNameProblem, type ServerName } from './server-name.js';
import { historicalUserIdProblem, userIdProblem, type UserId } from './user-id.js';

/** A string schema checked by a grammar, typed as the identifier's type `T`. */
export type IdentifierSchema<T extends string> = z.ZodType<T, string>;

function identifierSchema<T extends string>(what: string, problem: (value: string) => string | undefined): IdentifierSchema<T> {
  const schema = z.string().superRefine((value, ctx) => {
    const reason = problem(value);
    if (reason !== undefined) ctx.addIssue({ code: 'custom', message: `invalid ${what}: ${reason}`, input: value });
  });
  return schema as unknown as IdentifierSchema<T>;
}

/**
 * A user ID under the historical grammar, which clients and servers MUST accept (appendix
 * "Historical User IDs"); use {@link strictUserIdSchema} where a new ID is created.
 */
export const userIdSchema: IdentifierSchema<UserId> = identifierSchema('user ID', historicalUserIdProblem);

/** A user ID under the strict grammar of the appendix "User Identifiers". */
export const strictUserIdSchema: IdentifierSchema<UserId> = identifierSchema('user ID', userIdProblem);

/** A room ID of any room version (appendix "Room IDs"). */
export const roomIdSchema: IdentifierSchema<RoomId> = identifierSchema('room ID', (v) => roomIdProblem(v));

/**
 * A room ID of the given format (`v1`: with a domain; `v12`: create event hash).
 *
 * @example
 * roomIdSchemaFor('v12').safeParse('!abc:example.org').success; // false
 */
export function roomIdSchemaFor(format: RoomIdFormat): IdentifierSchema<RoomId> {
  return identifierSchema('room ID', (v) => roomIdProblem(v, format));
}

/** An event ID of any room version's format (appendix "Event IDs"). */
export const eventIdSchema: IdentifierSchema<EventId> = identifierSchema('event ID', (v) => eventIdProblem(v));

/**
 * An event ID of the given format (`v1`, `v3` or `v4`, see {@link EventIdFormat}).
 *
 * @example
 * eventIdSchemaFor('v1').parse('$abc:example.org');
 */
export function eventIdSchemaFor(format: EventIdFormat): IdentifierSchema<EventId> {
  return identifierSchema('event ID', (v) => eventIdProblem(v, format));
}

/** A room alias (appendix "Room Aliases"). */
export const roomAliasSchema: IdentifierSchema<RoomAlias> = identifierSchema('room alias', roomAliasProblem);

/** A server name (appendix "Server Name"). */
export const serverNameSchema: IdentifierSchema<ServerName> = identifierSchema('server name', serverNameProblem);

/** A server signing key ID `algorithm:version`, version of `[a-zA-Z0-9_]`. */
export const keyIdSchema: IdentifierSchema<KeyId> = identifierSchema('key ID', keyIdProblem);

/** A device or cross-signing key ID `algorithm:identifier` (identifier opaque). */
export const deviceKeyIdSchema: IdentifierSchema<KeyId> = identifierSchema('key ID', deviceKeyIdProblem);

/** A device ID (opaque: 1 to 255 UTF-8 bytes, no NUL, no lone surrogate). */
export const deviceIdSchema: IdentifierSchema<DeviceId> = identifierSchema('device ID', deviceIdProblem);

/** An identifier of the opaque identifier grammar (appendix "Opaque Identifiers"). */
export const opaqueIdSchema: IdentifierSchema<OpaqueId> = identifierSchema('opaque identifier', opaqueIdProblem);

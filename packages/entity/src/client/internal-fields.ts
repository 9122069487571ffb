/**
 * Fields shared by the client-server bodies (internal to this folder; not re-exported).
 * Identifiers come from `../identifiers/schemas.js` and mxc URIs from
 * `../events/common/mxc-uri.js`; bodies accept what servers and clients MUST still accept
 * (historical user IDs, room and event IDs of every room version).
 *
 * @module
 */
import { z } from 'zod';

export {
  deviceIdSchema,
  eventIdSchema,
  roomAliasSchema,
  roomIdSchema,
  serverNameSchema,
  strictUserIdSchema,
  userIdSchema,
} from '../identifiers/schemas.js';
export { mxcUriSchema } from '../events/common/mxc-uri.js';

/** A safe integer (JSON integers in Matrix lie in [-(2^53)+1, 2^53-1]). */
export const intField = z.int();
/** A non-negative safe integer. */
export const nonNegativeIntField = z.int().min(0);

// Room versions ("Room version grammar"): 1 to 32 code points of [a-z0-9.-].
const ROOM_VERSION = /^[a-z0-9.-]{1,32}$/;

/** A room version identifier such as `11` or `org.example.custom`. */
export const roomVersionField = z.string().regex(ROOM_VERSION, 'room version must be 1 to 32 of [a-z0-9.-]');

/** A JSON object with any keys (event content and the like); arrays are rejected. */
export const jsonObjectField = z.record(z.string(), z.unknown());

/** An event type: any non-empty string. */
export const eventTypeField = z.string().min(1);

// Opaque Identifier Grammar-ish charset of client secrets and session IDs
// (identity service "request_email_validation": `[0-9a-zA-Z.=_-]`, 1 to 255 characters).
const CLIENT_SECRET = /^[0-9a-zA-Z.=_-]{1,255}$/;

/** A client secret or 3PID session ID: 1 to 255 of `[0-9a-zA-Z.=_-]`. */
export const clientSecretField = z.string().regex(CLIENT_SECRET, 'must be 1 to 255 of [0-9a-zA-Z.=_-]');

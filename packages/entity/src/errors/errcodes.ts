/**
 * The error codes (`errcode`) of the Matrix specification, grouped by where the spec
 * defines them, and the HTTP status the spec pairs with each where it names one.
 *
 * Spec: client-server API "Standard error response" (its "Common error codes" and
 * "Other error codes" lists), the endpoints and modules that define their own codes,
 * the server-server API (`/make_join`, `/send_join`), the application service API and
 * the identity service API "Standard error response".
 *
 * @module
 */

/**
 * Client-server API, "Standard error response" / "Common error codes": codes any
 * endpoint can return.
 */
export const commonErrcodes = [
  'M_BAD_JSON',
  'M_FORBIDDEN',
  'M_LIMIT_EXCEEDED',
  'M_MISSING_TOKEN',
  'M_NOT_FOUND',
  'M_NOT_JSON',
  'M_RESOURCE_LIMIT_EXCEEDED',
  'M_UNKNOWN',
  'M_UNKNOWN_DEVICE',
  'M_UNKNOWN_TOKEN',
  'M_UNRECOGNIZED',
  'M_USER_LIMIT_EXCEEDED',
  'M_USER_LOCKED',
  'M_USER_SUSPENDED',
] as const;

/** Client-server API, "Standard error response" / "Other error codes": endpoint-specific codes. */
export const otherErrcodes = [
  'M_BAD_STATE',
  'M_CANNOT_LEAVE_SERVER_NOTICE_ROOM',
  'M_CAPTCHA_INVALID',
  'M_CAPTCHA_NEEDED',
  'M_EXCLUSIVE',
  'M_GUEST_ACCESS_FORBIDDEN',
  'M_INCOMPATIBLE_ROOM_VERSION',
  'M_INVALID_PARAM',
  'M_INVALID_ROOM_STATE',
  'M_INVALID_USERNAME',
  'M_MISSING_PARAM',
  'M_ROOM_IN_USE',
  'M_SERVER_NOT_TRUSTED',
  'M_THREEPID_AUTH_FAILED',
  'M_THREEPID_DENIED',
  'M_THREEPID_IN_USE',
  'M_THREEPID_MEDIUM_NOT_SUPPORTED',
  'M_THREEPID_NOT_FOUND',
  'M_TOO_LARGE',
  'M_UNAUTHORIZED',
  'M_UNSUPPORTED_ROOM_VERSION',
  'M_USER_DEACTIVATED',
  'M_USER_IN_USE',
] as const;

/**
 * Codes the client-server API defines on individual endpoints and modules rather than
 * in its lists: `/login` and `/register` (`M_APPSERVICE_LOGIN_UNSUPPORTED`), room state
 * (`M_BAD_ALIAS`), the appservice ping (`M_BAD_STATUS`, `M_CONNECTION_FAILED`,
 * `M_CONNECTION_TIMEOUT`, `M_URL_NOT_SET`), the content repository
 * (`M_CANNOT_OVERWRITE_MEDIA`, `M_NOT_YET_UPLOADED`), annotations
 * (`M_DUPLICATE_ANNOTATION`), cross-signing (`M_INVALID_SIGNATURE`), invite permission
 * (`M_INVITE_BLOCKED`), profiles (`M_KEY_TOO_LARGE`, `M_PROFILE_TOO_LARGE`), password
 * management (`M_WEAK_PASSWORD`) and key backup (`M_WRONG_ROOM_KEYS_VERSION`).
 */
export const endpointErrcodes = [
  'M_APPSERVICE_LOGIN_UNSUPPORTED',
  'M_BAD_ALIAS',
  'M_BAD_STATUS',
  'M_CANNOT_OVERWRITE_MEDIA',
  'M_CONNECTION_FAILED',
  'M_CONNECTION_TIMEOUT',
  'M_DUPLICATE_ANNOTATION',
  'M_INVALID_SIGNATURE',
  'M_INVITE_BLOCKED',
  'M_KEY_TOO_LARGE',
  'M_NOT_YET_UPLOADED',
  'M_PROFILE_TOO_LARGE',
  'M_URL_NOT_SET',
  'M_WEAK_PASSWORD',
  'M_WRONG_ROOM_KEYS_VERSION',
] as const;

/**
 * Codes only the server-server API defines (`/make_join` and `/send_join`, "Restricted
 * rooms"). It also uses common codes such as `M_FORBIDDEN`, `M_NOT_FOUND`,
 * `M_UNRECOGNIZED`, `M_MISSING_PARAM` and `M_INCOMPATIBLE_ROOM_VERSION`.
 */
export const serverServerErrcodes = ['M_UNABLE_TO_AUTHORISE_JOIN', 'M_UNABLE_TO_GRANT_JOIN'] as const;

/**
 * Codes only the identity service API defines ("Standard error response", terms of
 * service, the validation and lookup endpoints). It shares `M_INVALID_PARAM`,
 * `M_NOT_FOUND`, `M_THREEPID_IN_USE`, `M_UNKNOWN`, `M_UNRECOGNIZED` and
 * `M_UNAUTHORIZED` with the client-server API.
 */
export const identityServiceErrcodes = [
  'M_DESTINATION_REJECTED',
  'M_EMAIL_SEND_ERROR',
  'M_INVALID_ADDRESS',
  'M_INVALID_EMAIL',
  'M_INVALID_PEPPER',
  'M_MISSING_PARAMS',
  'M_NO_VALID_SESSION',
  'M_SEND_ERROR',
  'M_SESSION_EXPIRED',
  'M_SESSION_NOT_VALIDATED',
  'M_TERMS_NOT_SIGNED',
  'M_TOKEN_INCORRECT',
] as const;

/** Every error code the Matrix specification defines (each once). */
export const matrixErrcodes = [
  ...commonErrcodes,
  ...otherErrcodes,
  ...endpointErrcodes,
  ...serverServerErrcodes,
  ...identityServiceErrcodes,
] as const;

/** An error code the Matrix specification defines. */
export type MatrixErrcode = (typeof matrixErrcodes)[number];

const errcodeSet: ReadonlySet<string> = new Set(matrixErrcodes);

/**
 * Whether `value` is one of the error codes the spec defines ({@link matrixErrcodes}).
 * Custom codes such as `COM.EXAMPLE_FOO` are valid on the wire but are not spec codes.
 *
 * @example
 * isMatrixErrcode('M_FORBIDDEN'); // true
 * isMatrixErrcode('COM.EXAMPLE_FOO'); // false
 */
export function isMatrixErrcode(value: unknown): value is MatrixErrcode {
  return typeof value === 'string' && errcodeSet.has(value);
}

// "Error codes should have their namespace first in ALL CAPS, followed by a single _",
// e.g. `M_FORBIDDEN` or `COM.MYDOMAIN.HERE_FORBIDDEN`.
const NAMESPACED_ERRCODE = /^[A-Z0-9]+(?:\.[A-Z0-9]+)*_[A-Z0-9_]*[A-Z0-9]$/;

/**
 * Whether `value` follows the spec's recommended shape for error codes: an upper-case
 * namespace (dot-separated, like `COM.MYDOMAIN.HERE`), a single `_`, then the code in
 * upper case. The spec says "should", so this is a lint, not a wire requirement.
 *
 * @example
 * isNamespacedErrcode('M_FORBIDDEN'); // true
 * isNamespacedErrcode('COM.MYDOMAIN.HERE_FORBIDDEN'); // true
 * isNamespacedErrcode('forbidden'); // false
 */
export function isNamespacedErrcode(value: unknown): value is string {
  return typeof value === 'string' && NAMESPACED_ERRCODE.test(value);
}

/**
 * The HTTP status the spec pairs with an error code, for the codes where it names one
 * (the status may still differ on a particular endpoint: `M_UNRECOGNIZED` is 405 for a
 * wrong method, `M_TOO_LARGE` is 502 when a remote file is too large, and so on).
 * Codes that the spec returns with different statuses on different endpoints, such as
 * `M_UNKNOWN` and `M_USER_LIMIT_EXCEEDED`, are absent.
 */
export const errcodeHttpStatus: Readonly<Partial<Record<MatrixErrcode, number>>> = Object.freeze({
  // Client-server "Standard error response" and "Using access tokens".
  M_BAD_JSON: 400,
  M_NOT_JSON: 400,
  M_FORBIDDEN: 403,
  M_LIMIT_EXCEEDED: 429, // "Rate limiting"
  M_MISSING_TOKEN: 401, // "Using access tokens"
  M_UNKNOWN_TOKEN: 401, // "Using access tokens", "Soft logout"
  M_NOT_FOUND: 404,
  M_UNRECOGNIZED: 404, // 405 when the endpoint exists but the method is wrong
  M_UNKNOWN_DEVICE: 400, // application service API "Identity assertion"
  M_USER_LOCKED: 401, // "Account locking"
  M_USER_SUSPENDED: 403, // "Account suspension"
  // Endpoints of the client-server API.
  M_MISSING_PARAM: 400,
  M_INVALID_PARAM: 400,
  M_USER_IN_USE: 400, // POST /register
  M_INVALID_USERNAME: 400, // POST /register
  M_EXCLUSIVE: 400, // POST /register
  M_APPSERVICE_LOGIN_UNSUPPORTED: 400, // POST /login, POST /register
  M_USER_DEACTIVATED: 403, // POST /login
  M_THREEPID_IN_USE: 400, // POST /register/email/requestToken
  M_THREEPID_NOT_FOUND: 400, // POST /account/password/email/requestToken
  M_THREEPID_DENIED: 403, // POST /register/email/requestToken
  M_THREEPID_AUTH_FAILED: 403, // POST /account/3pid/add
  M_THREEPID_MEDIUM_NOT_SUPPORTED: 400, // POST /account/3pid/add
  M_SERVER_NOT_TRUSTED: 400, // POST /register/email/requestToken
  M_ROOM_IN_USE: 400, // POST /createRoom
  M_INVALID_ROOM_STATE: 400, // POST /createRoom
  M_UNSUPPORTED_ROOM_VERSION: 400, // POST /createRoom
  M_INCOMPATIBLE_ROOM_VERSION: 400, // federation GET /make_join
  M_INVITE_BLOCKED: 403, // POST /rooms/{roomId}/invite, "Invite permission"
  M_BAD_ALIAS: 400, // PUT /rooms/{roomId}/state/m.room.canonical_alias
  M_DUPLICATE_ANNOTATION: 400, // PUT /rooms/{roomId}/send
  M_PROFILE_TOO_LARGE: 400, // PUT /profile/{userId}/{keyName}
  M_KEY_TOO_LARGE: 400, // PUT /profile/{userId}/{keyName}
  M_INVALID_SIGNATURE: 400, // POST /keys/device_signing/upload
  M_WRONG_ROOM_KEYS_VERSION: 403, // PUT /room_keys/keys
  M_TOO_LARGE: 413, // content repository
  M_CANNOT_OVERWRITE_MEDIA: 409, // PUT /media/v3/upload/{serverName}/{mediaId}
  M_NOT_YET_UPLOADED: 504, // GET /media/v3/download
  M_URL_NOT_SET: 400, // POST /appservice/{appserviceId}/ping
  M_BAD_STATUS: 502, // POST /appservice/{appserviceId}/ping
  M_CONNECTION_FAILED: 502, // POST /appservice/{appserviceId}/ping
  M_CONNECTION_TIMEOUT: 504, // POST /appservice/{appserviceId}/ping
  // Server-server API, GET /make_join and PUT /send_join.
  M_UNABLE_TO_AUTHORISE_JOIN: 400,
  M_UNABLE_TO_GRANT_JOIN: 400,
  // Identity service API.
  M_UNAUTHORIZED: 401, // "Authentication"
  M_TERMS_NOT_SIGNED: 403, // "Terms of service"
  M_INVALID_EMAIL: 400,
  M_INVALID_ADDRESS: 400,
  M_EMAIL_SEND_ERROR: 400,
  M_SEND_ERROR: 400,
  M_DESTINATION_REJECTED: 400,
  M_INVALID_PEPPER: 400,
  M_SESSION_NOT_VALIDATED: 400,
  M_SESSION_EXPIRED: 400,
  M_TOKEN_INCORRECT: 400,
  M_NO_VALID_SESSION: 404,
});

/**
 * The HTTP status the spec pairs with `errcode`, or undefined when it names none or the
 * code is not a spec code.
 *
 * @example
 * usualHttpStatus('M_LIMIT_EXCEEDED'); // 429
 * usualHttpStatus('M_UNKNOWN'); // undefined
 */
export function usualHttpStatus(errcode: string): number | undefined {
  return isMatrixErrcode(errcode) ? errcodeHttpStatus[errcode] : undefined;
}

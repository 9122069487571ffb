/**
 * `MatrixError`: the one wire error type of the project (client-server API "Standard
 * error response"). Local errors (bad input to a function, a missing event in a store)
 * are their own classes; a `MatrixError` is what goes over HTTP.
 *
 * @module
 */
import { type MatrixErrcode, usualHttpStatus } from './errcodes.js';
import type { MatrixErrorBody } from './matrix-error-body.js';

/** Options of the {@link MatrixError} constructor. */
export interface MatrixErrorOptions {
  /**
   * The HTTP status of the response. Defaults to the status the spec pairs with the
   * code ({@link usualHttpStatus}), else 500 for `M_UNKNOWN` and 400 for any other code.
   */
  readonly httpStatus?: number;
  /**
   * Further keys of the body, such as `retry_after_ms`, `soft_logout` or
   * `admin_contact` (`errcode` and `error` here are ignored).
   */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** The underlying cause, passed to `Error`. */
  readonly cause?: unknown;
}

function defaultStatus(errcode: string): number {
  return usualHttpStatus(errcode) ?? (errcode === 'M_UNKNOWN' ? 500 : 400);
}

function checkStatus(status: number): number {
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new RangeError(`HTTP status must be an integer from 100 to 599, not ${String(status)}`);
  }
  return status;
}

function withoutCodeAndMessage(extra: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (extra === undefined) return out;
  for (const [key, value] of Object.entries(extra)) {
    if (key !== 'errcode' && key !== 'error') out[key] = value;
  }
  return out;
}

/**
 * A Matrix error response: an `errcode` (a spec code or a custom namespaced one), a
 * human-readable `error`, the HTTP status, and any further keys of the body.
 *
 * @example
 * const err = new MatrixError('M_LIMIT_EXCEEDED', 'Too many requests', { extra: { retry_after_ms: 2000 } });
 * err.httpStatus; // 429
 * err.toJSON(); // { errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: 2000 }
 */
export class MatrixError extends Error {
  override readonly name = 'MatrixError';
  /** The error code, e.g. `M_FORBIDDEN`, or a custom code such as `COM.EXAMPLE_FOO`. */
  readonly errcode: MatrixErrcode | (string & {});
  /** The HTTP status of the response. */
  readonly httpStatus: number;
  /** The keys of the body besides `errcode` and `error`. */
  readonly extra: Readonly<Record<string, unknown>>;
  /** The `error` text as it goes on the wire (absent only when a received body lacked it). */
  #wireError: string | undefined;

  /**
   * @param errcode - the error code
   * @param error - the human-readable message (the body's `error`)
   * @param options - HTTP status, extra body keys, cause
   */
  constructor(errcode: MatrixErrcode | (string & {}), error: string, options: MatrixErrorOptions = {}) {
    super(error, options.cause === undefined ? undefined : { cause: options.cause });
    this.errcode = errcode;
    this.httpStatus = checkStatus(options.httpStatus ?? defaultStatus(errcode));
    this.extra = Object.freeze(withoutCodeAndMessage(options.extra));
    this.#wireError = error;
  }

  /** `retry_after_ms` of an `M_LIMIT_EXCEEDED` body, when it is a non-negative integer. */
  get retryAfterMs(): number | undefined {
    const value = this.extra.retry_after_ms;
    return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  }

  /** `soft_logout` of the body; the spec's default is `false`. */
  get softLogout(): boolean {
    return this.extra.soft_logout === true;
  }

  /**
   * The wire body: `errcode`, `error`, then the extra keys.
   *
   * @example
   * new MatrixError('M_NOT_FOUND', 'Event not found.').toJSON();
   * // { errcode: 'M_NOT_FOUND', error: 'Event not found.' }
   */
  toJSON(): MatrixErrorBody {
    const body: Record<string, unknown> = { errcode: this.errcode };
    if (this.#wireError !== undefined) body.error = this.#wireError;
    return Object.assign(body, this.extra) as MatrixErrorBody;
  }

  /**
   * Builds the error a response represents, from its HTTP status and parsed JSON body.
   * Lenient, as a client must be: any object with a non-empty string `errcode` is taken
   * as is (unknown and custom codes kept, every other key kept in {@link MatrixError.extra}; a
   * non-string `error` is dropped). Anything else becomes `M_UNKNOWN` with the body as
   * the `cause` ("when encountering `M_UNKNOWN`, clients should prefer the HTTP status").
   *
   * @param status - the HTTP status of the response (100 to 599; otherwise a `RangeError` is thrown)
   * @param body - the parsed JSON body
   * @example
   * const err = MatrixError.fromBody(403, { errcode: 'M_FORBIDDEN', error: 'You are not invited to this room.' });
   * err.errcode; // 'M_FORBIDDEN'
   * err.httpStatus; // 403
   */
  static fromBody(status: number, body: unknown): MatrixError {
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
      const record = body as Record<string, unknown>;
      const { errcode, error } = record;
      if (typeof errcode === 'string' && errcode.length > 0) {
        const err = new MatrixError(errcode, typeof error === 'string' ? error : errcode, {
          httpStatus: status,
          extra: record,
        });
        if (typeof error !== 'string') err.#wireError = undefined;
        return err;
      }
    }
    return new MatrixError('M_UNKNOWN', `HTTP ${String(status)} without a standard error body`, {
      httpStatus: status,
      cause: body,
    });
  }
}

/**
 * Whether `value` is a {@link MatrixError}, also across bundles where `instanceof` fails.
 *
 * @example
 * isMatrixError(new MatrixError('M_UNKNOWN', 'oops')); // true
 * isMatrixError(new Error('oops')); // false
 */
export function isMatrixError(value: unknown): value is MatrixError {
  return (
    value instanceof MatrixError ||
    (value instanceof Error &&
      value.name === 'MatrixError' &&
      typeof (value as { errcode?: unknown }).errcode === 'string' &&
      typeof (value as { httpStatus?: unknown }).httpStatus === 'number')
  );
}

import { isMatrixError, MatrixError, matrixErrorBodySchema } from '@maxtryx/entity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('MatrixError', () => {
  it('is an Error named MatrixError with the code, message and status', () => {
    const err = new MatrixError('M_FORBIDDEN', 'You are not invited to this room.');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('MatrixError');
    expect(err.errcode).toBe('M_FORBIDDEN');
    expect(err.message).toBe('You are not invited to this room.');
    expect(err.httpStatus).toBe(403);
    expect(isMatrixError(err)).toBe(true);
    expect(isMatrixError(new Error('x'))).toBe(false);
    expect(isMatrixError({ name: 'MatrixError', errcode: 'M_FORBIDDEN', httpStatus: 403 })).toBe(false);
  });

  it('defaults the status from the code: the spec pairing, else 500 for M_UNKNOWN and 400', () => {
    expect(new MatrixError('M_LIMIT_EXCEEDED', 'slow').httpStatus).toBe(429);
    expect(new MatrixError('M_UNKNOWN_TOKEN', 'who').httpStatus).toBe(401);
    expect(new MatrixError('M_NOT_FOUND', 'gone').httpStatus).toBe(404);
    expect(new MatrixError('M_UNKNOWN', 'oops').httpStatus).toBe(500);
    expect(new MatrixError('COM.EXAMPLE_THING', 'custom').httpStatus).toBe(400);
    expect(new MatrixError('M_UNRECOGNIZED', 'wrong method', { httpStatus: 405 }).httpStatus).toBe(405);
  });

  it('rejects an HTTP status outside 100..599', () => {
    for (const bad of [0, 99, 600, 404.5, Number.NaN]) {
      expect(() => new MatrixError('M_UNKNOWN', 'x', { httpStatus: bad })).toThrow(RangeError);
      expect(() => MatrixError.fromBody(bad, { errcode: 'M_UNKNOWN', error: 'x' })).toThrow(RangeError);
    }
  });

  it('writes the wire body with errcode, error and the extra keys, valid for the body schema', () => {
    const err = new MatrixError('M_LIMIT_EXCEEDED', 'Too many requests', { extra: { retry_after_ms: 2000 } });
    expect(err.toJSON()).toStrictEqual({ errcode: 'M_LIMIT_EXCEEDED', error: 'Too many requests', retry_after_ms: 2000 });
    expect(JSON.parse(JSON.stringify(err))).toStrictEqual(err.toJSON());
    expect(matrixErrorBodySchema.safeParse(err.toJSON()).success).toBe(true);
    expect(err.retryAfterMs).toBe(2000);
  });

  it('does not let extra keys override errcode or error', () => {
    const err = new MatrixError('M_FORBIDDEN', 'no', { extra: { errcode: 'M_UNKNOWN', error: 'yes', x: 1 } });
    expect(err.toJSON()).toStrictEqual({ errcode: 'M_FORBIDDEN', error: 'no', x: 1 });
    expect(err.extra).toStrictEqual({ x: 1 });
  });

  it('passes the cause on', () => {
    const cause = new Error('disk full');
    expect(new MatrixError('M_UNKNOWN', 'oops', { cause }).cause).toBe(cause);
  });

  it('reads soft_logout, false by default', () => {
    expect(new MatrixError('M_UNKNOWN_TOKEN', 'x').softLogout).toBe(false);
    expect(MatrixError.fromBody(401, { errcode: 'M_UNKNOWN_TOKEN', error: 'x', soft_logout: true }).softLogout).toBe(true);
    expect(MatrixError.fromBody(429, { errcode: 'M_LIMIT_EXCEEDED', error: 'x', retry_after_ms: -5 }).retryAfterMs).toBe(
      undefined,
    );
  });

  describe('fromBody', () => {
    it('round-trips a body: fromBody(status, body).toJSON() equals body', () => {
      const body = { errcode: 'M_USER_LOCKED', error: 'This account has been locked', soft_logout: true };
      const err = MatrixError.fromBody(401, body);
      expect(err.errcode).toBe('M_USER_LOCKED');
      expect(err.httpStatus).toBe(401);
      expect(err.toJSON()).toStrictEqual(body);
    });

    it('keeps an unknown M_ code and custom non-M_ codes as they are', () => {
      expect(MatrixError.fromBody(400, { errcode: 'M_SOMETHING_NEW', error: 'x' }).errcode).toBe('M_SOMETHING_NEW');
      const custom = MatrixError.fromBody(418, { errcode: 'COM.EXAMPLE.MYAPP_TEAPOT', error: 'short and stout', spout: 1 });
      expect(custom.errcode).toBe('COM.EXAMPLE.MYAPP_TEAPOT');
      expect(custom.httpStatus).toBe(418);
      expect(custom.toJSON()).toStrictEqual({ errcode: 'COM.EXAMPLE.MYAPP_TEAPOT', error: 'short and stout', spout: 1 });
    });

    it('keeps a body without error as it is (POST /login 403 example)', () => {
      const err = MatrixError.fromBody(403, { errcode: 'M_FORBIDDEN' });
      expect(err.toJSON()).toStrictEqual({ errcode: 'M_FORBIDDEN' });
      expect(err.message).toBe('M_FORBIDDEN');
    });

    it('drops a non-string error', () => {
      expect(MatrixError.fromBody(400, { errcode: 'M_UNKNOWN', error: 5 }).toJSON()).toStrictEqual({ errcode: 'M_UNKNOWN' });
    });

    it('turns a non-standard body into M_UNKNOWN with the body as cause and the status kept', () => {
      for (const body of [null, 'Bad Gateway', [1, 2], { error: 'no code' }, { errcode: '' }, { errcode: 7 }]) {
        const err = MatrixError.fromBody(502, body);
        expect(err.errcode).toBe('M_UNKNOWN');
        expect(err.httpStatus).toBe(502);
        expect(err.cause).toBe(body);
        expect(err.toJSON()).toStrictEqual({ errcode: 'M_UNKNOWN', error: 'HTTP 502 without a standard error body' });
      }
    });

    it('round-trips any body with a string errcode and string error (property)', () => {
      const key = fc.string({ minLength: 1 }).filter((k) => k !== 'errcode' && k !== 'error' && k !== '__proto__');
      fc.assert(
        fc.property(
          fc.integer({ min: 100, max: 599 }),
          fc.string({ minLength: 1 }),
          fc.string(),
          fc.dictionary(key, fc.jsonValue()),
          (status, errcode, error, extra) => {
            // Through JSON, as a body arrives (fast-check may build null-prototype objects).
            const body = JSON.parse(JSON.stringify({ errcode, error, ...extra })) as Record<string, unknown>;
            const err = MatrixError.fromBody(status, body);
            expect(err.httpStatus).toBe(status);
            expect(err.errcode).toBe(errcode);
            expect(err.toJSON()).toStrictEqual(body);
            const again = MatrixError.fromBody(err.httpStatus, JSON.parse(JSON.stringify(err)));
            // Compared as JSON text: toStrictEqual reads an own `constructor` key as the class.
            expect(JSON.stringify(again)).toBe(JSON.stringify(err));
          },
        ),
      );
    });
  });
});

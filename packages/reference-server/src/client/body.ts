/**
 * Request bodies of the client-server API: a JSON object, validated against a schema of
 * `@maxtryx/entity` where one exists. Malformed JSON is `400 M_NOT_JSON` (from the body
 * reader); a body of the wrong shape is `400 M_BAD_JSON` naming the offending path
 * (client-server API "Standard error response": `M_BAD_JSON`, "Request contained valid
 * JSON, but it was malformed in some way").
 *
 * @module
 */
import { MatrixError } from '@maxtryx/entity';
import { isJsonObject, type JsonObject } from '@maxtryx/federation-core';
import type { RouteContext } from '../http/router.js';

/** What this module needs of a zod schema: `safeParse`. */
export interface BodySchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

/** The `M_BAD_JSON` error for a value that failed `schema`, naming the first offending path. */
export function badJson(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): MatrixError {
  const first = issues[0];
  const path = first && first.path.length > 0 ? first.path.map(String).join('.') : '(body)';
  return new MatrixError('M_BAD_JSON', `${path}: ${first?.message ?? 'invalid'}`, { httpStatus: 400 });
}

/** Validates `value` against `schema`; `M_BAD_JSON` naming the path when it does not fit. */
export function validate<T>(schema: BodySchema<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badJson(result.error.issues);
  return result.data;
}

/** The request body, which must be a JSON object (`M_BAD_JSON` otherwise). */
export async function jsonObjectBody(ctx: RouteContext): Promise<JsonObject> {
  const body = await ctx.json();
  if (!isJsonObject(body)) throw new MatrixError('M_BAD_JSON', 'the request body must be a JSON object', { httpStatus: 400 });
  return body;
}

/** The request body validated against `schema` (it must be a JSON object first). */
export async function parseBody<T>(ctx: RouteContext, schema: BodySchema<T>): Promise<T> {
  return validate(schema, await jsonObjectBody(ctx));
}

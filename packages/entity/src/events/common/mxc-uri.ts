/**
 * Content URIs (client-server "Content repository", "Matrix Content (mxc://) URIs"):
 * `mxc://<server-name>/<media-id>`, the server name per the appendix and the media ID of
 * `[A-Za-z0-9_-]`.
 *
 * @module
 */
import { z } from 'zod';
import { serverNameProblem } from '../../identifiers/server-name.js';

/** An `mxc://` content URI. */
export type MxcUri = `mxc://${string}/${string}`;

const MXC = /^mxc:\/\/([^/]+)\/([A-Za-z0-9_-]+)$/;

/**
 * Returns why `value` is not an mxc URI, or undefined.
 *
 * @example
 * mxcUriProblem('mxc://example.org/abc'); // undefined
 * mxcUriProblem('https://example.org/abc'); // 'must be mxc://<server-name>/<media-id>'
 */
export function mxcUriProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'not a string';
  const match = MXC.exec(value);
  if (match === null) return 'must be mxc://<server-name>/<media-id>';
  const problem = serverNameProblem(match[1]);
  return problem === undefined ? undefined : `server name: ${problem}`;
}

/**
 * Whether `value` is an mxc URI.
 *
 * @example
 * isValidMxcUri('mxc://example.org/JWEIFJgwEIhweiWJE'); // true
 */
export function isValidMxcUri(value: unknown): value is MxcUri {
  return mxcUriProblem(value) === undefined;
}

/** An `mxc://` content URI. */
export const mxcUriSchema = z.string().superRefine((value, ctx) => {
  const problem = mxcUriProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `invalid mxc URI: ${problem}`, input: value });
}) as unknown as z.ZodType<MxcUri, string>;

/**
 * `mxc://` URIs as the body schemas check them (internal): the spec's `pattern` is
 * `^mxc:\/\/`.
 *
 * @module
 */
import { z } from 'zod';

/** A string starting with `mxc://` (format `mx-mxc-uri`). */
export const mxcUriField = z.string().refine((uri) => uri.startsWith('mxc://'), { message: 'must be an mxc:// URI' });

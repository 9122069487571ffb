/**
 * Field schemas shared by the PDU formats of every room version (internal).
 *
 * @module
 */
import { z } from 'zod';
import { MAX_IDENTIFIER_BYTES, userIdSchema, utf8ByteLength } from '../identifiers/index.js';
import { canonicalJsonByteLength, nonCanonicalNumbers } from './canonical-json.js';
import { eventHashesSchema } from './event-hashes.js';
import { signaturesMapSchema } from './signatures.js';

/** Maximum size of a whole PDU as canonical JSON (client-server API "Size limits"). */
export const MAX_PDU_BYTES = 65_536;

/** Most `auth_events` a PDU may list (PDU definitions: "less than or equal to 10"). */
export const MAX_AUTH_EVENTS = 10;

/** Most `prev_events` a PDU may list (PDU definitions: "less than or equal to 20"). */
export const MAX_PREV_EVENTS = 20;

/** Largest `depth` in room versions 1 to 5: 2**63 - 1 (pdu_v1/v3/v4 `depth`). */
export const MAX_DEPTH_V1 = 2 ** 63 - 1;

/** A string of at most `max` UTF-8 bytes. */
export function byteLimitedString(max: number, what: string) {
  return z.string().refine((s) => utf8ByteLength(s) <= max, { message: `${what} must not exceed ${max} bytes (UTF-8)` });
}

// client-server API "Size limits": `type` and `state_key` MUST NOT exceed 255 bytes.
/** An event `type`: a string of at most 255 UTF-8 bytes. */
export const eventTypeField = byteLimitedString(MAX_IDENTIFIER_BYTES, 'type');
/** An event `state_key`: a string of at most 255 UTF-8 bytes. */
export const stateKeyField = byteLimitedString(MAX_IDENTIFIER_BYTES, 'state_key');

/**
 * A JSON integer as room versions 1 to 5 carry it (`format: int64`): any integral number
 * of magnitude below 2**63. These versions do not enforce canonical JSON (fragment
 * "v1-canonical-json"), so integers beyond 2**53 are tolerated.
 */
export const int64Field = z
  .number()
  .refine((n) => Number.isInteger(n) && Math.abs(n) <= 2 ** 63, { message: 'must be an integer in the int64 range' });

/** A canonical-JSON integer, `[-(2**53)+1, (2**53)-1]` (room versions 6 and later). */
export const canonicalIntField = z.int();

/** `depth` in room versions 1 to 5: an integer in `[0, 2**63 - 1]`. */
export const depthV1Field = z
  .number()
  .refine((n) => Number.isInteger(n) && n >= 0 && n <= MAX_DEPTH_V1, { message: 'depth must be an integer in [0, 2**63 - 1]' });

/** `depth` in room versions 6 and later (definitions/components/depth_v6.yaml): `[0, 2**53 - 1]`. */
export const depthV6Field = z.int().min(0);

/** A JSON object whose keys are all kept (event `content` and the like). */
export const jsonObjectField = z.record(z.string(), z.unknown());

/** `unsigned` of a PDU (pdu_base.yaml `UnsignedData`): `age` is an integer when present. */
export function unsignedField(intField: z.ZodType<number>) {
  return z.looseObject({ age: intField.optional() });
}

/** Options of the PDU schemas. */
export interface PduSchemaOptions {
  /**
   * Whether to enforce at most 10 `auth_events` and 20 `prev_events` (default true).
   * Pass false for events from `/backfill`, whose response "MUST NOT be validated on
   * these specific restrictions" (server-server API: GET /backfill/{roomId}).
   */
  readonly checkReferenceCounts?: boolean;
}

/** The rules a PDU schema checks on the whole event. */
export interface WholePduRules {
  /** Room versions 6+: every number must be a canonical-JSON integer (fragment "v6-canonical-json"). */
  readonly strictCanonicalJson: boolean;
}

/**
 * Checks of the whole event: its canonical-JSON size (at most 65,536 bytes, signatures
 * included) and, in strict room versions, that every number is canonical.
 */
export function checkWholePdu(rules: WholePduRules) {
  return (pdu: Record<string, unknown>, ctx: z.RefinementCtx): void => {
    // client-server API "Size limits": the complete event MUST NOT be larger than 65536
    // bytes in the federation format, including any signatures, as canonical JSON.
    const size = canonicalJsonByteLength(pdu);
    if (size > MAX_PDU_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `PDU is ${size} bytes as canonical JSON, more than the ${MAX_PDU_BYTES} allowed`,
      });
    }
    if (rules.strictCanonicalJson) {
      // Room versions 6+ (fragment "v6-canonical-json"): servers MUST strictly enforce
      // canonical JSON and discard events that are not.
      // A field schema (such as `depth`) may already have reported the same number.
      const reported = new Set(ctx.issues.map((issue) => (issue.path ?? []).map(String).join('\u0000')));
      for (const bad of nonCanonicalNumbers(pdu)) {
        if (reported.has(bad.path.map(String).join('\u0000'))) continue;
        ctx.addIssue({ code: 'custom', path: [...bad.path], message: `not canonical JSON: ${bad.reason}` });
      }
    }
  };
}

/**
 * The fields every PDU format shares (definitions/components/pdu_base.yaml), with
 * `intField` for the integers (64-bit before room version 6, canonical JSON's range after).
 */
export function pduBaseShape(intField: z.ZodType<number>) {
  return {
    sender: userIdSchema,
    origin_server_ts: intField,
    type: eventTypeField,
    state_key: stateKeyField.optional(),
    content: jsonObjectField,
    hashes: eventHashesSchema,
    signatures: signaturesMapSchema,
    unsigned: unsignedField(intField).optional(),
  };
}

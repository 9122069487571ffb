import {
  MAX_PDU_BYTES,
  pduFormatFor,
  pduSchemaFor,
  pduV1Schema,
  pduV3Schema,
  pduV4Schema,
  pduV6Schema,
  pduV11Schema,
  pduV12Schema,
  UnsupportedPduRoomVersionError,
} from '@maxtryx/entity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSpecDocument, resolveRefs } from '../spec-examples/spec-data.js';
import { issuePaths, V12_ROOM_ID, V3_ID, V4_ID_A, v12CreatePdu, v12Pdu, v1Pdu, v3Pdu, v4Pdu } from './pdu-fixtures.js';

const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe('valid PDUs parse losslessly', () => {
  it.each([
    ['v1', pduV1Schema, v1Pdu()],
    ['v3', pduV3Schema, v3Pdu()],
    ['v4', pduV4Schema, v4Pdu()],
    ['v6', pduV6Schema, v4Pdu()],
    ['v11', pduV11Schema, v4Pdu()],
    ['v12', pduV12Schema, v12Pdu()],
    ['v12 create', pduV12Schema, v12CreatePdu()],
  ] as const)('%s', (_name, schema, pdu) => {
    const result = schema.safeParse(pdu);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.data).toStrictEqual(pdu);
  });

  it('the spec example of the v1 format (examples/pdu_v1.json)', () => {
    const example = resolveRefs(loadSpecDocument('api/server-server/examples/pdu_v1.json'), 'api/server-server/examples/pdu_v1.json');
    expect(pduV1Schema.parse(example)).toStrictEqual(example);
  });

  it('the event of the appendix "Event Signing" test vector (v3+ format)', () => {
    const event = {
      auth_events: [],
      content: {},
      depth: 3,
      hashes: { sha256: '5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos' },
      origin: 'domain',
      origin_server_ts: 1000000,
      prev_events: [],
      room_id: '!x:domain',
      sender: '@a:domain',
      signatures: { domain: { 'ed25519:1': 'KxwGjPSDEtvnFgU00fwFz+l6d2pJM6XBIaMEn81SXPTRl16AqLAYqfIReFGZlHi5KLjAWbOoMszkwsQma+lYAg' } },
      type: 'X',
      unsigned: { age_ts: 1000000 },
    };
    for (const rv of ['4', '6', '10', '11']) expect(pduSchemaFor(rv).parse(event)).toStrictEqual(event);
  });

  it('keeps every key no schema names (signatures and hashes cover them)', () => {
    const jsonValue = fc.jsonValue({ maxDepth: 2 }).filter((v) => JSON.stringify(v) !== undefined);
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }).map((k) => `x_${k}`), jsonValue, { maxKeys: 4 }), (extra) => {
        const pdu = JSON.parse(JSON.stringify({ ...v1Pdu(), ...extra })) as Record<string, unknown>;
        const result = pduV1Schema.safeParse(pdu);
        if (result.success) expect(result.data).toStrictEqual(pdu);
        // v1 rooms do not enforce canonical JSON: any extra JSON value is accepted.
        expect(result.success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('pduSchemaFor', () => {
  it.each([
    ['1', 'v1'],
    ['2', 'v1'],
    ['3', 'v3'],
    ['4', 'v4'],
    ['5', 'v4'],
    ['6', 'v6'],
    ['9', 'v6'],
    ['10', 'v6'],
    ['11', 'v11'],
    ['12', 'v12'],
  ])('room version %s uses the %s format', (rv, format) => {
    expect(pduFormatFor(rv)).toBe(format);
  });

  it('returns the exported schemas', () => {
    expect(pduSchemaFor('1')).toBe(pduV1Schema);
    expect(pduSchemaFor('3')).toBe(pduV3Schema);
    expect(pduSchemaFor('5')).toBe(pduV4Schema);
    expect(pduSchemaFor('7')).toBe(pduV6Schema);
    expect(pduSchemaFor('11')).toBe(pduV11Schema);
    expect(pduSchemaFor('12')).toBe(pduV12Schema);
  });

  it.each(['0', '13', '', 'org.matrix.msc2176', ' 1', '1.0', 'constructor', '__proto__'])(
    'throws UnsupportedPduRoomVersionError for %j',
    (rv) => {
      expect(() => pduSchemaFor(rv)).toThrow(UnsupportedPduRoomVersionError);
      try {
        pduSchemaFor(rv);
      } catch (error) {
        expect((error as UnsupportedPduRoomVersionError).name).toBe('UnsupportedPduRoomVersionError');
        expect((error as UnsupportedPduRoomVersionError).roomVersion).toBe(rv);
      }
    },
  );

  it('without reference counts (backfill) accepts more than 10 auth_events and 20 prev_events', () => {
    const pdu = { ...v4Pdu(), auth_events: Array(11).fill(V4_ID_A), prev_events: Array(21).fill(V4_ID_A) };
    expect(issuePaths(pduSchemaFor('10').safeParse(pdu))).toEqual(['auth_events', 'prev_events']);
    expect(pduSchemaFor('10', { checkReferenceCounts: false }).safeParse(pdu).success).toBe(true);
    const v1 = { ...v1Pdu(), prev_events: Array(21).fill((v1Pdu().prev_events as unknown[])[0]) };
    expect(issuePaths(pduSchemaFor('1').safeParse(v1))).toEqual(['prev_events']);
    expect(pduSchemaFor('2', { checkReferenceCounts: false }).safeParse(v1).success).toBe(true);
  });

  it('accepts exactly 10 auth_events and 20 prev_events', () => {
    const pdu = { ...v4Pdu(), auth_events: Array(10).fill(V4_ID_A), prev_events: Array(20).fill(V4_ID_A) };
    expect(pduSchemaFor('8').safeParse(pdu).success).toBe(true);
  });
});

const allFormats = [
  ['v1', pduV1Schema, v1Pdu],
  ['v3', pduV3Schema, v3Pdu],
  ['v4', pduV4Schema, v4Pdu],
  ['v6', pduV6Schema, v4Pdu],
  ['v11', pduV11Schema, v4Pdu],
  ['v12', pduV12Schema, v12Pdu],
] as const;

describe.each(allFormats)('%s format rejects bad input, naming the path', (_name, schema, make) => {
  it.each(['sender', 'origin_server_ts', 'type', 'content', 'depth', 'hashes', 'signatures', 'auth_events', 'prev_events'])(
    'missing %s',
    (key) => {
      const pdu = make();
      delete pdu[key];
      expect(issuePaths(schema.safeParse(pdu))).toContain(key);
    },
  );

  it.each([
    ['sender', 42],
    ['origin_server_ts', '1404838188000'],
    ['origin_server_ts', 1.5],
    ['type', null],
    ['state_key', 7],
    ['content', 'text'],
    ['content', ['a']],
    ['depth', '12'],
    ['depth', -1],
    ['depth', 2.5],
    ['hashes', { sha256: 5 }],
    ['signatures', { 'example.com': { 'ed25519:1': 5 } }],
    ['signatures', { 'example.com': 'sig' }],
    ['unsigned', { age: 'old' }],
    ['auth_events', 'not-an-array'],
  ] as const)('%s = %j', (key, value) => {
    const pdu = { ...make(), [key]: value };
    const paths = issuePaths(schema.safeParse(pdu));
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path.startsWith(key)).toBe(true);
  });

  it('a 256-byte sender, type or state_key; 255 bytes pass', () => {
    const domain = ':example.org';
    const sender255 = `@${'a'.repeat(255 - 1 - domain.length)}${domain}`;
    expect(utf8(sender255)).toBe(255);
    expect(schema.safeParse({ ...make(), sender: sender255 }).success).toBe(true);
    expect(issuePaths(schema.safeParse({ ...make(), sender: `@a${sender255.slice(1)}` }))).toEqual(['sender']);
    // Bytes, not UTF-16 code units: 128 x "é" is 128 characters but 256 bytes.
    expect(issuePaths(schema.safeParse({ ...make(), type: 'é'.repeat(128) }))).toEqual(['type']);
    expect(issuePaths(schema.safeParse({ ...make(), state_key: 'é'.repeat(128) }))).toEqual(['state_key']);
    expect(schema.safeParse({ ...make(), state_key: `${'é'.repeat(127)}a` }).success).toBe(true);
    expect(issuePaths(schema.safeParse({ ...make(), type: 'x'.repeat(256) }))).toEqual(['type']);
  });

  it('a PDU over 65,536 bytes of canonical JSON; exactly 65,536 passes', () => {
    const base = make();
    const empty = { ...base, content: { body: '' } };
    const overhead = utf8(JSON.stringify(empty));
    // "€" is 3 bytes in UTF-8 but 1 UTF-16 code unit: the limit counts bytes.
    const room = MAX_PDU_BYTES - overhead;
    const fits = { ...base, content: { body: `${'€'.repeat(Math.floor(room / 3))}${'a'.repeat(room % 3)}` } };
    expect(utf8(JSON.stringify(fits))).toBe(MAX_PDU_BYTES);
    expect(schema.safeParse(fits).success).toBe(true);
    const over = { ...fits, content: { body: `${(fits.content as { body: string }).body}a` } };
    const result = schema.safeParse(over);
    expect(issuePaths(result)).toEqual(['']);
    expect(result.error?.issues[0]?.message).toMatch(/65537 bytes/);
  });

  it('counts canonical-JSON bytes of any text: escapes, multi-byte and astral characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const base = { ...make(), content: { body: text, pad: '' } };
        const room = MAX_PDU_BYTES - utf8(JSON.stringify(base));
        const fits = { ...base, content: { body: text, pad: 'a'.repeat(room) } };
        expect(schema.safeParse(fits).success).toBe(true);
        const over = { ...base, content: { body: text, pad: 'a'.repeat(room + 1) } };
        expect(issuePaths(schema.safeParse(over))).toEqual(['']);
      }),
      { numRuns: 15 },
    );
  });

  it('a sender that is not a user ID', () => {
    for (const sender of ['alice:example.com', '@alice', '@alice:bad_host', '@al\u0000ice:example.com']) {
      expect(issuePaths(schema.safeParse({ ...make(), sender }))).toEqual(['sender']);
    }
  });

  it('a historical (non-compliant) sender is accepted', () => {
    expect(schema.safeParse({ ...make(), sender: '@Alice Smith:example.com' }).success).toBe(true);
  });
});

describe('event ID formats per room version', () => {
  it('v1 needs $opaque:server in event_id, references and redacts', () => {
    expect(issuePaths(pduV1Schema.safeParse({ ...v1Pdu(), event_id: V4_ID_A }))).toEqual(['event_id']);
    expect(issuePaths(pduV1Schema.safeParse({ ...v1Pdu(), redacts: 'abc:example.org' }))).toEqual(['redacts']);
    expect(issuePaths(pduV1Schema.safeParse({ ...v1Pdu(), event_id: `$${'a'.repeat(243)}:example.org` }))).toEqual([
      'event_id',
    ]);
  });

  it('v1 references are [event_id, {sha256}] pairs', () => {
    const hash = { sha256: 'abase64encodedsha256hashshouldbe43byteslong' };
    expect(issuePaths(pduV1Schema.safeParse({ ...v1Pdu(), prev_events: ['$a:example.org'] }))).toEqual(['prev_events.0']);
    expect(issuePaths(pduV1Schema.safeParse({ ...v1Pdu(), prev_events: [['$a:example.org']] }))).toEqual(['prev_events.0.1']);
    expect(issuePaths(pduV1Schema.safeParse({ ...v1Pdu(), auth_events: [['$a:example.org', hash, 'x']] }))).toEqual([
      'auth_events.0',
    ]);
    expect(issuePaths(pduV1Schema.safeParse({ ...v1Pdu(), auth_events: [['$a:example.org', {}]] }))).toEqual([
      'auth_events.0.1.sha256',
    ]);
    expect(issuePaths(pduV1Schema.safeParse({ ...v1Pdu(), auth_events: [['a:example.org', hash]] }))).toEqual([
      'auth_events.0.0',
    ]);
  });

  it('v3 needs $ + 43 characters of standard base64; v4+ the URL-safe alphabet', () => {
    expect(issuePaths(pduV3Schema.safeParse({ ...v3Pdu(), prev_events: ['$short'] }))).toEqual(['prev_events.0']);
    expect(issuePaths(pduV3Schema.safeParse({ ...v3Pdu(), prev_events: [V4_ID_A] }))).toEqual(['prev_events.0']);
    for (const schema of [pduV4Schema, pduV6Schema, pduV11Schema]) {
      expect(issuePaths(schema.safeParse({ ...v4Pdu(), auth_events: [V4_ID_A, V3_ID] }))).toEqual(['auth_events.1']);
      expect(issuePaths(schema.safeParse({ ...v4Pdu(), prev_events: ['$abc:example.org'] }))).toEqual(['prev_events.0']);
    }
    expect(issuePaths(pduV6Schema.safeParse({ ...v4Pdu(), redacts: V3_ID }))).toEqual(['redacts']);
  });

  it('v1 to v11 need a room ID with a domain', () => {
    for (const [schema, make] of [
      [pduV1Schema, v1Pdu],
      [pduV4Schema, v4Pdu],
      [pduV11Schema, v4Pdu],
    ] as const) {
      expect(issuePaths(schema.safeParse({ ...make(), room_id: V12_ROOM_ID }))).toEqual(['room_id']);
      expect(issuePaths(schema.safeParse({ ...make(), room_id: 'abc:example.org' }))).toEqual(['room_id']);
      expect(issuePaths(schema.safeParse({ ...make(), room_id: `!${'a'.repeat(243)}:example.org` }))).toEqual(['room_id']);
      expect(schema.safeParse({ ...make(), room_id: `!${'a'.repeat(242)}:example.org` }).success).toBe(true);
    }
  });
});

describe('room version 12 room IDs', () => {
  it('rejects a room ID with a domain', () => {
    expect(issuePaths(pduV12Schema.safeParse({ ...v12Pdu(), room_id: '!abc:example.org' }))).toEqual(['room_id']);
  });

  it('requires room_id except on m.room.create', () => {
    const pdu = v12Pdu();
    delete pdu.room_id;
    expect(issuePaths(pduV12Schema.safeParse(pdu))).toEqual(['room_id']);
  });

  it('rejects a room_id on m.room.create', () => {
    expect(issuePaths(pduV12Schema.safeParse({ ...v12CreatePdu(), room_id: V12_ROOM_ID }))).toEqual(['room_id']);
  });
});

describe('integers and canonical JSON', () => {
  it('v1 to v5 accept a depth up to 2**63 - 1; v6+ only up to 2**53 - 1', () => {
    const deep = 2 ** 60;
    expect(pduV1Schema.safeParse({ ...v1Pdu(), depth: deep }).success).toBe(true);
    expect(pduV3Schema.safeParse({ ...v3Pdu(), depth: deep }).success).toBe(true);
    expect(pduV4Schema.safeParse({ ...v4Pdu(), depth: deep }).success).toBe(true);
    expect(issuePaths(pduV4Schema.safeParse({ ...v4Pdu(), depth: 2 ** 64 }))).toEqual(['depth']);
    expect(pduV6Schema.safeParse({ ...v4Pdu(), depth: Number.MAX_SAFE_INTEGER }).success).toBe(true);
    for (const schema of [pduV6Schema, pduV11Schema]) {
      expect(issuePaths(schema.safeParse({ ...v4Pdu(), depth: deep }))).toEqual(['depth']);
    }
    expect(issuePaths(pduV12Schema.safeParse({ ...v12Pdu(), depth: deep }))).toEqual(['depth']);
  });

  it('v6+ reject floats, out-of-range integers and -0 anywhere in the event', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ content: { score: 1.5 } }, 'content.score'],
      [{ content: { list: [1, 2 ** 53] } }, 'content.list.1'],
      [{ content: { nested: { n: -(2 ** 53) } } }, 'content.nested.n'],
      [{ content: { zero: -0 } }, 'content.zero'],
      [{ origin_server_ts: 2 ** 53 }, 'origin_server_ts'],
      [{ unsigned: { age: 1, other: 0.25 } }, 'unsigned.other'],
    ];
    for (const [patch, path] of cases) {
      expect(issuePaths(pduV6Schema.safeParse({ ...v4Pdu(), ...patch }))).toContain(path);
      expect(issuePaths(pduV11Schema.safeParse({ ...v4Pdu(), ...patch }))).toContain(path);
      expect(issuePaths(pduV12Schema.safeParse({ ...v12Pdu(), ...patch }))).toContain(path);
      // Room versions 1 to 5 MUST NOT strictly enforce canonical JSON.
      if (path.startsWith('content') || path.startsWith('unsigned.other')) {
        expect(pduV4Schema.safeParse({ ...v4Pdu(), ...patch }).success).toBe(true);
        expect(pduV1Schema.safeParse({ ...v1Pdu(), ...patch }).success).toBe(true);
      }
    }
  });

  it('v6+ accept the extreme canonical integers', () => {
    const pdu = { ...v4Pdu(), content: { max: 2 ** 53 - 1, min: -(2 ** 53) + 1, zero: 0 } };
    expect(pduV6Schema.parse(pdu)).toStrictEqual(pdu);
  });
});

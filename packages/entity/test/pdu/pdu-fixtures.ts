/** PDU fixtures for the PDU schema tests (one valid event per format). */

/** A URL-safe reference-hash event ID (v4+). */
export const V4_ID_A = '$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg';
/** Another URL-safe event ID. */
export const V4_ID_B = '$CD66HAED5npg6074c6pDtLKalHjVfYb2q4Q3LZgrW6o';
/** A standard-base64 event ID (v3), with `/` and `+`. */
export const V3_ID = '$acR1l0raoZnm60CBwAVgqbZqoO/mYU81xysh1u7XcJk';
/** A v12 room ID. */
export const V12_ROOM_ID = '!Nhcu5BS-UMnFX7hBVfVSoXiD7OgH6iRT-xyIuqDnpYQ';

const common = {
  room_id: '!UcYsUzyxTGDxLBEvLy:example.org',
  sender: '@alice:example.com',
  origin_server_ts: 1404838188000,
  depth: 12,
  type: 'm.room.message',
  content: { body: 'hello', msgtype: 'm.text' },
  hashes: { sha256: 'thishashcoversallfieldsincasethisisredacted' },
  signatures: { 'example.com': { 'ed25519:key_version': 'these86bytesofbase64signaturecoveressentialfieldsincludinghashessocancheckredactedpdus' } },
  unsigned: { age: 4612 },
};

/** A valid room version 1/2 PDU. */
export function v1Pdu(): Record<string, unknown> {
  return {
    ...structuredClone(common),
    event_id: '$a4ecee13e2accdadf56c1025:example.com',
    auth_events: [['$af232176:example.org', { sha256: 'abase64encodedsha256hashshouldbe43byteslong' }]],
    prev_events: [['$af232177:example.org', { sha256: 'abase64encodedsha256hashshouldbe43byteslong' }]],
  };
}

/** A valid room version 3 PDU. */
export function v3Pdu(): Record<string, unknown> {
  return { ...structuredClone(common), auth_events: [V3_ID], prev_events: [V3_ID] };
}

/** A valid PDU of room versions 4 to 11. */
export function v4Pdu(): Record<string, unknown> {
  return { ...structuredClone(common), auth_events: [V4_ID_A, V4_ID_B], prev_events: [V4_ID_A] };
}

/** A valid room version 12 PDU (not a create event). */
export function v12Pdu(): Record<string, unknown> {
  return { ...v4Pdu(), room_id: V12_ROOM_ID };
}

/** A valid room version 12 `m.room.create` event: no `room_id`. */
export function v12CreatePdu(): Record<string, unknown> {
  const pdu = v12Pdu();
  delete pdu.room_id;
  return { ...pdu, type: 'm.room.create', state_key: '', content: { room_version: '12' }, auth_events: [], prev_events: [], depth: 1 };
}

/** Paths of the issues of a failed parse, as dotted strings. */
export function issuePaths(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }): string[] {
  return (result.error?.issues ?? []).map((issue) => issue.path.map(String).join('.'));
}

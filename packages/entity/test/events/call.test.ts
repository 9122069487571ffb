import { describe, expect, it } from 'vitest';
import {
  callAnswerContentSchema,
  callCandidatesContentSchema,
  callHangupContentSchema,
  callInviteContentSchema,
  callNegotiateContentSchema,
  callRejectContentSchema,
  callSdpStreamMetadataChangedContentSchema,
  callSelectAnswerContentSchema,
} from '@maxtryx/entity';
import { issuePaths, parsesLosslessly } from './helpers.js';

const base = { version: '1', party_id: '67890', call_id: '12345' };

describe('VoIP call events', () => {
  it('accept the common fields, with an integer version 0 from the previous spec version', () => {
    expect(parsesLosslessly(callRejectContentSchema, base)).toBe(true);
    expect(parsesLosslessly(callRejectContentSchema, { ...base, version: 0 })).toBe(true);
    expect(parsesLosslessly(callInviteContentSchema, { ...base, lifetime: 60000, offer: { type: 'offer', sdp: 'v=0' }, invitee: '@bob:example.org' })).toBe(true);
  });
  it.each([
    [callRejectContentSchema, { version: '1', party_id: 'p' }, ['call_id']],
    [callRejectContentSchema, { ...base, call_id: 'has space' }, ['call_id']],
    [callRejectContentSchema, { ...base, party_id: 'p'.repeat(256) }, ['party_id']],
    [callRejectContentSchema, { ...base, version: 1 }, ['version']],
    [callInviteContentSchema, { ...base, lifetime: 60000, offer: { type: 'answer', sdp: 'v=0' } }, ['offer', 'type']],
    [callInviteContentSchema, { ...base, offer: { type: 'offer', sdp: 'v=0' } }, ['lifetime']],
    [callInviteContentSchema, { ...base, lifetime: 1, offer: { type: 'offer', sdp: 'v=0' }, invitee: 'bob' }, ['invitee']],
    [callAnswerContentSchema, { ...base, answer: { type: 'answer' } }, ['answer', 'sdp']],
    [callAnswerContentSchema, { ...base, answer: { type: 'answer', sdp: 's' }, sdp_stream_metadata: { s1: { purpose: 'm.other' } } }, ['sdp_stream_metadata', 's1', 'purpose']],
    [callCandidatesContentSchema, { ...base, candidates: [{ sdpMid: 'audio' }] }, ['candidates', 0, 'candidate']],
    [callNegotiateContentSchema, { ...base, lifetime: 1 }, ['description']],
    [callSdpStreamMetadataChangedContentSchema, base, ['sdp_stream_metadata']],
    [callSelectAnswerContentSchema, base, ['selected_party_id']],
    [callHangupContentSchema, { ...base, reason: 'bored' }, ['reason']],
  ])('%#: rejects %j at %j', (schema, content, path) => {
    expect(issuePaths(schema, content)).toEqual([path]);
  });
});

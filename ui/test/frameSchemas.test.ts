/**
 * The UI's wire types against the protocol's JSON Schemas (schema/frames, or the local fixture of
 * the client frames until those exist): every frame the encoders produce validates, and, with the
 * repository's schemas, one sample of every server frame type the hand-written types describe.
 */
import { describe, expect, it } from 'vitest';
import type { FrameOf } from '../src/shared/dispatcher';
import {
  encodeFrame,
  type AgentFrame,
  type CustomerFrame,
  type ServerFrameType,
} from '../src/shared/protocol';
import { aCase, aMessage, ALICE, aTile } from './fakes';
import { KNOWN_GAPS } from '../e2e/frameSchemas.mjs';
import { frameSchemas, invalidFrames, REAL_SCHEMAS } from './schemas';

type ByType<F extends { type: string }> = { [T in F['type']]: Extract<F, { type: T }>[] };

const CLIENT_ID = '0b9d6a0e-7c1f-4b53-9f0a-1f2e3d4c5b6a';
const FILE_ID = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const CALL_ID = 'c0ffee00-1111-4222-8333-444455556666';
const ICE = {
  candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 54321 typ host',
  sdpMid: '0',
  sdpMLineIndex: 0,
};
const AGENT_ID = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const owner = { id: AGENT_ID, firstName: 'Alice', lastName: 'Anderson' };
const c = aCase({
  lastSeq: 2,
  status: 'READY',
  owner,
  contact: {
    id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    firstName: 'Ada',
    lastName: 'Lovelace',
    initials: 'AL',
    email: 'ada@example.com',
  },
});
const text = aMessage(c, 1, { id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6', clientMsgId: CLIENT_ID });
const file = aMessage(c, 2, {
  id: 'e1f2a3b4-c5d6-4e7f-8091-a2b3c4d5e6f7',
  kind: 'FILE',
  text: null,
  file: { fileId: FILE_ID, name: 'a.png', size: 68, contentType: 'image/png' },
  sender: { type: 'USER', id: AGENT_ID, name: 'Alice Anderson' },
});

const note = aMessage(c, 3, {
  id: 'f1a2b3c4-d5e6-4f70-8192-a3b4c5d6e7f8',
  kind: 'NOTE',
  sender: { type: 'USER', id: AGENT_ID, name: 'Alice Anderson' },
});

/** One of each frame the console sends (a missing type is a compile error). */
const agent: ByType<AgentFrame> = {
  open: [{ type: 'open', caseId: c.caseId }],
  close: [{ type: 'close', caseId: c.caseId }],
  send: [
    { type: 'send', caseId: c.caseId, clientMsgId: CLIENT_ID, text: 'hello' },
    { type: 'send', caseId: c.caseId, clientMsgId: CLIENT_ID, fileId: FILE_ID },
  ],
  note: [{ type: 'note', caseId: c.caseId, clientMsgId: CLIENT_ID, text: 'refund approved' }],
  read: [{ type: 'read', caseId: c.caseId, seq: 2 }],
  resume: [{ type: 'resume', cases: { [c.caseId]: 2 } }],
  auth: [{ type: 'auth', token: 'eyJ.token' }],
  typing: [{ type: 'typing', caseId: c.caseId }],
  presence: [
    { type: 'presence', status: 'AWAY' },
    { type: 'presence', status: 'ONLINE' },
  ],
  'call.offer': [
    { type: 'call.offer', caseId: c.caseId, callId: CALL_ID, sdp: 'v=0', media: 'video' },
  ],
  'call.ice': [
    { type: 'call.ice', caseId: c.caseId, callId: CALL_ID, candidate: ICE },
    { type: 'call.ice', caseId: c.caseId, callId: CALL_ID, candidate: null },
  ],
  'call.end': [
    { type: 'call.end', caseId: c.caseId, callId: CALL_ID },
    { type: 'call.end', caseId: c.caseId, callId: CALL_ID, reason: 'unavailable' },
  ],
};

/** One of each frame the widget sends. */
const customer: ByType<CustomerFrame> = {
  send: [
    { type: 'send', clientMsgId: CLIENT_ID, text: 'hi' },
    { type: 'send', clientMsgId: CLIENT_ID, fileId: FILE_ID },
  ],
  resume: [{ type: 'resume', lastSeq: 3 }],
  typing: [{ type: 'typing' }],
  'call.answer': [{ type: 'call.answer', callId: CALL_ID, sdp: 'v=0' }],
  'call.ice': [{ type: 'call.ice', callId: CALL_ID, candidate: ICE }],
  'call.end': [
    { type: 'call.end', callId: CALL_ID },
    { type: 'call.end', callId: CALL_ID, reason: 'declined' },
  ],
};

/** One of each server frame as the hand-written types describe it. */
const server: { [T in ServerFrameType]: FrameOf<T> } = {
  hello: { type: 'hello', agent: { ...ALICE, id: AGENT_ID } },
  tiles: { type: 'tiles', tiles: [aTile(c)], more: 0 },
  case: { type: 'case', case: c },
  message: { type: 'message', message: file },
  read: { type: 'read', caseId: c.caseId, seq: 1 },
  history: { type: 'history', caseId: c.caseId, case: c, messages: [text, file, note] },
  claimed: { type: 'claimed', caseId: c.caseId, requestId: CLIENT_ID, case: c },
  resolved: { type: 'resolved', caseId: c.caseId, requestId: CLIENT_ID, case: c },
  accepted: { type: 'accepted', clientMsgId: CLIENT_ID },
  resync: { type: 'resync', caseId: c.caseId },
  error: { type: 'error', code: 'FORBIDDEN', message: 'No.', ref: CLIENT_ID },
  typing: { type: 'typing', caseId: c.caseId, from: 'USER', name: 'Alice' },
  'call.offer': { type: 'call.offer', caseId: null, callId: CALL_ID, sdp: 'v=0', media: 'audio' },
  'call.answer': { type: 'call.answer', caseId: c.caseId, callId: CALL_ID, sdp: 'v=0' },
  'call.ice': { type: 'call.ice', caseId: c.caseId, callId: CALL_ID, candidate: ICE },
  'call.end': { type: 'call.end', caseId: c.caseId, callId: CALL_ID, reason: 'disconnected' },
};

const encoded = (frames: Record<string, { type: string }[]>) =>
  Object.values(frames)
    .flat()
    .map((f) => JSON.parse(encodeFrame(f as AgentFrame)) as unknown);

describe(`frame schemas (${REAL_SCHEMAS ? 'schema/frames' : 'local fixture'})`, () => {
  it('accept every frame the console and the widget encode', () => {
    expect(invalidFrames([...encoded(agent), ...encoded(customer)])).toEqual([]);
  });

  it('refuse a malformed or unknown frame', () => {
    expect(frameSchemas.check({ type: 'send', text: 'no clientMsgId' })).toMatch(/invalid send/);
    expect(frameSchemas.check({ type: 'open' })).toMatch(/invalid open/);
    expect(frameSchemas.check({ type: 'no-such-frame' })).toMatch(/unknown frame type/);
    expect(frameSchemas.check('{not json')).toMatch(/not JSON/);
  });

  it.skipIf(!REAL_SCHEMAS)(
    'still refuse every frame listed as a known gap (remove it once fixed)',
    () => {
      const all = [...encoded(agent), ...encoded(customer)] as Record<string, unknown>[];
      for (const gap of KNOWN_GAPS) {
        const hit = all.filter((f) => f.type === gap.type && gap.when(f));
        expect(hit, gap.why).not.toEqual([]);
        expect(
          hit.filter((f) => frameSchemas.strict(f)),
          `${gap.why}: now accepted`,
        ).toEqual([]);
      }
    },
  );

  it.skipIf(!REAL_SCHEMAS)(
    'accept the server frames as the hand-written types describe them',
    () => {
      expect(invalidFrames(Object.values(server))).toEqual([]);
    },
  );
});

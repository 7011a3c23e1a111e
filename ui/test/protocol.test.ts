import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  parseCaseFiles,
  parseChatStarted,
  parseProblem,
  parseQuickReplies,
  parseServerFrame,
} from '../src/shared/protocol';
import { aCase, aMessage } from './fakes';

describe('parseServerFrame', () => {
  const c = aCase({
    status: 'READY',
    owner: { id: 'a', firstName: 'Alice', lastName: 'Anderson' },
    lastSeq: 3,
  });

  it('parses the frames of both sockets', () => {
    expect(parseServerFrame(JSON.stringify({ type: 'case', case: c }))).toEqual({
      type: 'case',
      case: c,
    });
    const m = aMessage(c, 4);
    expect(parseServerFrame({ type: 'message', message: m })).toEqual({
      type: 'message',
      message: m,
    });
    expect(parseServerFrame({ type: 'accepted', clientMsgId: 'x' })).toEqual({
      type: 'accepted',
      clientMsgId: 'x',
    });
    expect(parseServerFrame({ type: 'read', caseId: c.caseId, seq: 4 })).toEqual({
      type: 'read',
      caseId: c.caseId,
      seq: 4,
    });
    expect(parseServerFrame({ type: 'resync' })).toEqual({ type: 'resync', caseId: null });
    expect(
      parseServerFrame({ type: 'error', code: 'ALREADY_CLAIMED', message: 'no', ref: 'r1' }),
    ).toEqual({
      type: 'error',
      code: 'ALREADY_CLAIMED',
      message: 'no',
      ref: 'r1',
    });
    expect(
      parseServerFrame({ type: 'claimed', caseId: c.caseId, requestId: 'r', case: c }),
    ).toEqual({
      type: 'claimed',
      caseId: c.caseId,
      requestId: 'r',
      case: c,
    });
  });

  it('parses hello and tiles, dropping bad tiles rather than the frame', () => {
    expect(
      parseServerFrame({
        type: 'hello',
        agent: { id: 'a', firstName: 'Alice', lastName: 'Anderson', roles: ['agent', 7] },
      }),
    ).toEqual({
      type: 'hello',
      agent: { id: 'a', firstName: 'Alice', lastName: 'Anderson', roles: ['agent'] },
    });
    const f = parseServerFrame({
      type: 'tiles',
      tiles: [{ case: c, color: 'blue', unread: true }, { case: {}, color: 'blue' }, 'x'],
      more: 2,
    });
    expect(f).toEqual({
      type: 'tiles',
      tiles: [{ case: c, color: 'blue', unread: true }],
      more: 2,
    });
  });

  it('keeps only the history of the named Case', () => {
    const other = aCase();
    const f = parseServerFrame({
      type: 'history',
      caseId: c.caseId,
      messages: [aMessage(c, 1), aMessage(other, 2), { seq: 'x' }],
    });
    expect(f?.type === 'history' && f.messages.map((m) => m.seq)).toEqual([1]);
  });

  it('ignores unknown and malformed frames', () => {
    for (const raw of [
      'not json',
      '[]',
      'null',
      '{"type":"call.offer","sdp":"x"}',
      '{"type":"future-thing"}',
      '{"no":"type"}',
      JSON.stringify({ type: 'case', case: { ...c, status: 'WEIRD' } }),
      JSON.stringify({ type: 'case', case: { ...c, caseId: 5 } }),
      JSON.stringify({ type: 'message', message: { ...aMessage(c, 1), seq: -1 } }),
      JSON.stringify({ type: 'message', message: { ...aMessage(c, 1), kind: 'FILE', file: null } }),
      JSON.stringify({
        type: 'message',
        message: { ...aMessage(c, 1), sender: { type: 'ROBOT' } },
      }),
      JSON.stringify({ type: 'read', caseId: c.caseId, seq: '4' }),
      JSON.stringify({ type: 'accepted' }),
      JSON.stringify({ type: 'error', message: 'no code' }),
      JSON.stringify({ type: 'tiles', tiles: 'nope' }),
    ]) {
      expect(parseServerFrame(raw), raw).toBeNull();
    }
  });

  it('tolerates extra fields and fills optional ones', () => {
    const f = parseServerFrame({
      type: 'case',
      case: { ...c, shiny: true, contact: { firstName: 'Ada', lastName: 'Lovelace' } },
      extra: 1,
    });
    expect(f?.type === 'case' && f.case.contact).toEqual({
      id: null,
      firstName: 'Ada',
      lastName: 'Lovelace',
      initials: 'AL',
      email: '',
    });
  });
});

describe('client frames and REST bodies', () => {
  it('encodes client frames as JSON', () => {
    expect(JSON.parse(encodeFrame({ type: 'resume', cases: { a: 3 } }))).toEqual({
      type: 'resume',
      cases: { a: 3 },
    });
  });

  it('reads problem bodies with violations and the winning owner', () => {
    const p = parseProblem(409, {
      code: 'ALREADY_CLAIMED',
      detail: 'taken',
      owner: { id: 'b', firstName: 'Bob', lastName: 'Baker' },
    });
    expect(p.owner).toEqual({ id: 'b', firstName: 'Bob', lastName: 'Baker' });
    const v = parseProblem(400, { violations: [{ field: 'email', message: 'bad' }, { field: 1 }] });
    expect(v.violations).toEqual([{ field: 'email', message: 'bad' }]);
    expect(parseProblem(500, 'garbage')).toEqual({
      status: 500,
      code: null,
      detail: null,
      violations: [],
      owner: null,
    });
  });

  it('reads chats, files and Quick Replies', () => {
    expect(parseChatStarted({ caseId: 'c', number: 7, customerToken: 't' })).toEqual({
      caseId: 'c',
      number: 7,
      customerToken: 't',
      emailVerified: false,
    });
    expect(parseChatStarted({ caseId: 'c' })).toBeNull();
    expect(
      parseCaseFiles([
        {
          fileId: 'f',
          name: 'a.png',
          size: 3,
          contentType: 'image/png',
          uploaderType: 'USER',
          uploaderName: 'Alice',
          createdAt: 'x',
        },
        {},
      ]),
    ).toHaveLength(1);
    expect(
      parseQuickReplies([
        { id: '1', shortcut: 'hi', title: 'Hi', body: 'Hello' },
        { shortcut: '' },
      ]),
    ).toEqual([{ id: '1', shortcut: 'hi', title: 'Hi', body: 'Hello' }]);
  });
});

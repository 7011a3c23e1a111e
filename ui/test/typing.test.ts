import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseServerFrame } from '../src/shared/protocol';
import {
  TYPING_EVERY_MS,
  TYPING_SHOWN_MS,
  TypingBoard,
  TypingThrottle,
  typingText,
} from '../src/shared/typing';

describe('typing', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends one typing per Case every 2 s, again at once after a send', () => {
    const t = new TypingThrottle();
    expect(t.admit('a', 0)).toBe(true);
    expect(t.admit('a', TYPING_EVERY_MS - 1)).toBe(false);
    expect(t.admit('b', 1)).toBe(true);
    expect(t.admit('a', TYPING_EVERY_MS)).toBe(true);
    t.reset('a');
    expect(t.admit('a', TYPING_EVERY_MS + 1)).toBe(true);
  });

  it('shows who types for 5 s unless renewed, and clears at once on a message', () => {
    const changes: [string, string | null][] = [];
    const board = new TypingBoard((c, n) => changes.push([c, n]));
    board.heard('a', 'Alice');
    expect(board.nameOf('a')).toBe('Alice');
    vi.advanceTimersByTime(TYPING_SHOWN_MS - 1);
    board.heard('a', 'Alice');
    vi.advanceTimersByTime(TYPING_SHOWN_MS - 1);
    expect(board.nameOf('a')).toBe('Alice');
    vi.advanceTimersByTime(1);
    expect(board.nameOf('a')).toBeNull();
    board.heard('b', 'Cleo Cruz');
    board.clear('b');
    board.clear('b');
    expect(changes).toEqual([
      ['a', 'Alice'],
      ['a', null],
      ['b', 'Cleo Cruz'],
      ['b', null],
    ]);
  });

  it('says it in words', () => {
    expect(typingText('Alice')).toBe('Alice is typing…');
  });

  it('parses the typing frame and refuses a malformed one', () => {
    expect(parseServerFrame({ type: 'typing', caseId: 'c1', from: 'USER', name: 'Alice' })).toEqual(
      { type: 'typing', caseId: 'c1', from: 'USER', name: 'Alice' },
    );
    expect(
      parseServerFrame({ type: 'typing', caseId: 'c1', from: 'SYSTEM', name: 'x' }),
    ).toBeNull();
    expect(parseServerFrame({ type: 'typing', from: 'USER', name: 'Alice' })).toBeNull();
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  filterQuickReplies,
  PLACEHOLDERS,
  placeholdersOf,
  renderQuickReply,
  shortcutQuery,
  validateQuickReply,
  valuesFor,
  type PlaceholderValues,
  type TemplateProblem,
} from '../src/shared/quickReplies';
import { aCase, ALICE } from './fakes';

/** case-service's table (QuickReplyTemplateTest runs it too): read from the repository. */
const TABLE = new URL(
  '../../case-service/src/test/resources/quick-reply-cases.json',
  import.meta.url,
);

interface Table {
  placeholders: string[];
  validate: { name: string; body: string; placeholders: string[]; problems: TemplateProblem[] }[];
  render: { name: string; body: string; values: PlaceholderValues; expected: string }[];
}

const table = JSON.parse(readFileSync(TABLE, 'utf8')) as Table;

describe('Quick Reply placeholders (quick-reply-cases.json)', () => {
  it('exists in the repository', () => {
    expect(existsSync(TABLE)).toBe(true);
  });

  it('knows the same placeholder names, in the same order', () => {
    expect([...PLACEHOLDERS]).toEqual(table.placeholders);
  });

  describe('validate', () => {
    it.each(table.validate.map((c) => [c.name, c] as const))('%s', (_n, c) => {
      expect(validateQuickReply(c.body)).toEqual(c.problems);
      expect(placeholdersOf(c.body)).toEqual(c.placeholders);
    });
  });

  describe('render', () => {
    it.each(table.render.map((c) => [c.name, c] as const))('%s', (_n, c) => {
      expect(renderQuickReply(c.body, c.values)).toBe(c.expected);
    });
  });
});

describe('Quick Replies in the console', () => {
  const replies = [
    { id: '1', shortcut: 'hello', title: 'Greeting', body: 'Hi {{contact.firstName}}' },
    { id: '2', shortcut: 'help', title: 'Help', body: 'How can I help?' },
    { id: '3', shortcut: 'thanks-hello', title: 'Thanks', body: 'Thanks!' },
  ];

  it('opens the picker only for a slash at the start and no space yet', () => {
    expect(shortcutQuery('/')).toBe('');
    expect(shortcutQuery('/HeL')).toBe('hel');
    expect(shortcutQuery('/hel lo')).toBeNull();
    expect(shortcutQuery('hi /hel')).toBeNull();
  });

  it('filters by shortcut prefix first, then by contained text', () => {
    expect(filterQuickReplies(replies, 'he').map((r) => r.shortcut)).toEqual([
      'hello',
      'help',
      'thanks-hello',
    ]);
    expect(filterQuickReplies(replies, 'hello').map((r) => r.shortcut)).toEqual([
      'hello',
      'thanks-hello',
    ]);
    expect(filterQuickReplies(replies, '').length).toBe(3);
  });

  it('fills placeholders from the Case and the signed-in agent', () => {
    const c = aCase({ number: 42 });
    const body =
      'Hi {{ contact.firstName }} {{contact.lastName}}, {{agent.firstName}} {{agent.lastName}} here about {{case.number}}';
    expect(renderQuickReply(body, valuesFor(c, ALICE))).toBe(
      'Hi Ada Lovelace, Alice Anderson here about 42',
    );
    expect(renderQuickReply(body, valuesFor(null, null))).toBe('Hi  ,   here about ');
  });
});

// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { linkPieces, safeHref, withLinks } from '../src/shared/links';
import { messageElement } from '../src/shared/render';
import { aCase, aMessage } from './fakes';

function links(text: string): { href: string; text: string; rel: string; target: string }[] {
  const p = document.createElement('p');
  p.append(...withLinks(text));
  return Array.from(p.querySelectorAll('a')).map((a) => ({
    href: a.getAttribute('href') ?? '',
    text: a.textContent ?? '',
    rel: a.rel,
    target: a.target,
  }));
}

describe('links in messages', () => {
  it('makes http and https URLs safe links and keeps the rest as text', () => {
    const p = document.createElement('p');
    p.append(...withLinks('See https://example.com/a?b=1#c and http://x.org.'));
    expect(p.textContent).toBe('See https://example.com/a?b=1#c and http://x.org.');
    expect(links('See https://example.com/a?b=1#c and http://x.org.')).toEqual([
      {
        href: 'https://example.com/a?b=1#c',
        text: 'https://example.com/a?b=1#c',
        rel: 'noopener noreferrer',
        target: '_blank',
      },
      { href: 'http://x.org/', text: 'http://x.org', rel: 'noopener noreferrer', target: '_blank' },
    ]);
  });

  it('links www. addresses over https', () => {
    expect(links('go to www.example.com/help, then')).toEqual([
      expect.objectContaining({
        href: 'https://www.example.com/help',
        text: 'www.example.com/help',
      }),
    ]);
  });

  it.each([
    'javascript:alert(1)',
    'javascript://%0aalert(1)',
    'JaVaScRiPt://x.com/%0aalert(1)',
    'data:text/html,<script>alert(1)</script>',
    'data://text/html;base64,PHNjcmlwdD4=',
    'vbscript://msgbox',
    'file:///etc/passwd',
    'ftp://example.com/x',
    'mailto:someone@example.com',
    'https://bank.example@evil.example/login',
    'https://:pw@evil.example/',
    'http://',
    'https://<img src=x onerror=alert(1)>',
    '"><a href="javascript:alert(1)">x</a>',
  ])('keeps %s as text', (hostile) => {
    const p = document.createElement('p');
    p.append(...withLinks(`before ${hostile} after`));
    for (const a of Array.from(p.querySelectorAll('a'))) {
      expect(['http:', 'https:']).toContain(new URL(a.href).protocol);
      expect(a.getAttribute('href')).not.toMatch(/^\s*(javascript|data|vbscript|file):/i);
    }
    expect(p.textContent).toBe(`before ${hostile} after`);
    expect(p.querySelector('img, script')).toBeNull();
  });

  it('leaves sentence punctuation outside and keeps balanced brackets inside', () => {
    expect(linkPieces('(see https://en.wikipedia.org/wiki/Foo_(bar)).')).toEqual([
      { text: '(see ' },
      {
        text: 'https://en.wikipedia.org/wiki/Foo_(bar)',
        href: 'https://en.wikipedia.org/wiki/Foo_(bar)',
      },
      { text: ').' },
    ]);
    expect(linkPieces('Is it https://a.example/x?')).toEqual([
      { text: 'Is it ' },
      { text: 'https://a.example/x', href: 'https://a.example/x' },
      { text: '?' },
    ]);
  });

  it('does not take a scheme from inside a word', () => {
    expect(links('xhttps://evil.example')).toEqual([]);
  });

  it('only ever yields http(s) hrefs', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });

  it('renders links in the shared message bubble', () => {
    const li = messageElement(
      aMessage(aCase(), 1, { text: 'Track it at https://shop.example/t/1 <b>now</b>' }),
      { mine: false, author: null, onDownload: () => undefined },
    );
    const a = li.querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://shop.example/t/1');
    expect(a?.rel).toBe('noopener noreferrer');
    expect(li.querySelector('b')).toBeNull();
    expect(li.querySelector('[data-testid="message-text"]')?.textContent).toBe(
      'Track it at https://shop.example/t/1 <b>now</b>',
    );
  });
});

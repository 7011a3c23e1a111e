/** The Case panel: the Contact, the Case's facts, and the Files tab. */
import { h, replaceChildren, setText } from '../../shared/dom';
import { formatDateTime, formatSize, fullName } from '../../shared/format';
import type { Case, CaseFile, FileRef } from '../../shared/protocol';
import { MAX_SCORE, stars } from '../../shared/rating';
import { statusLabel } from '../../shared/status';
import { UNVERIFIED_HINT, otherCases, unverifiedMark } from '../verification';

export interface CasePanelActions {
  /** The Files tab became visible (load or refresh the list). */
  loadFiles(caseId: string): void;
  download(file: FileRef): void;
  /** The Case panel shows a Case of a known Contact: load that Contact's other Cases. */
  loadOtherCases(c: Case): void;
  /** Open another Case of the list (to work it, or read-only). */
  openCase(c: Case): void;
}

type Tab = 'details' | 'files';

const CHANNELS: Record<string, string> = { WEB_CONNECT: 'Web Connect', SUPPORT_SDK: 'Support SDK' };

export class CasePanelView {
  readonly el: HTMLElement;
  private readonly details: HTMLElement;
  private readonly files: HTMLElement;
  private readonly filesList: HTMLUListElement;
  private readonly tabDetails: HTMLButtonElement;
  private readonly tabFiles: HTMLButtonElement;
  private readonly fields = new Map<string, HTMLElement>();
  private readonly emailMark: HTMLElement;
  private readonly others: HTMLElement;
  private readonly othersList: HTMLUListElement;
  private readonly rating: HTMLElement;
  private current: Case | null = null;
  private tab: Tab = 'details';

  constructor(private readonly actions: CasePanelActions) {
    this.tabDetails = this.tabButton('details', 'Case');
    this.tabFiles = this.tabButton('files', 'Files');
    const rows: [string, string][] = [
      ['contact-name', 'Contact'],
      ['contact-email', 'Email'],
      ['case-number', 'Case'],
      ['channel', 'Channel'],
      ['status', 'Status'],
      ['owner', 'Owner'],
    ];
    const dl = h('dl', { class: 'facts' });
    for (const [key, label] of rows) {
      const dd = h('dd', { 'data-testid': `case-${key.replace(/^case-/, '')}` });
      this.fields.set(key, dd);
      dl.append(h('dt', null, label), dd);
    }
    this.emailMark = h(
      'p',
      { class: 'unverified', 'data-testid': 'case-email-unverified', title: UNVERIFIED_HINT },
      '',
    );
    this.emailMark.hidden = true;
    this.othersList = h('ul', { class: 'other-cases', 'data-testid': 'other-cases-list' });
    this.others = h(
      'section',
      {
        class: 'other-cases__section',
        'data-testid': 'other-cases',
        'aria-label': "This Contact's other Cases",
      },
      h('h3', { class: 'other-cases__title' }, "This Contact's other Cases"),
      this.othersList,
    );
    this.others.hidden = true;
    this.rating = h('section', {
      class: 'case-rating',
      'data-testid': 'case-rating',
      'aria-label': 'Customer rating',
      hidden: true,
    });
    this.details = h(
      'div',
      {
        class: 'case-panel__body',
        role: 'tabpanel',
        id: 'case-tab-details',
        'aria-labelledby': 'tab-details',
      },
      this.emailMark,
      dl,
      this.rating,
      this.others,
    );
    this.filesList = h('ul', { class: 'files', 'data-testid': 'files-list' });
    this.files = h(
      'div',
      {
        class: 'case-panel__body',
        role: 'tabpanel',
        id: 'case-tab-files',
        'aria-labelledby': 'tab-files',
        hidden: true,
      },
      this.filesList,
    );
    this.el = h(
      'aside',
      { class: 'case-panel', 'data-testid': 'case-panel', 'aria-label': 'Case' },
      h('div', { class: 'tabs', role: 'tablist' }, this.tabDetails, this.tabFiles),
      this.details,
      this.files,
    );
    this.show(null);
  }

  get caseId(): string | null {
    return this.current?.caseId ?? null;
  }

  get filesTabOpen(): boolean {
    return this.tab === 'files';
  }

  show(c: Case | null): void {
    const changed = c?.caseId !== this.current?.caseId;
    this.current = c;
    this.el.hidden = c === null;
    if (c === null) return;
    this.set('contact-name', fullName(c.contact));
    this.set('contact-email', c.contact.email);
    // Never wrapped mid-address: one line, cut with an ellipsis, the whole address as tooltip.
    this.fields.get('contact-email')?.setAttribute('title', c.contact.email);
    const mark = unverifiedMark(c);
    setText(this.emailMark, mark ?? '');
    this.emailMark.hidden = mark === null;
    this.set('case-number', String(c.number));
    this.set('channel', CHANNELS[c.channel] ?? c.channel);
    this.set('status', statusLabel(c.status));
    this.set('owner', c.owner ? fullName(c.owner) : 'Unassigned');
    this.showRating(c);
    if (changed) {
      replaceChildren(this.filesList);
      replaceChildren(this.othersList);
      this.others.hidden = true;
      if (this.tab === 'files') this.actions.loadFiles(c.caseId);
      if (c.contact.id !== null) this.actions.loadOtherCases(c);
    }
  }

  /** The customer's rating, once given (it arrives live with case.rated). */
  private showRating(c: Case): void {
    const r = c.rating;
    this.rating.hidden = !r;
    if (!r) return;
    replaceChildren(
      this.rating,
      h('h3', { class: 'other-cases__title' }, 'Customer rating'),
      h(
        'p',
        {
          class: 'case-rating__score',
          'data-testid': 'case-rating-score',
          'aria-label': `${r.score} of ${MAX_SCORE}`,
        },
        h('span', { class: 'case-rating__stars', 'aria-hidden': 'true' }, stars(r.score)),
        ` ${r.score} of ${MAX_SCORE}`,
      ),
      r.comment
        ? h('p', { class: 'case-rating__comment', 'data-testid': 'case-rating-comment' }, r.comment)
        : null,
      h('p', { class: 'files__meta' }, `Rated ${formatDateTime(r.ratedAt)}`),
    );
  }

  /** The Contact's other Cases, open and past (its history); the current one is left out. */
  setOtherCases(caseId: string, cases: Case[]): void {
    const current = this.current;
    if (current === null || caseId !== current.caseId) return;
    const others = otherCases(cases, current);
    this.others.hidden = others.length === 0;
    replaceChildren(
      this.othersList,
      ...others.map((o) => {
        const open = h(
          'button',
          {
            type: 'button',
            class: 'link',
            'data-testid': 'other-case',
            'data-case-id': o.caseId,
            'data-status': o.status,
          },
          `Case ${o.number}`,
        );
        open.addEventListener('click', () => this.actions.openCase(o));
        const mark = unverifiedMark(o);
        return h(
          'li',
          { class: 'other-cases__row' },
          open,
          h(
            'span',
            { class: 'files__meta' },
            `${statusLabel(o.status)} · ${o.owner ? fullName(o.owner) : 'unassigned'} · ${formatDateTime(o.createdAt)}${mark ? ` · ${mark.toLowerCase()}` : ''}`,
          ),
        );
      }),
    );
  }

  setFiles(caseId: string, files: CaseFile[]): void {
    if (caseId !== this.current?.caseId) return;
    if (files.length === 0) {
      replaceChildren(
        this.filesList,
        h('li', { class: 'files__empty', 'data-testid': 'files-empty' }, 'No files yet'),
      );
      return;
    }
    replaceChildren(
      this.filesList,
      ...files.map((f) => {
        const download = h(
          'button',
          {
            type: 'button',
            class: 'link',
            'data-testid': 'file-row-download',
            'aria-label': `Download ${f.name}`,
          },
          f.name,
        );
        download.addEventListener('click', () => this.actions.download(f));
        const who = uploaderOf(f, this.current);
        return h(
          'li',
          { class: 'files__row', 'data-testid': 'file-row', 'data-file-id': f.fileId },
          download,
          h(
            'span',
            { class: 'files__meta' },
            `${formatSize(f.size)} · ${who} · ${formatDateTime(f.createdAt)}`,
          ),
        );
      }),
    );
  }

  select(tab: Tab): void {
    this.tab = tab;
    this.details.hidden = tab !== 'details';
    this.files.hidden = tab !== 'files';
    this.tabDetails.setAttribute('aria-selected', String(tab === 'details'));
    this.tabFiles.setAttribute('aria-selected', String(tab === 'files'));
    this.tabDetails.tabIndex = tab === 'details' ? 0 : -1;
    this.tabFiles.tabIndex = tab === 'files' ? 0 : -1;
    if (tab === 'files' && this.current) this.actions.loadFiles(this.current.caseId);
  }

  private tabButton(tab: Tab, label: string): HTMLButtonElement {
    const b = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${tab}`,
        class: 'tabs__tab',
        'aria-controls': `case-tab-${tab}`,
        'aria-selected': String(tab === 'details'),
        'data-testid': tab === 'files' ? 'files-tab' : 'details-tab',
      },
      label,
    );
    b.addEventListener('click', () => this.select(tab));
    b.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') {
        const next: Tab = this.tab === 'details' ? 'files' : 'details';
        this.select(next);
        (next === 'files' ? this.tabFiles : this.tabDetails).focus();
      }
    });
    return b;
  }

  private set(key: string, value: string): void {
    const el = this.fields.get(key);
    if (el) setText(el, value);
  }
}

/**
 * Who sent a file: the name the server recorded, else for the customer the Contact's name (the
 * Case on screen is known), else the kind of sender in words.
 */
export function uploaderOf(
  f: Pick<CaseFile, 'uploaderName' | 'uploaderType'>,
  c: Pick<Case, 'contact'> | null,
): string {
  const named = f.uploaderName?.trim();
  if (f.uploaderType === 'CUSTOMER') {
    // The customer's typed name is what the server may have; the Contact's is the one agents know.
    return (c ? fullName(c.contact) || c.contact.email : '') || named || 'Customer';
  }
  if (named) return named;
  return f.uploaderType === 'USER' ? 'Agent' : f.uploaderType === 'SYSTEM' ? 'System' : 'Unknown';
}

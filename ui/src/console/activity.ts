/**
 * Activity elsewhere: the tab title ("(3) CX Manager · Chat Cases") and the favicon (an SVG data
 * URL with the count on an orange dot) show how many customer messages wait unread.
 */

/** "(3) base", or base when nothing is unread; 99+ at most. */
export function titleFor(base: string, unread: number): string {
  if (!Number.isFinite(unread) || unread <= 0) return base;
  return `(${unread > 99 ? '99+' : Math.floor(unread)}) ${base}`;
}

/** The favicon: a blue speech square, with an orange dot and the count when something is unread. */
export function faviconFor(unread: number): string {
  const n = !Number.isFinite(unread) || unread <= 0 ? 0 : Math.floor(unread);
  const label = n > 9 ? '9+' : String(n);
  const dot =
    n > 0
      ? `<circle cx="22" cy="10" r="10" fill="#b45309"/>` +
        `<text x="22" y="14.5" font-family="Arial,sans-serif" font-size="${n > 9 ? 10 : 13}" ` +
        `font-weight="700" text-anchor="middle" fill="#fff">${label}</text>`
      : '';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">` +
    `<rect x="2" y="6" width="24" height="20" rx="5" fill="#1a5fd0"/>${dot}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** Keeps the document's title and icon in step with the unread count (only on change). */
export class ActivityIndicator {
  private last = -1;
  private readonly base: string;

  constructor(private readonly doc: Document = document) {
    this.base = doc.title || 'CX Manager · Chat Cases';
  }

  update(unread: number): void {
    if (unread === this.last) return;
    this.last = unread;
    this.doc.title = titleFor(this.base, unread);
    let link = this.doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
    if (!link) {
      link = this.doc.createElement('link');
      link.rel = 'icon';
      this.doc.head.appendChild(link);
    }
    link.type = 'image/svg+xml';
    link.href = faviconFor(unread);
    link.dataset.unread = String(unread);
  }
}

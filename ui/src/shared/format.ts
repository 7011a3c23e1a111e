/** Display helpers shared by the console and the widget. */

/** 1234567 -> "1.2 MB". */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u] ?? 'TB'}`;
}

/** The local time of an ISO instant, "14:05"; empty when unparsable. */
export function formatTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function formatDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' });
}

/** Raster image types shown inline; anything else is a download only. */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function isPreviewable(contentType: string): boolean {
  return PREVIEWABLE.has(contentType.toLowerCase().split(';')[0]?.trim() ?? '');
}

export function fullName(p: { firstName: string; lastName: string } | null | undefined): string {
  if (!p) return '';
  return `${p.firstName} ${p.lastName}`.trim();
}

/** The local calendar day of an ISO instant, "2026-11-28"; null when unparsable. */
export function dayKey(iso: string): string | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const d = new Date(t);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A date separator's words for a day (as dayKey gives it), seen on `now`: "Today", "Yesterday",
 * "Mon 28 Nov", and the year only when it is not this one ("Fri 28 Nov 2025").
 */
export function dayLabel(key: string, now: Date = new Date()): string {
  const [y, m, d] = key.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return key;
  const day = new Date(y, m - 1, d);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const days = Math.round((today.getTime() - day.getTime()) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  const label = `${WEEKDAYS[day.getDay()] ?? ''} ${day.getDate()} ${MONTHS[day.getMonth()] ?? ''}`;
  return y === now.getFullYear() ? label : `${label} ${y}`;
}

/** 3812 -> "3,812" (the same grouping whatever the browser's locale, like the limit's text). */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

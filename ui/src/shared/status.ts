/** Human words for a Case's status: the one mapping the console (and the widget) show. */
import type { CaseStatus } from './protocol';

export const STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  NEW: 'Waiting',
  READY: 'Open',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed',
};

/** "Waiting" for NEW, ...; an unknown status (a newer server) is shown as it came. */
export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string | undefined>)[status] ?? status;
}

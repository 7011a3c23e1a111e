/**
 * What the widget keeps across page loads, in the host page's localStorage (so per site origin),
 * keyed by the chat origin: the Case, its customer token, whether the panel was open, and the
 * pre-chat details to prefill a new chat.
 */
export interface Profile {
  email: string;
  firstName: string;
  lastName: string;
}

export interface SavedChat {
  caseId: string;
  customerToken: string;
  number: number;
}

export interface WidgetSession {
  chat: SavedChat | null;
  profile: Profile | null;
  open: boolean;
  /** The newest seq of the chat the customer has seen with the panel open (the launcher's count). */
  seenSeq: number;
}

const EMPTY: WidgetSession = { chat: null, profile: null, open: false, seenSeq: 0 };

export function storageKey(chatOrigin: string): string {
  return `chatcases.widget:${chatOrigin}`;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export function loadSession(storage: Storage | null, chatOrigin: string): WidgetSession {
  if (!storage) return { ...EMPTY };
  let v: unknown;
  try {
    v = JSON.parse(storage.getItem(storageKey(chatOrigin)) ?? 'null');
  } catch {
    return { ...EMPTY };
  }
  if (!isObj(v)) return { ...EMPTY };
  const c = v.chat;
  const chat: SavedChat | null =
    isObj(c) && typeof c.caseId === 'string' && typeof c.customerToken === 'string'
      ? {
          caseId: c.caseId,
          customerToken: c.customerToken,
          number: typeof c.number === 'number' ? c.number : 0,
        }
      : null;
  const p = v.profile;
  const profile: Profile | null = isObj(p)
    ? {
        email: typeof p.email === 'string' ? p.email : '',
        firstName: typeof p.firstName === 'string' ? p.firstName : '',
        lastName: typeof p.lastName === 'string' ? p.lastName : '',
      }
    : null;
  const seenSeq =
    chat && typeof v.seenSeq === 'number' && Number.isInteger(v.seenSeq) && v.seenSeq > 0
      ? v.seenSeq
      : 0;
  return { chat, profile, open: v.open === true, seenSeq };
}

export function saveSession(storage: Storage | null, chatOrigin: string, s: WidgetSession): void {
  try {
    storage?.setItem(storageKey(chatOrigin), JSON.stringify(s));
  } catch {
    // Storage full or blocked (private mode): the chat still works until the page reloads.
  }
}

/**
 * The pre-chat form checked before sending, in the gateway's own words (protocol/StartFormRules;
 * both are tested from docs/validation-rules.json). The server still decides.
 */
export function validateProfile(p: Profile): Partial<Record<keyof Profile, string>> {
  const errors: Partial<Record<keyof Profile, string>> = {};
  const email = p.email.trim();
  if (!/^[^@\s]+@[^@\s]+$/.test(email) || email.length > 254)
    errors.email = 'Enter a valid email address.';
  if (p.firstName.trim() === '' || p.firstName.length > 100)
    errors.firstName = 'Enter your first name.';
  if (p.lastName.trim() === '' || p.lastName.length > 100)
    errors.lastName = 'Enter your last name.';
  return errors;
}

/**
 * Where the SDK keeps the chat it resumes (the Case and its customer token). Pluggable: web apps
 * use localStorage (the default), web-view apps may hand in their native secure storage, tests a
 * Map. Only strings go in and out.
 */
export interface SessionStorageLike {
  getItem(key: string): string | null | Promise<string | null>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/** The saved chat. */
export interface SavedSession {
  caseId: string;
  customerToken: string;
  number: number;
  emailVerified: boolean;
}

/** In memory only (forgotten on reload). */
export function memoryStorage(): SessionStorageLike {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
  };
}

/** localStorage when the page may use it, else memory (private mode, sandboxed frames). */
export function defaultStorage(): SessionStorageLike {
  try {
    const ls = globalThis.localStorage;
    if (ls) {
      const probe = 'chatcases.sdk:probe';
      ls.setItem(probe, '1');
      ls.removeItem(probe);
      return ls;
    }
  } catch {
    // blocked
  }
  return memoryStorage();
}

export function parseSaved(raw: string | null): SavedSession | null {
  if (raw === null) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.caseId !== 'string' || typeof o.customerToken !== 'string') return null;
  if (o.caseId === '' || o.customerToken === '') return null;
  return {
    caseId: o.caseId,
    customerToken: o.customerToken,
    number: typeof o.number === 'number' ? o.number : 0,
    emailVerified: o.emailVerified === true,
  };
}

/**
 * Drafts per Case and agent, kept in sessionStorage (they survive a reload and switching tiles, and
 * end with the tab), cleared on send. Storage may be missing, full or refuse access: a draft is
 * then kept in memory only.
 */
const PREFIX = 'chatcases.console.draft';

/** Drafts longer than this are cut (the composer refuses far less anyway). */
export const MAX_DRAFT = 20_000;

export class Drafts {
  private readonly memory = new Map<string, string>();

  constructor(
    private readonly agentId: () => string,
    private readonly storage: Storage | null = safeSessionStorage(),
  ) {}

  private key(caseId: string): string {
    return `${PREFIX}:${encodeURIComponent(this.agentId())}:${encodeURIComponent(caseId)}`;
  }

  get(caseId: string): string {
    const key = this.key(caseId);
    try {
      const v = this.storage?.getItem(key);
      if (typeof v === 'string') return v;
    } catch {
      // Fall through to memory.
    }
    return this.memory.get(key) ?? '';
  }

  set(caseId: string, text: string): void {
    const key = this.key(caseId);
    const value = text.slice(0, MAX_DRAFT);
    if (value === '') {
      this.memory.delete(key);
      try {
        this.storage?.removeItem(key);
      } catch {
        // Nothing kept there.
      }
      return;
    }
    this.memory.set(key, value);
    try {
      this.storage?.setItem(key, value);
    } catch {
      // Quota or privacy mode: the memory copy still survives switching tiles.
    }
  }

  clear(caseId: string): void {
    this.set(caseId, '');
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The limits the servers enforce, as they state them (never a copy here): the gateway's
 * `GET /api/config` gives `limits.messageChars` (its TOO_LARGE rule for text), file-service's
 * `GET /api/files/limits` (through the gateway) the largest file and the allowed kinds in words.
 * Until they answer, or when an older server lacks a field, the defaults below (today's server
 * settings) apply: the UI then only helps less, the server still decides.
 */
import { requestJson } from './http';

export interface Limits {
  /** Longest text message, in UTF-16 code units (what the server's String.length counts). */
  messageChars: number;
  /** Largest file, in bytes. */
  fileBytes: number;
  /** The allowed kinds of file in words ("images, PDF, ..."), when the server says. */
  allowedFiles: string | null;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  messageChars: 4000,
  fileBytes: 25 * 1024 * 1024,
  allowedFiles: null,
});

function positive(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;
}

/** Reads `/api/config`'s and `/api/files/limits`' answers; what is missing keeps its default. */
export function parseLimits(config: unknown, files: unknown): Limits {
  const lim =
    typeof config === 'object' && config !== null
      ? (config as { limits?: unknown }).limits
      : undefined;
  const l = typeof lim === 'object' && lim !== null ? (lim as Record<string, unknown>) : {};
  const f = typeof files === 'object' && files !== null ? (files as Record<string, unknown>) : {};
  return {
    messageChars: positive(l.messageChars) ?? DEFAULT_LIMITS.messageChars,
    fileBytes: positive(f.maxBytes) ?? positive(l.fileBytes) ?? DEFAULT_LIMITS.fileBytes,
    allowedFiles: typeof f.allowed === 'string' && f.allowed !== '' ? f.allowed : null,
  };
}

const cache = new Map<string, Promise<Limits>>();

/** The limits of a chat origin, asked once per page (both calls are public). */
export function loadLimits(origin: string): Promise<Limits> {
  let p = cache.get(origin);
  if (!p) {
    const get = (path: string) =>
      requestJson(new URL(path, origin).toString()).then(
        (r) => r.body,
        () => null,
      );
    p = Promise.all([get('/api/config'), get('/api/files/limits')]).then(([c, f]) =>
      parseLimits(c, f),
    );
    cache.set(origin, p);
  }
  return p;
}

/** For tests: forget what was loaded. */
export function resetLimits(): void {
  cache.clear();
}

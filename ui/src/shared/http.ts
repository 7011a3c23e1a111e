/**
 * REST helpers: JSON calls with bearer tokens and problem bodies, uploads with progress
 * (XMLHttpRequest, since fetch reports no upload progress), and downloads that need a token
 * (fetched as blobs, because an <a href> or <img src> cannot carry an Authorization header).
 */
import { parseProblem, parseUploadedFile, type FileRef, type Problem } from './protocol';

export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem.detail ?? `Request failed (${problem.status})`);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }
}

export type TokenSource = () => string | null | Promise<string | null>;

export interface JsonRequest {
  method?: string;
  body?: unknown;
  token?: TokenSource;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
}

async function authHeader(token: TokenSource | undefined): Promise<Record<string, string>> {
  if (!token) return {};
  const t = await token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

async function bodyOf(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Calls a JSON endpoint; resolves to the parsed body, or throws an ApiError with the problem. */
export async function requestJson(
  url: string,
  req: JsonRequest = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...req.headers,
    ...(await authHeader(req.token)),
  };
  const init: RequestInit = { method: req.method ?? 'GET', headers, credentials: 'omit' };
  if (req.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(req.body);
  }
  if (req.signal) init.signal = req.signal;
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError(
      parseProblem(0, { code: 'UNAVAILABLE', detail: 'The server cannot be reached.' }),
    );
  }
  const body = await bodyOf(res);
  if (!res.ok) {
    const retry = Number(res.headers.get('Retry-After'));
    throw new ApiError(
      parseProblem(res.status, body),
      Number.isFinite(retry) && retry > 0 ? retry : null,
    );
  }
  return { status: res.status, body };
}

/** Fetches a file that needs a token and returns it as a blob. */
export async function fetchBlob(url: string, token: TokenSource): Promise<Blob> {
  const res = await fetch(url, { headers: await authHeader(token), credentials: 'omit' });
  if (!res.ok) throw new ApiError(parseProblem(res.status, await bodyOf(res)));
  return res.blob();
}

/** Saves a blob under a file name (the browser's download). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export interface Upload {
  promise: Promise<FileRef>;
  abort(): void;
}

/** Content types a person may not recognise, in words (what a refusal says). */
const TYPE_WORDS: Record<string, string> = {
  'application/x-msdownload': 'Windows program',
  'application/x-dosexec': 'Windows program',
  'application/x-msdos-program': 'Windows program',
  'application/vnd.microsoft.portable-executable': 'Windows program',
  'application/x-executable': 'program',
  'application/x-mach-binary': 'Mac program',
  'application/x-sh': 'shell script',
  'application/javascript': 'script',
  'text/javascript': 'script',
  'text/html': 'web page',
  'application/xhtml+xml': 'web page',
  'image/svg+xml': 'SVG image',
  'application/xml': 'XML file',
  'text/xml': 'XML file',
  'application/zip': 'ZIP archive',
  'application/x-rar-compressed': 'RAR archive',
  'application/x-7z-compressed': '7-Zip archive',
  'application/gzip': 'compressed archive',
  'application/x-tar': 'archive',
  'application/octet-stream': 'unknown kind of file',
};

/** "application/x-msdownload" -> "Windows program" (null for a type not known here). */
export function typeInWords(contentType: string): string | null {
  return TYPE_WORDS[contentType.toLowerCase().split(';')[0]?.trim() ?? ''] ?? null;
}

/**
 * The words for a 415. A server that says it in words is shown as it is; an older one's
 * "Files of type x/y (detected from the content) are not accepted" is put in words here.
 */
export function typeRefusalText(detail: string | null | undefined): string {
  const generic = "This file type isn't allowed.";
  if (!detail) return generic;
  const m = /type ([\w.+-]+\/[\w.+-]+) \(detected/i.exec(detail);
  if (!m?.[1]) return detail;
  const words = typeInWords(m[1]);
  return words ? `This file type isn't allowed (${words}).` : generic;
}

/** Human text for an upload refusal. */
export function uploadErrorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 413) return e.problem.detail ?? 'That file is too large.';
    if (e.status === 415) return typeRefusalText(e.problem.detail);
    return e.problem.detail ?? `Upload failed (${e.status}).`;
  }
  return 'Upload failed.';
}

/** `POST /api/files` (multipart caseId + file) with upload progress from 0 to 1. */
export function uploadFile(
  url: string,
  token: string,
  caseId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Upload {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<FileRef>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable && ev.total > 0) onProgress(ev.loaded / ev.total);
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const f = parseUploadedFile(body);
        if (f) {
          onProgress(1);
          resolve(f);
          return;
        }
      }
      reject(new ApiError(parseProblem(xhr.status, body)));
    };
    xhr.onerror = () =>
      reject(new ApiError(parseProblem(0, { detail: 'The upload was interrupted.' })));
    xhr.onabort = () => reject(new ApiError(parseProblem(0, { detail: 'Upload cancelled.' })));
    const form = new FormData();
    form.append('caseId', caseId);
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

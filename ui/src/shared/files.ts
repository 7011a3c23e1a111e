/**
 * Files as both faces handle them: uploads with progress (then a `send {fileId}`), downloads and
 * image previews fetched with the caller's token (never a token in a URL), previews cached as
 * blob: URLs until the conversation changes. A file over the server's size limit is refused here,
 * before a byte is sent.
 */
import { formatSize } from './format';
import { fetchBlob, saveBlob, uploadErrorText, uploadFile, type TokenSource } from './http';
import { loadLimits, type Limits } from './limits';
import { PreviewCache } from './previews';
import type { FileRef } from './protocol';
import type { UploadRow } from './conversation';

export class FileAccess {
  private readonly previews = new PreviewCache();

  constructor(
    private readonly origin: string,
    private readonly token: TokenSource,
  ) {}

  /** Uploads into a Case; resolves with the stored file, or shows the failure on the row. */
  async upload(caseId: string, file: File, row: UploadRow): Promise<FileRef | null> {
    const tooLarge = tooLargeText(file, await this.limits());
    if (tooLarge) {
      row.failed(tooLarge);
      return null;
    }
    try {
      const token = (await this.token()) ?? '';
      const ref = await uploadFile(this.url('/api/files'), token, caseId, file, (f) =>
        row.progress(f),
      ).promise;
      row.done();
      return ref;
    } catch (e) {
      row.failed(uploadErrorText(e));
      return null;
    }
  }

  /** The servers' limits (defaults until they answer). */
  limits(): Promise<Limits> {
    return loadLimits(this.origin);
  }

  /** Saves a file; false when it could not be fetched. */
  async download(f: FileRef): Promise<boolean> {
    try {
      saveBlob(await fetchBlob(this.fileUrl(f.fileId), this.token), f.name);
      return true;
    } catch {
      return false;
    }
  }

  loadPreview(f: FileRef, img: HTMLImageElement): void {
    void this.previews.show(f.fileId, this.fileUrl(f.fileId), this.token, img);
  }

  /** Releases the previews (leaving a Case or a chat). */
  clear(): void {
    this.previews.clear();
  }

  url(path: string): string {
    return new URL(path, this.origin).toString();
  }

  private fileUrl(fileId: string): string {
    return this.url(`/api/files/${encodeURIComponent(fileId)}`);
  }
}

/** "Up to 25 MB": the size limit in words, for next to the attach button. */
export function fileLimitText(limits: Limits): string {
  return `Files up to ${formatSize(limits.fileBytes)}`;
}

/** Why a file is refused before uploading (null: it may go; the server checks again). */
export function tooLargeText(file: { name: string; size: number }, limits: Limits): string | null {
  if (file.size <= limits.fileBytes) return null;
  return `${file.name} is ${formatSize(file.size)}; files can be up to ${formatSize(limits.fileBytes)}.`;
}

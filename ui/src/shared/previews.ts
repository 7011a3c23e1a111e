import { fetchBlob, type TokenSource } from './http';

/**
 * Inline image previews for file messages. Downloads need the bearer token, so an image is
 * fetched once as a blob and shown through an object URL, cached per file until cleared.
 */
export class PreviewCache {
  private readonly urls = new Map<string, string>();

  /** Shows the file in `img`, or removes `img` when the file cannot be fetched. */
  async show(
    fileId: string,
    url: string,
    token: TokenSource,
    img: HTMLImageElement,
  ): Promise<void> {
    let objectUrl = this.urls.get(fileId);
    if (!objectUrl) {
      try {
        objectUrl = URL.createObjectURL(await fetchBlob(url, token));
      } catch {
        img.remove();
        return;
      }
      this.urls.set(fileId, objectUrl);
    }
    img.src = objectUrl;
  }

  /** Releases every object URL (leaving a Case or a chat). */
  clear(): void {
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
  }
}

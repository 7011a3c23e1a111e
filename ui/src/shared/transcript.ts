/**
 * The customer's transcript of their chat (`GET /api/chats/{caseId}/transcript` with the customer
 * token): plain UTF-8 text that case-service writes, saved as `chat-<number>.txt`. Used by the
 * widget's "Download transcript" and the SDK's `transcript()`.
 */
import { fetchBlob, type TokenSource } from './http';

export interface Transcript {
  /** `chat-<number>.txt`, as the server names the attachment. */
  fileName: string;
  /** The whole transcript (header, then each message's time, author, text and file name). */
  text: string;
}

/** The attachment name of Case `number`'s transcript (the server's Content-Disposition). */
export function transcriptFileName(number: number): string {
  return `chat-${number}.txt`;
}

/** The transcript as a blob; rejects with an ApiError (401, 403 another Case's, 404, 503). */
export function fetchTranscript(origin: string, caseId: string, token: TokenSource): Promise<Blob> {
  const url = new URL(`/api/chats/${encodeURIComponent(caseId)}/transcript`, origin).toString();
  return fetchBlob(url, token);
}

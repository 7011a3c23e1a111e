/**
 * The Chat Cases Support SDK (ES module): `import { ChatCasesClient } from '/sdk/chatcases-sdk.js'`.
 * README.md in this folder documents it with examples.
 */
export { ChatCasesClient, ChatCasesError, MAX_TEXT } from './client';
export type {
  ChatCasesEvents,
  ChatCasesOptions,
  ChatSession,
  SdkError,
  SentEvent,
  StartOptions,
} from './client';
export { Call, type AcceptOptions } from './call';
export { DevicesUnavailableError, formatDuration } from '../shared/rtc';
export type { CallState, CallStateChange, RtcEnv } from '../shared/rtc';
export { memoryStorage, type SessionStorageLike } from './storage';
export { SDK_VERSION } from './version';
export type {
  Case,
  CallEndReason,
  CallMedia,
  FileRef,
  Message,
  Person,
  Rating,
  Sender,
} from '../shared/protocol';
export type { ConnectionState } from '../shared/socket';
export type { Transcript } from '../shared/transcript';

/**
 * The console's shared state (a typed store) and what every controller gets: the store, the tile
 * model, the socket's send and REST with the agent's token.
 */
import { requestJson, type JsonRequest } from '../shared/http';
import type { AgentFrame, Agent, Case, QuickReply } from '../shared/protocol';
import type { ConnectionState } from '../shared/socket';
import { Store } from '../shared/store';
import type { AuthSession } from './auth';
import type { ConsoleModel } from './model';

export interface Notice {
  text: string;
  /** How long it shows (default 8 s); the last second fades out. */
  ms?: number;
  /** 'info' for what happened (someone took a chat), 'error' (default) for what went wrong. */
  tone?: 'info' | 'error';
  /** Increases with each notice, so the same text shown twice is a change. */
  n: number;
}

export interface ConsoleState {
  me: Agent;
  connection: ConnectionState;
  /** The Case on screen (accessed), as last seen; null when none is open. */
  current: Case | null;
  notice: Notice | null;
  quickReplies: readonly QuickReply[];
}

export type ConsoleStore = Store<ConsoleState>;

export interface ConsoleContext {
  store: ConsoleStore;
  /** The inputs of the tile rules (pure; owned by the tiles controller, read by the others). */
  model: ConsoleModel;
  auth: AuthSession;
  /** Sends on the agent socket; false while it is closed. */
  send(frame: AgentFrame): boolean;
  /** REST through the gateway with the agent's token. */
  api(path: string, req?: Omit<JsonRequest, 'token'>): ReturnType<typeof requestJson>;
  notice(text: string, opts?: { ms?: number; tone?: 'info' | 'error' }): void;
}

export function createContext(
  origin: string,
  auth: AuthSession,
  model: ConsoleModel,
  send: (frame: AgentFrame) => boolean,
): ConsoleContext {
  const store: ConsoleStore = new Store<ConsoleState>({
    me: auth.me,
    connection: 'connecting',
    current: null,
    notice: null,
    quickReplies: [],
  });
  return {
    store,
    model,
    auth,
    send,
    api: (path, req) =>
      requestJson(new URL(path, origin).toString(), { ...req, token: () => auth.token() }),
    notice: (text, opts) =>
      store.set({ notice: { text, ...opts, n: (store.get().notice?.n ?? 0) + 1 } }),
  };
}

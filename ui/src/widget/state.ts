/**
 * The widget's state (a typed store): what is saved per site origin (the chat, the profile, whether
 * the panel is open, what was seen) and what the socket said (the Case, the connection, whether the chat ended).
 */
import type { Case } from '../shared/protocol';
import type { ConnectionState } from '../shared/socket';
import { Store } from '../shared/store';
import { loadSession, saveSession, type Profile, type SavedChat } from './session';

export interface WidgetState {
  open: boolean;
  chat: SavedChat | null;
  profile: Profile | null;
  /** The newest seq seen with the panel open (saved). */
  seenSeq: number;
  /** The Case as the socket last showed it. */
  case: Case | null;
  connection: ConnectionState;
  ended: boolean;
  /** Agent messages after seenSeq, counted while the panel is closed (the launcher's badge). */
  unread: number;
}

export type WidgetStore = Store<WidgetState>;

/** A store loaded from the saved session, saving it again whenever a saved field changes. */
export function createStore(storage: Storage | null, chatOrigin: string): WidgetStore {
  const saved = loadSession(storage, chatOrigin);
  const store = new Store<WidgetState>({
    ...saved,
    case: null,
    connection: 'stopped',
    ended: false,
    unread: 0,
  });
  store.subscribe((s, p) => {
    if (
      s.open !== p.open ||
      s.chat !== p.chat ||
      s.profile !== p.profile ||
      s.seenSeq !== p.seenSeq
    )
      saveSession(storage, chatOrigin, {
        chat: s.chat,
        profile: s.profile,
        open: s.open,
        seenSeq: s.seenSeq,
      });
  });
  return store;
}

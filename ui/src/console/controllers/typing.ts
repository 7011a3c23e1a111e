/**
 * Typing in the console, both ways: the customer's `typing` shows on the Case's tile (a small
 * "…" bubble) and under the conversation ("Cleo Cruz is typing…") for 5 s unless renewed, gone at
 * once when the customer's message comes; the owner's composer sends `typing` for the open Case at
 * most every 2 s (only the owner's reach the customer; the gateway drops anyone else's).
 */
import type { FrameDispatcher } from '../../shared/dispatcher';
import { setText } from '../../shared/dom';
import { TypingBoard, TypingThrottle, typingText } from '../../shared/typing';
import type { ConsoleContext } from '../state';

export interface TypingDeps {
  /** Where the tiles are (decorated after every render). */
  root: () => HTMLElement | null;
  /** The line under the open conversation. */
  line: HTMLElement;
  /** The open conversation's composer. */
  composer: HTMLTextAreaElement;
}

export class TypingController {
  private readonly board: TypingBoard;
  private readonly out = new TypingThrottle();

  constructor(
    private readonly ctx: ConsoleContext,
    private readonly deps: TypingDeps,
  ) {
    this.board = new TypingBoard(() => this.render());
    deps.composer.addEventListener('input', () => this.typed());
    ctx.store.select('current', () => this.render());
  }

  register(d: FrameDispatcher): void {
    d.on('typing', (f) => {
      if (f.from === 'CUSTOMER') this.board.heard(f.caseId, f.name);
    }).on('message', ({ message: m }) => {
      if (m.sender.type === 'CUSTOMER') this.board.clear(m.caseId);
      else if (m.sender.type === 'USER') this.out.reset(m.caseId);
    });
  }

  /** Who is typing in `caseId` (for tests and the tiles). */
  nameOf(caseId: string): string | null {
    return this.board.nameOf(caseId);
  }

  /** Marks the typing tiles and the open conversation's line; call after the tiles render. */
  render(): void {
    const root = this.deps.root();
    root?.querySelectorAll<HTMLElement>('[data-testid="tile"]').forEach((tile) => {
      const name = tile.dataset.caseId ? this.board.nameOf(tile.dataset.caseId) : null;
      tile.toggleAttribute('data-typing', name !== null);
      let dots = tile.querySelector<HTMLElement>('.tile__typing');
      if (name !== null && !dots) {
        dots = document.createElement('span');
        dots.className = 'tile__typing';
        dots.dataset.testid = 'tile-typing';
        dots.setAttribute('aria-hidden', 'true');
        tile.appendChild(dots);
      } else if (name === null) {
        dots?.remove();
      }
      // The tile keeps its name and tooltip (who, how long, last message): the dots say "typing"
      // to the eye, and the conversation's line says it in words.
    });
    const current = this.ctx.store.get().current;
    const name = current ? this.board.nameOf(current.caseId) : null;
    setText(this.deps.line, name === null ? '' : typingText(name));
    this.deps.line.hidden = name === null;
  }

  /** The agent typed in the open conversation: the customer hears of it if it is theirs. */
  private typed(): void {
    const { current, me } = this.ctx.store.get();
    if (!current || current.owner?.id !== me.id || current.status === 'CLOSED') return;
    if (this.deps.composer.value.trim() === '') return;
    if (this.out.admit(current.caseId, Date.now()))
      this.ctx.send({ type: 'typing', caseId: current.caseId });
  }
}

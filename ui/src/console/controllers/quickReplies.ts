/** Quick Replies: loaded once over REST into the store; placeholders filled for the Case on screen. */
import { parseQuickReplies, type QuickReply } from '../../shared/protocol';
import { renderQuickReply, valuesFor } from '../../shared/quickReplies';
import type { ConsoleContext } from '../state';

export class QuickRepliesController {
  constructor(private readonly ctx: ConsoleContext) {}

  async load(): Promise<void> {
    try {
      const { body } = await this.ctx.api('/api/quick-replies');
      this.ctx.store.set({ quickReplies: parseQuickReplies(body) });
    } catch {
      this.ctx.store.set({ quickReplies: [] });
    }
  }

  list(): QuickReply[] {
    return [...this.ctx.store.get().quickReplies];
  }

  render(qr: QuickReply): string {
    const { current, me } = this.ctx.store.get();
    return renderQuickReply(qr.body, valuesFor(current, me));
  }
}

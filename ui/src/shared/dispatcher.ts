/**
 * The one place server frames are routed, for the console and the widget alike: each feature
 * controller registers for the frame types it handles; a frame nobody handles is ignored (agent-only
 * frames on the customer socket, types a newer server adds).
 */
import type { ServerFrame, ServerFrameType } from './protocol';

export type FrameOf<T extends ServerFrameType> = Extract<ServerFrame, { type: T }>;
type AnyHandler = (frame: ServerFrame) => void;

export class FrameDispatcher {
  private readonly handlers = new Map<ServerFrameType, AnyHandler[]>();

  /** Registers `handler` for one frame type; handlers of a type run in registration order. */
  on<T extends ServerFrameType>(type: T, handler: (frame: FrameOf<T>) => void): this {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as AnyHandler);
    this.handlers.set(type, list);
    return this;
  }

  dispatch(frame: ServerFrame): void {
    for (const h of this.handlers.get(frame.type) ?? []) h(frame);
  }
}

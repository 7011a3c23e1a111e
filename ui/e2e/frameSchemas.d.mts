export declare const DEFAULT_DIR: string;

export interface KnownGap {
  type: string;
  when(frame: Record<string, unknown>): boolean;
  why: string;
}
export declare const KNOWN_GAPS: KnownGap[];

export interface FrameSchemas {
  dir: string;
  types: string[];
  schemas(type: string): Record<string, unknown>[];
  /** Whether a schema of its type accepts the frame, known gaps not applied. */
  strict(frame: unknown): boolean;
  /** null when the frame is valid, else why not. */
  check(frame: unknown): string | null;
}

export declare function loadFrameSchemas(dir?: string): FrameSchemas | null;

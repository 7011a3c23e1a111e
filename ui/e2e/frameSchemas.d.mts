export declare const DEFAULT_DIR: string;

export interface FrameSchemas {
  dir: string;
  types: string[];
  schemas(type: string): Record<string, unknown>[];
  /** null when the frame is valid, else why not. */
  check(frame: unknown): string | null;
}

export declare function loadFrameSchemas(dir?: string): FrameSchemas | null;

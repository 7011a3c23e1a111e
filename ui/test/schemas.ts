/**
 * The frame schemas the tests validate against: the repository's schema/frames (one JSON Schema
 * per frame type) when present, else the small local fixture of the client frames in
 * test/fixtures/frames.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFrameSchemas, type FrameSchemas } from '../e2e/frameSchemas.mjs';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'frames');

const real = loadFrameSchemas();
/** True when the repository's own schemas are in use (not the fixture). */
export const REAL_SCHEMAS = real !== null;
export const frameSchemas: FrameSchemas = real ?? (loadFrameSchemas(FIXTURE) as FrameSchemas);

/** Every invalid frame, with why; [] when all are valid. */
export function invalidFrames(frames: readonly unknown[]): string[] {
  return frames.flatMap((f) => {
    const why = frameSchemas.check(f);
    return why === null ? [] : [`${JSON.stringify(f)}: ${why}`];
  });
}

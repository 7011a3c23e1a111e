// Validates WebSocket frames against the JSON Schemas of the protocol: one file per frame type
// (Draft 2020-12, self-contained, `type` as a const), by default ../schema/frames from the repo
// root (FRAME_SCHEMAS overrides). Used by the browser suite (every frame the pages send and
// receive) and by the Vitest tests (the frames the UI's encoders produce).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const DEFAULT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../schema/frames');

function jsonFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

/** The frame type a schema is for: its `type` const, else its file name. */
function typeOf(schema, path) {
  const t = schema?.properties?.type;
  if (typeof t?.const === 'string') return t.const;
  if (Array.isArray(t?.enum) && t.enum.length === 1) return t.enum[0];
  return path.replace(/^.*[/\\]/, '').replace(/\.json$/, '');
}

/**
 * Frames the UI sends as docs/protocol.md says, which the schemas refuse: a schema defect
 * reported to the gateway's owners, accepted here until fixed ({type, when(frame), why}). The
 * Vitest test checks that each one is still refused, so a fixed schema forces its removal.
 */
export const KNOWN_GAPS = [];

/**
 * Loads every schema under `dir`. `check(frame)` takes a frame (text or parsed) and returns null
 * when it is valid, else why not (unknown type, not JSON, or the schema's errors). A type with
 * several schemas (one per direction) is valid when any of them accepts the frame.
 */
export function loadFrameSchemas(dir = process.env.FRAME_SCHEMAS || DEFAULT_DIR) {
  if (!existsSync(dir)) return null;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const byType = new Map();
  for (const path of jsonFiles(dir)) {
    const schema = JSON.parse(readFileSync(path, 'utf8'));
    const type = typeOf(schema, path);
    const validate = ajv.compile(schema);
    byType.set(type, [...(byType.get(type) ?? []), { path, validate, schema }]);
  }
  /** The schema's verdict alone (no known gap applied). */
  const strict = (value) => (byType.get(value?.type) ?? []).some(({ validate }) => validate(value));
  return {
    dir,
    strict,
    types: [...byType.keys()].sort(),
    schemas: (type) => (byType.get(type) ?? []).map((s) => s.schema),
    check(frame) {
      let value = frame;
      if (typeof frame === 'string') {
        try {
          value = JSON.parse(frame);
        } catch {
          return `not JSON: ${frame.slice(0, 80)}`;
        }
      }
      const type = value?.type;
      const validators = byType.get(type);
      if (!validators) return `unknown frame type ${JSON.stringify(type)}`;
      const errors = [];
      for (const { path, validate } of validators) {
        if (validate(value)) return null;
        errors.push(`${path.replace(/^.*[/\\]/, '')}: ${ajv.errorsText(validate.errors)}`);
      }
      const gap = KNOWN_GAPS.find((g) => g.type === type && g.when(value));
      if (gap) return null;
      return `invalid ${type} frame (${errors.join('; ')})`;
    },
  };
}

// The accessibility check of the browser suites: axe-core (pinned devDependency) run in the page,
// failing on any violation of impact "serious" or "critical" (each printed with its elements).
// axe looks into open shadow roots, so the widget is checked as well as the page.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Impacts that fail the check. */
const FAILING = new Set(['serious', 'critical']);

async function injectAxe(page) {
  if (await page.evaluate(() => typeof window.axe === 'object')) return;
  try {
    await page.addScriptTag({ path: AXE });
  } catch {
    // A page whose CSP refuses inline scripts: evaluate through DevTools instead (not subject
    // to the page's CSP).
  }
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(readFileSync(AXE, 'utf8'));
  }
}

/**
 * Runs axe on the page (or only `include`, a CSS selector) and fails on serious or critical
 * violations. Returns every violation (any impact) for the caller to print or keep.
 */
export async function assertAccessible(page, name, { include } = {}) {
  await injectAxe(page);
  const violations = await page.evaluate(async (sel) => {
    const result = await window.axe.run(sel ? { include: [[sel]] } : document, {
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
        summary: n.failureSummary,
      })),
    }));
  }, include ?? null);
  const failing = violations.filter((v) => FAILING.has(v.impact));
  for (const v of violations) {
    const mark = FAILING.has(v.impact) ? '!!' : '  ';
    console.log(`    ${mark} axe ${name}: ${v.impact} ${v.id} (${v.help})`);
    for (const n of v.nodes)
      console.log(`         ${n.target}: ${n.summary?.split('\n').join(' ')}`);
  }
  assert.deepEqual(
    failing.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`),
    [],
    `${name}: serious or critical accessibility violations`,
  );
  return violations;
}

// Runs every browser suite (e2e/*.e2e.mjs), one Node process each and one after another (they share
// the running platform), and fails when any fails. `node e2e/all.mjs calls` runs only the suites
// whose file name contains "calls".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2] ?? '';
const suites = readdirSync(HERE)
  .filter((f) => f.endsWith('.e2e.mjs') && f.includes(filter))
  .sort();
if (suites.length === 0) {
  console.error(`no browser suite matches "${filter}"`);
  process.exit(1);
}
const failed = [];
for (const suite of suites) {
  console.log(`browser suite ${suite}`);
  const run = spawnSync(process.execPath, [fileURLToPath(new URL(suite, import.meta.url))], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed.push(suite);
}
console.log(failed.length ? `failed: ${failed.join(', ')}` : `${suites.length} suite(s) passed`);
process.exitCode = failed.length ? 1 : 0;

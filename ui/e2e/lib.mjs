// Shared helpers of the browser suites (ui/e2e/*.e2e.mjs), against the running local platform
// (deploy/local/up.sh): real Keycloak logins, real gateway, services, Kafka. Each suite file is a
// program of its own: `runSuite(async (ctx) => { await ctx.step(...) })` launches Debian's Chromium,
// runs the steps, checks every WebSocket frame against its JSON Schema, resolves the Cases the
// suite created, and sets the exit code.
//
//   npm run e2e                      every suite; the gateway serves the UI (its jar was built with ui/)
//   npm run e2e -- calls             only the suites whose file name contains "calls"
//   E2E_LOCAL_UI=1 npm run e2e       the browser gets the pages from ui's build output instead
//                                    (API and sockets still go to the gateway): for UI work
//                                    before the gateway is rebuilt.
//
// Uses Debian's chromium (never a downloaded browser): CHROMIUM=/usr/bin/chromium by default.
// Screenshots go to e2e/screenshots/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { DEFAULT_DIR, loadFrameSchemas } from './frameSchemas.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const GATEWAY = process.env.GATEWAY ?? 'http://localhost:8080';
export const KEYCLOAK = process.env.KEYCLOAK ?? 'http://localhost:8180';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const SHOTS = resolve(HERE, 'screenshots');
const BUILD = resolve(HERE, '../../chat-gateway/target/classes/META-INF/resources');
const LOCAL_UI = process.env.E2E_LOCAL_UI === '1';
export const T = Number(process.env.E2E_TIMEOUT_MS ?? 15_000);
export const RUN = Date.now().toString(36);
/** The protocol's JSON Schemas (schema/frames): every WebSocket frame of every page must match. */
const SCHEMAS = loadFrameSchemas();

// ----------------------------------------------------------------------------- REST helpers

export async function token(user) {
  const res = await fetch(`${KEYCLOAK}/realms/cx/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'cx-console',
      username: user,
      password: user,
    }),
  });
  assert.equal(res.status, 200, `token for ${user}`);
  return (await res.json()).access_token;
}

export async function api(user, method, path, body) {
  const res = await fetch(`${GATEWAY}${path}`, {
    method,
    headers: { Authorization: `Bearer ${await token(user)}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function startChat(email, firstName, lastName) {
  const res = await fetch(`${GATEWAY}/api/chats`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, firstName, lastName, channel: 'WEB_CONNECT' }),
  });
  assert.ok(res.status === 201 || res.status === 200, `start chat ${email}: ${res.status}`);
  return res.json();
}

/** A chat start with an identity signed by the local demo signer (the shop's backend). */
export async function startVerifiedChat(email, firstName, lastName) {
  const signed = await fetch(`${GATEWAY}/api/demo/identity`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, firstName, lastName }),
  });
  assert.equal(signed.status, 200, 'the local demo signer is on (deploy/local/up.sh)');
  const { identity } = await signed.json();
  const res = await fetch(`${GATEWAY}/api/chats`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, firstName, lastName, channel: 'WEB_CONNECT', identity }),
  });
  assert.ok(res.status === 201 || res.status === 200, `verified start ${email}: ${res.status}`);
  const body = await res.json();
  assert.equal(body.emailVerified, true);
  return body;
}

/** A 1x1 PNG (file-service detects the type from the bytes). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

// ----------------------------------------------------------------------------- browser helpers

export const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

/** E2E_LOCAL_UI: the gateway's static paths come from ui's build output. */
export async function serveLocalUi(context) {
  if (!LOCAL_UI) return;
  await context.route(`${GATEWAY}/**`, (route) => {
    const url = new URL(route.request().url());
    if (/^\/(api|ws|q)\//.test(url.pathname)) return route.continue();
    let file = join(BUILD, decodeURIComponent(url.pathname));
    if (url.pathname.endsWith('/')) file = join(file, 'index.html');
    if (!file.startsWith(BUILD) || !existsSync(file))
      return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      status: 200,
      contentType: TYPES[extname(file)] ?? 'application/octet-stream',
      body: readFileSync(file),
    });
  });
  // Playwright does not route the target of a redirect, so Keycloak's redirect back to the console
  // would reach the gateway itself: turn that redirect into a page that navigates (routed) instead.
  // Both after the login form (login-actions) and straight from the auth endpoint when the SSO
  // session still holds (a reload of a signed-in console).
  const backToTheConsole = async (route) => {
    const response = await route.fetch({ maxRedirects: 0 });
    const location = response.headers()['location'] ?? '';
    if (response.status() < 300 || response.status() >= 400 || !location.startsWith(GATEWAY)) {
      return route.fulfill({ response });
    }
    const headers = { ...response.headers(), 'content-type': 'text/html' };
    delete headers['location'];
    delete headers['content-length'];
    const target = location.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    return route.fulfill({
      status: 200,
      headers,
      body: `<meta http-equiv="refresh" content="0;url=${target}">`,
    });
  };
  await context.route(`${KEYCLOAK}/realms/cx/login-actions/**`, backToTheConsole);
  await context.route(`${KEYCLOAK}/realms/cx/protocol/openid-connect/auth**`, backToTheConsole);
}

export const tid = (id) => `[data-testid="${id}"]`;

export async function newPage(browser, name, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  await serveLocalUi(context);
  const page = await context.newPage();
  pages.set(name, page);
  page.setDefaultTimeout(T);
  page.on('pageerror', (e) => console.error(`[${name}] page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error(`[${name}] console: ${m.text()}`);
  });
  page.on('websocket', (ws) => {
    const check = (dir) => (f) => {
      const text = String(f.payload);
      if (process.env.E2E_DEBUG) console.log(`[${name}] ${dir} ${text.slice(0, 300)}`);
      frames.count++;
      const why = SCHEMAS ? SCHEMAS.check(text) : null;
      if (why) {
        frames.invalid.push(`[${name}] ${dir} ${why}: ${text.slice(0, 300)}`);
        console.error(`[${name}] frame refused by its schema: ${why}`);
      }
    };
    ws.on('framereceived', check('<<'));
    ws.on('framesent', check('>>'));
  });
  // A script injected through a message would open a dialog: none may ever open.
  page.on('dialog', (d) => {
    dialogs.push(`${name}: ${d.message()}`);
    void d.dismiss();
  });
  return page;
}
export const dialogs = [];
export const pages = new Map();
/** WebSocket frames seen on every page, and those their schema refused (or of an unknown type). */
export const frames = { count: 0, invalid: [] };

export async function signIn(page, user) {
  await page.goto(`${GATEWAY}/`);
  await page.waitForURL(/\/realms\/cx\/protocol\/openid-connect\/auth/);
  await page.fill('#username', user);
  await page.fill('#password', user);
  await page.click('#kc-login');
  await page.waitForSelector(`${tid('connection-status')}[data-state="connected"]`);
}

export async function openWidget(page) {
  await page.goto(`${GATEWAY}/demo/`);
  await page.locator(tid('launcher')).click();
}

export async function startInWidget(page, email, firstName, lastName) {
  await openWidget(page);
  await page.locator(tid('email')).fill(email);
  await page.locator(tid('first-name')).fill(firstName);
  await page.locator(tid('last-name')).fill(lastName);
  await shot(page, `00-widget-prechat-${email.startsWith('e2e') ? 'phone' : 'desktop'}`);
  await page.locator(tid('start-chat')).click();
  await page.locator(tid('chat')).waitFor();
  const saved = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.startsWith('chatcases.widget:'));
    return key ? JSON.parse(localStorage.getItem(key)).chat : null;
  });
  assert.ok(saved?.caseId, 'the widget keeps the Case');
  return saved.caseId;
}

/**
 * Claims and resolves every waiting Case (as alice), so a suite's new Case gets into the row of
 * seven tiles whatever earlier suites or runs left waiting.
 */
export async function clearWaiting() {
  for (let round = 0; round < 10; round++) {
    const r = await api('admin', 'GET', '/api/cases/search?view=waiting&limit=100');
    assert.equal(r.status, 200, `waiting list: ${r.status}`);
    if (r.body.cases.length === 0) return;
    for (const { case: c } of r.body.cases) {
      await api('alice', 'POST', `/api/cases/${c.caseId}/claim`);
      await api('alice', 'POST', `/api/cases/${c.caseId}/resolve`);
    }
  }
}

/** The agent on `page` claims a waiting Case from its tile (the claim popup): it turns blue. */
export async function claimFromTile(page, caseId) {
  await eventually(async () => assert.equal(await tile(page, caseId).count(), 1));
  await tile(page, caseId).click();
  await page.locator(tid('claim-popup')).waitFor();
  await page.locator(tid('claim-button')).click();
  await eventually(async () =>
    assert.equal(await tile(page, caseId).getAttribute('data-color'), 'blue'),
  );
}

export const tile = (page, caseId) => page.locator(`${tid('tile')}[data-case-id="${caseId}"]`);

export async function orangeTileIds(page) {
  return page
    .locator(`${tid('tile')}[data-color="orange"]`)
    .evaluateAll((els) => els.map((e) => e.dataset.caseId));
}

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/**
 * Retries an assertion until it holds or the timeout passes: a wait on an observable end state,
 * polled like Awaitility does (never a fixed sleep before an assertion).
 */
export async function eventually(check, timeout = T) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

// ----------------------------------------------------------------------------- the runner

const results = [];
export async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name}\n    ${(e && e.stack) || e}`);
    for (const [who, page] of pages) await shot(page, `failed-${who}`).catch(() => undefined);
    // Later steps still run (each says what it needs); a failure here fails the run.
  }
}

/**
 * Runs one suite: `body({ browser, created })` adds its steps with `step`. `extraArgs` go to
 * Chromium (fake media devices, say). Every Case id put in `created` is claimed and resolved at the
 * end, so no suite leaves a Case waiting.
 */
export async function runSuite(body, { extraArgs = [] } = {}) {
  const created = new Set();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Pages fulfilled by the test (E2E_LOCAL_UI) have no address space of their own, so
      // Chromium's Local Network Access checks would block their calls to Keycloak on loopback.
      ...(LOCAL_UI
        ? ['--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests']
        : []),
      ...extraArgs,
    ],
  });
  try {
    await body({ browser, created });
    await step('every WebSocket frame sent and received matched its JSON Schema', async () => {
      assert.ok(SCHEMAS, `no frame schemas at ${process.env.FRAME_SCHEMAS || DEFAULT_DIR}`);
      assert.ok(frames.count > 0, 'no WebSocket frames were seen');
      assert.deepEqual(frames.invalid, [], `${frames.invalid.length} of ${frames.count} frames`);
    });
  } catch (e) {
    results.push({ name: 'suite body', ok: false });
    console.log(`  ✗ suite body\n    ${(e && e.stack) || e}`);
  } finally {
    // Leave nothing waiting: claim what is still NEW and resolve everything this run created.
    for (const id of created) {
      await api('alice', 'POST', `/api/cases/${id}/claim`).catch(() => undefined);
      await api('alice', 'POST', `/api/cases/${id}/resolve`).catch(() => undefined);
    }
    await browser.close();
    const passed = results.filter((r) => r.ok).length;
    const failed = results.length - passed;
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
  }
}

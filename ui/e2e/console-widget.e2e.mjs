// End-to-end suite of the agent console and the widget in headless Chromium, against the running
// local platform (deploy/local/up.sh): real Keycloak logins, real gateway, services, Kafka.
//
//   npm run e2e                      the gateway serves the UI (its jar was built with ui/)
//   E2E_LOCAL_UI=1 npm run e2e       the browser gets the pages from ui's build output instead
//                                    (API and sockets still go to the gateway): for UI work
//                                    before the gateway is rebuilt.
//
// Not part of `npm run check` (it needs the whole stack). Uses Debian's chromium (never a
// downloaded browser): CHROMIUM=/usr/bin/chromium by default. Screenshots go to e2e/screenshots/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { DEFAULT_DIR, loadFrameSchemas } from './frameSchemas.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const GATEWAY = process.env.GATEWAY ?? 'http://localhost:8080';
const KEYCLOAK = process.env.KEYCLOAK ?? 'http://localhost:8180';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(HERE, 'screenshots');
const BUILD = resolve(HERE, '../../chat-gateway/target/classes/META-INF/resources');
const LOCAL_UI = process.env.E2E_LOCAL_UI === '1';
const T = Number(process.env.E2E_TIMEOUT_MS ?? 15_000);
const RUN = Date.now().toString(36);
const XSS = '<img src=x onerror=alert(1)>';
/** The protocol's JSON Schemas (schema/frames): every WebSocket frame of every page must match. */
const SCHEMAS = loadFrameSchemas();

// ----------------------------------------------------------------------------- REST helpers

async function token(user) {
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

async function api(user, method, path, body) {
  const res = await fetch(`${GATEWAY}${path}`, {
    method,
    headers: { Authorization: `Bearer ${await token(user)}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function startChat(email, firstName, lastName) {
  const res = await fetch(`${GATEWAY}/api/chats`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, firstName, lastName, channel: 'WEB_CONNECT' }),
  });
  assert.ok(res.status === 201 || res.status === 200, `start chat ${email}: ${res.status}`);
  return res.json();
}

/** A chat start with an identity signed by the local demo signer (the shop's backend). */
async function startVerifiedChat(email, firstName, lastName) {
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
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

// ----------------------------------------------------------------------------- browser helpers

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

/** E2E_LOCAL_UI: the gateway's static paths come from ui's build output. */
async function serveLocalUi(context) {
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
  await context.route(`${KEYCLOAK}/realms/cx/login-actions/**`, async (route) => {
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
  });
}

const tid = (id) => `[data-testid="${id}"]`;

async function newPage(browser, name, viewport = { width: 1280, height: 800 }) {
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
const dialogs = [];
const pages = new Map();
/** WebSocket frames seen on every page, and those their schema refused (or of an unknown type). */
const frames = { count: 0, invalid: [] };

async function signIn(page, user) {
  await page.goto(`${GATEWAY}/`);
  await page.waitForURL(/\/realms\/cx\/protocol\/openid-connect\/auth/);
  await page.fill('#username', user);
  await page.fill('#password', user);
  await page.click('#kc-login');
  await page.waitForSelector(`${tid('connection-status')}[data-state="connected"]`);
}

async function openWidget(page) {
  await page.goto(`${GATEWAY}/demo/`);
  await page.locator(tid('launcher')).click();
}

async function startInWidget(page, email, firstName, lastName) {
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

const tile = (page, caseId) => page.locator(`${tid('tile')}[data-case-id="${caseId}"]`);

async function orangeTileIds(page) {
  return page
    .locator(`${tid('tile')}[data-color="orange"]`)
    .evaluateAll((els) => els.map((e) => e.dataset.caseId));
}

async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/**
 * Retries an assertion until it holds or the timeout passes: a wait on an observable end state,
 * polled like Awaitility does (never a fixed sleep before an assertion).
 */
async function eventually(check, timeout = T) {
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

// ----------------------------------------------------------------------------- the suite

const results = [];
async function step(name, fn) {
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
    // Pages fulfilled by the test (E2E_LOCAL_UI) have no address space of their own, so Chromium's
    // Local Network Access checks would block their calls to Keycloak on loopback.
    ...(LOCAL_UI
      ? ['--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests']
      : []),
  ],
});

try {
  // Contact from deploy/local/demo/contacts.csv: the tile must show this Contact's initials (MC),
  // not the name typed into the form.
  const existing = {
    email: 'mei.chen@example.org',
    typedFirst: 'May',
    typedLast: 'Chan',
    initials: 'MC',
  };
  const fresh = { email: `e2e-${RUN}@example.com`, first: 'Tom', last: 'Tester', initials: 'TT' };
  let case1 = '';
  let case2 = '';
  const alice = await newPage(browser, 'alice');
  const bob = await newPage(browser, 'bob');
  const cust1 = await newPage(browser, 'customer-1');
  const cust2 = await newPage(browser, 'customer-2', { width: 390, height: 844 }); // a phone

  await step('a Quick Reply with placeholders exists', async () => {
    const r = await api('admin', 'POST', '/api/quick-replies', {
      shortcut: 'e2e-greet',
      title: 'E2E greeting',
      body: "Hi {{contact.firstName}}, I'm {{ agent.firstName }} {{agent.lastName}} (case {{case.number}}).",
    });
    assert.ok([200, 201, 409].includes(r.status), `quick reply: ${r.status}`);
  });

  await step('Alice and Bob sign in through Keycloak', async () => {
    await Promise.all([signIn(alice, 'alice'), signIn(bob, 'bob')]);
  });

  await step(
    'two customers start chats; both agents see two orange tiles in creation order',
    async () => {
      case1 = await startInWidget(cust1, existing.email, existing.typedFirst, existing.typedLast);
      created.add(case1);
      case2 = await startInWidget(cust2, fresh.email, fresh.first, fresh.last);
      created.add(case2);
      for (const page of [alice, bob]) {
        await eventually(async () => {
          const ids = (await orangeTileIds(page)).filter((id) => created.has(id));
          assert.deepEqual(ids, [case1, case2]);
        });
        assert.equal(await tile(page, case1).textContent(), existing.initials);
        assert.equal(await tile(page, case2).textContent(), fresh.initials);
      }
      await shot(alice, '01-console-two-orange-tiles');
      await shot(cust1, '02-widget-chat-started');
    },
  );

  await step(
    'Alice claims: blue for her, gone for Bob, the customer is told; Bob’s stale claim is refused',
    async () => {
      await tile(bob, case1).click(); // Bob's popup is open: his view goes stale
      await bob.locator(tid('claim-popup')).waitFor();
      await tile(alice, case1).click();
      await alice.locator(tid('claim-button')).click();
      await eventually(async () => {
        assert.equal(await tile(alice, case1).getAttribute('data-color'), 'blue');
        assert.equal(await tile(alice, case1).getAttribute('data-solid'), 'true');
      });
      await eventually(async () => assert.equal(await tile(bob, case1).count(), 0));
      await cust1.getByText('You are now chatting with Alice Anderson').waitFor();
      await bob.locator(tid('claim-button')).click();
      await eventually(async () =>
        assert.equal(
          await bob.locator(tid('notice')).textContent(),
          'Already claimed by Alice Anderson',
        ),
      );
      await shot(bob, '03-console-bob-lost-claim');
      await shot(cust1, '04-widget-now-chatting-with-alice');
    },
  );

  await step(
    'a customer message while Alice is in another Case badges the tile; opening clears it',
    async () => {
      await tile(alice, case2).click();
      await alice.locator(tid('claim-button')).click();
      await eventually(async () =>
        assert.equal(await tile(alice, case2).getAttribute('data-color'), 'blue'),
      );
      await cust1.locator(tid('composer')).fill('Hello, where is my order?');
      await cust1.locator(tid('composer')).press('Enter');
      await eventually(async () =>
        assert.equal(await tile(alice, case1).getAttribute('data-badge'), 'true'),
      );
      assert.equal(await tile(alice, case1).getAttribute('data-solid'), 'false');
      await shot(alice, '05-console-badge');
      await tile(alice, case1).click();
      await eventually(async () => {
        assert.equal(await tile(alice, case1).getAttribute('data-badge'), 'false');
        assert.equal(await tile(alice, case1).getAttribute('data-solid'), 'true');
      });
    },
  );

  await step(
    'a typed email shows "Email not verified" (popup, Case panel, header) with the other open Cases; a signed-in one does not',
    async () => {
      const typedEmail = `e2e-${RUN}-typed@example.com`;
      const x1 = await startChat(typedEmail, 'Una', 'Verified');
      const x2 = await startChat(typedEmail, 'Una', 'Verified');
      assert.notEqual(x1.caseId, x2.caseId, 'a typed email never resumes a Case');
      created.add(x1.caseId);
      created.add(x2.caseId);
      const v = await startVerifiedChat(`e2e-${RUN}-signed@example.com`, 'Sid', 'Signed');
      created.add(v.caseId);

      await eventually(async () => assert.equal(await tile(bob, x1.caseId).count(), 1));
      await tile(bob, x1.caseId).click();
      await bob.locator(tid('claim-popup')).waitFor();
      assert.match(await bob.locator(tid('claim-unverified')).textContent(), /email not verified/);
      await shot(bob, '12-console-email-not-verified');
      await bob.locator(tid('leave-unassigned')).click();
      await bob.locator(tid('conversation-unverified')).waitFor({ state: 'visible' });
      await bob.locator(tid('case-email-unverified')).waitFor({ state: 'visible' });
      await eventually(async () =>
        assert.deepEqual(
          await bob
            .locator(tid('other-case'))
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id'))),
          [x2.caseId],
        ),
      );
      await shot(bob, '13-console-case-panel-not-verified');

      await eventually(async () => assert.equal(await tile(bob, v.caseId).count(), 1));
      await tile(bob, v.caseId).click();
      await bob.locator(tid('claim-popup')).waitFor();
      assert.equal(await bob.locator(tid('claim-unverified')).count(), 0);
      await bob.locator(tid('leave-unassigned')).click();
      await eventually(async () =>
        assert.equal(await bob.locator(tid('conversation-unverified')).isVisible(), false),
      );
    },
  );

  await step('mine gray, the customer blue; a Quick Reply fills its placeholders', async () => {
    await alice.locator(tid('composer')).fill('Let me check that for you.');
    await alice.locator(tid('composer')).press('Enter');
    const mine = alice.locator(`${tid('message')}[data-mine="true"]`).last();
    await mine.waitFor();
    const customer = alice.locator(`${tid('message')}[data-sender-type="CUSTOMER"]`).last();
    const bg = (l) => l.evaluate((e) => getComputedStyle(e).backgroundColor);
    const [grayBg, blueBg] = [await bg(mine), await bg(customer)];
    const rgb = (s) => s.match(/\d+/g).map(Number);
    const [r1, g1, b1] = rgb(grayBg);
    const [r2, , b2] = rgb(blueBg);
    assert.ok(Math.abs(r1 - b1) < 12 && Math.abs(g1 - b1) < 12, `mine is gray: ${grayBg}`);
    assert.ok(b2 > r2 + 20, `the customer's is blue: ${blueBg}`);

    const number = await tile(alice, case1).getAttribute('data-case-number');
    await alice.locator(tid('composer')).fill('/e2e-gr');
    await alice.locator(`${tid('quick-reply-option')}[data-shortcut="e2e-greet"]`).waitFor();
    await alice.locator(tid('composer')).press('Enter'); // picks
    assert.equal(
      await alice.locator(tid('composer')).inputValue(),
      `Hi Mei, I'm Alice Anderson (case ${number}).`,
    );
    await alice.locator(tid('composer')).press('Enter'); // sends
    await cust1.getByText(`Hi Mei, I'm Alice Anderson (case ${number}).`).waitFor();
  });

  await step('a file each way shows in both conversations and in the Files tab', async () => {
    await alice
      .locator(tid('file-input'))
      .setInputFiles({ name: 'from-alice.png', mimeType: 'image/png', buffer: PNG });
    await cust1
      .locator(tid('file-input'))
      .setInputFiles({ name: 'from-customer.png', mimeType: 'image/png', buffer: PNG });
    for (const page of [alice, cust1]) {
      for (const name of ['from-alice.png', 'from-customer.png']) {
        await page.locator(`${tid('message')}[data-kind="FILE"]`, { hasText: name }).waitFor();
      }
      await eventually(async () =>
        assert.ok((await page.locator(tid('file-preview')).count()) >= 2),
      );
    }
    await alice.locator(tid('files-tab')).click();
    await eventually(async () => {
      const rows = await alice.locator(tid('file-row')).allTextContents();
      assert.ok(
        rows.some((r) => r.includes('from-alice.png')) &&
          rows.some((r) => r.includes('from-customer.png')),
        rows.join(' | '),
      );
    });
    await shot(alice, '06-console-files');
    await shot(cust1, '07-widget-files');
  });

  await step('eight or more waiting Cases: seven tiles and "+N"', async () => {
    const visible = async () => {
      const more = alice.locator(tid('tiles-more'));
      const hidden = (await more.count()) > 0 ? Number(await more.getAttribute('data-more')) : 0;
      return (await alice.locator(tid('tile')).count()) + hidden;
    };
    // The earlier steps leave a few Cases open (the identity step starts several): top up to at
    // least eight, then the row shows seven and counts the rest.
    const now = await visible();
    const total = Math.max(8, now);
    for (let i = now; i < total; i++) {
      const c = await startChat(`e2e-${RUN}-wait${i}@example.com`, 'Wait', `Number${i}`);
      created.add(c.caseId);
    }
    await eventually(async () => {
      assert.equal(await alice.locator(tid('tile')).count(), 7);
      assert.equal(await alice.locator(tid('tiles-more')).textContent(), `+${total - 7}`);
    });
    await shot(alice, '08-console-seven-and-more');
  });

  await step(
    'Alice resolves: the tile leaves, the widget says the chat ended, a reload keeps the transcript',
    async () => {
      await tile(alice, case1).click();
      const before = await cust1.locator(tid('message')).count();
      await alice.locator(tid('resolve-button')).click();
      await eventually(async () => assert.equal(await tile(alice, case1).count(), 0));
      await cust1.locator(tid('chat-ended')).waitFor();
      assert.match(await cust1.locator(tid('chat-ended')).textContent(), /This chat has ended/);
      await cust1.reload();
      await cust1.locator(tid('chat-ended')).waitFor();
      await eventually(async () =>
        assert.ok((await cust1.locator(tid('message')).count()) >= before),
      );
      await cust1.locator(tid('new-chat')).waitFor();
      await shot(cust1, '09-widget-ended-after-reload');
    },
  );

  await step(
    'a message "<img src=x onerror=alert(1)>" shows literally and runs nothing',
    async () => {
      await cust2.locator(tid('composer')).fill(XSS);
      await cust2.locator(tid('composer')).press('Enter');
      await tile(alice, case2).click();
      const msg = alice.locator(tid('message'), { hasText: XSS });
      await msg.waitFor();
      assert.equal(await msg.locator('img').count(), 0);
      await cust2.locator(tid('message'), { hasText: XSS }).waitFor();
      assert.equal(
        await cust2.locator(`${tid('message')} img:not([data-testid="file-preview"])`).count(),
        0,
      );
      // Watermark: a later message is shown on both sides, so anything the XSS message could
      // have run when it was rendered (before it) has run; no dialog opened.
      const later = `after the XSS ${RUN}`;
      await cust2.locator(tid('composer')).fill(later);
      await cust2.locator(tid('composer')).press('Enter');
      await alice.locator(tid('message'), { hasText: later }).waitFor();
      await cust2.locator(tid('message'), { hasText: later }).waitFor();
      assert.deepEqual(dialogs, []);
      await shot(alice, '10-console-xss-literal');
      await shot(cust2, '11-widget-phone');
    },
  );
  await step('every WebSocket frame sent and received matched its JSON Schema', async () => {
    assert.ok(SCHEMAS, `no frame schemas at ${process.env.FRAME_SCHEMAS || DEFAULT_DIR}`);
    assert.ok(frames.count > 0, 'no WebSocket frames were seen');
    assert.deepEqual(frames.invalid, [], `${frames.invalid.length} of ${frames.count} frames`);
  });
} catch {
  // reported by step()
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

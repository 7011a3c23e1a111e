// Browser suite: the agent console, a day of real use (issue 15, console part): "+N" opens the
// Cases beyond the row, tiles' names and unread counts, the tab title, links in messages, a Quick
// Reply typo never sent, the URL and the draft survive a reload, "X took this chat" fades, focus
// after "Leave unassigned", resolve with undo, the Files tab's names, status words, 800 px.
// Shared helpers and the runner: ./lib.mjs. Other suites may share the platform: only this run's
// Cases (in `created`) are looked at.
import assert from 'node:assert/strict';
import {
  RUN,
  api,
  eventually,
  newPage,
  runSuite,
  shot,
  signIn,
  startChat,
  startInWidget,
  step,
  tid,
  tile,
  PNG,
  dialogs,
} from './lib.mjs';

const LINK = 'https://example.com/help?order=42';
const EVIL = 'javascript:alert(1)';

await runSuite(async ({ browser, created }) => {
  const alice = await newPage(browser, 'alice');
  const bob = await newPage(browser, 'bob');
  const cust = await newPage(browser, 'customer', { width: 390, height: 844 });
  const who = { email: `day-${RUN}@example.com`, first: 'Dana', last: `Day${RUN}` };
  let caseA = '';
  const waiting = [];

  await step('a Quick Reply exists (for the typo step)', async () => {
    const r = await api('admin', 'POST', '/api/quick-replies', {
      shortcut: 'day-shipping',
      title: 'Shipping times',
      body: 'Orders ship within two days, {{contact.firstName}}.',
    });
    assert.ok([200, 201, 409].includes(r.status), `quick reply: ${r.status}`);
  });

  await step('Alice and Bob sign in; with no Case open the console says what to do', async () => {
    await Promise.all([signIn(alice, 'alice'), signIn(bob, 'bob')]);
    const empty = alice.locator(tid('conversation-empty'));
    await empty.waitFor();
    assert.match(await empty.textContent(), /Pick a tile above to open a chat/);
    // Desktop notifications are offered, never asked for on their own.
    assert.equal(
      await alice.locator(tid('desktop-notifications')).textContent(),
      'Enable desktop notifications',
    );
    assert.equal(await alice.evaluate(() => Notification.permission), 'default');
    await shot(alice, '20-console-empty-state');
  });

  await step('a customer starts a chat and writes a link and a javascript: URL', async () => {
    caseA = await startInWidget(cust, who.email, who.first, who.last);
    created.add(caseA);
    await cust.locator(tid('composer')).fill(`Please see ${LINK} and ${EVIL} thanks`);
    await cust.locator(tid('composer')).press('Enter');
    await eventually(async () => assert.equal(await tile(alice, caseA).count(), 1));
  });

  await step(
    'a tile names the Case: full name, waiting time, last message (title and aria-label)',
    async () => {
      await eventually(async () => {
        const label = await tile(alice, caseA).getAttribute('aria-label');
        assert.match(label, new RegExp(`^Dana Day${RUN}, waiting (just now|\\d+ min)`));
        assert.match(label, /unassigned/);
        assert.match(label, /last message: Please see https:\/\/example\.com/);
        assert.equal(await tile(alice, caseA).getAttribute('title'), label);
      });
      assert.equal(await tile(alice, caseA).textContent(), 'DD');
      // The orange initials meet WCAG AA on white.
      const color = await tile(alice, caseA).evaluate((e) => getComputedStyle(e).color);
      assert.equal(color, 'rgb(180, 83, 9)');
      await tile(alice, caseA).hover();
      await shot(alice, '21-console-tile-name');
    },
  );

  await step('Alice claims; the link is a safe <a>, the javascript: URL stays text', async () => {
    await tile(alice, caseA).click();
    await alice.locator(tid('claim-button')).click();
    await eventually(async () =>
      assert.equal(await tile(alice, caseA).getAttribute('data-color'), 'blue'),
    );
    const msg = alice.locator(tid('message'), { hasText: LINK });
    await msg.waitFor();
    const a = msg.locator('a');
    assert.equal(await a.count(), 1);
    assert.equal(await a.getAttribute('href'), LINK);
    assert.equal(await a.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await a.getAttribute('target'), '_blank');
    assert.equal(await msg.locator('a[href^="javascript"]').count(), 0);
    assert.match(await msg.textContent(), /javascript:alert\(1\) thanks/);
    // Status words, not NEW / READY.
    assert.match(await alice.locator(tid('conversation-status')).textContent(), / · Open · /);
    assert.equal(await alice.locator(tid('case-status')).textContent(), 'Open');
    await shot(alice, '22-console-safe-link');
  });

  await step('a Quick Reply typo + Enter sends nothing and keeps the text', async () => {
    const composer = alice.locator(tid('composer'));
    await composer.fill('/day-shpi');
    await alice.locator(tid('quick-reply-empty')).waitFor();
    assert.equal(
      await alice.locator(tid('quick-reply-empty')).textContent(),
      'No Quick Reply matches',
    );
    await composer.press('Enter');
    assert.equal(await composer.inputValue(), '/day-shpi');
    await shot(alice, '23-console-quick-reply-typo-kept');
    // Watermark: a later message reaches the customer, and the typo never did before it.
    await composer.press('Escape');
    const mark = `after the typo ${RUN}`;
    await composer.fill(mark);
    await composer.press('Enter');
    await cust.locator(tid('message'), { hasText: mark }).waitFor();
    assert.equal(await cust.locator(tid('message'), { hasText: '/day-shpi' }).count(), 0);
  });

  await step(
    'unread messages: the badge counts them, the tab title and favicon show (n)',
    async () => {
      // Alice reads another chat (unassigned) while the customer writes twice.
      const other = await startChat(`day-${RUN}-b@example.com`, 'Bea', `Other${RUN}`);
      created.add(other.caseId);
      waiting.push(other.caseId);
      await eventually(async () => assert.equal(await tile(alice, other.caseId).count(), 1));
      await tile(alice, other.caseId).click();
      await alice.locator(tid('leave-unassigned')).click();
      // Focus goes to the conversation, never to <body>.
      await eventually(async () =>
        assert.equal(
          await alice.evaluate(() => document.activeElement?.getAttribute('data-testid')),
          'conversation-title',
        ),
      );
      for (const text of ['Are you there?', 'Hello?']) {
        await cust.locator(tid('composer')).fill(text);
        await cust.locator(tid('composer')).press('Enter');
        await cust.locator(tid('message'), { hasText: text }).waitFor();
      }
      await eventually(async () => {
        assert.equal(await tile(alice, caseA).getAttribute('data-badge'), 'true');
        assert.equal(
          await tile(alice, caseA).locator(tid('tile-badge')).getAttribute('data-count'),
          '2',
        );
        assert.match(await alice.title(), /^\(\d+\) CX Manager · Chat Cases$/);
        assert.ok(Number(/^\((\d+)\)/.exec(await alice.title())[1]) >= 2);
      });
      const icon = await alice.locator('link[rel="icon"]').getAttribute('href');
      assert.match(icon, /^data:image\/svg\+xml,/);
      assert.match(
        await tile(alice, caseA).getAttribute('aria-label'),
        /2 unread, last message: Hello\?/,
      );
      await shot(alice, '24-console-unread-count-title');
    },
  );

  await step(
    'reading an unassigned chat that Bob claims: "Bob Baker took this chat", it fades',
    async () => {
      const other = waiting[0];
      assert.equal(await alice.locator(tid('conversation')).getAttribute('data-case-id'), other);
      const r = await api('bob', 'POST', `/api/cases/${other}/claim`);
      assert.equal(r.status, 200);
      const notice = alice.locator(tid('notice'));
      await eventually(async () =>
        assert.equal(await notice.textContent(), 'Bob Baker took this chat'),
      );
      assert.equal(await notice.isVisible(), true);
      await shot(alice, '25-console-took-this-chat');
      await eventually(async () => assert.equal(await notice.isVisible(), false), 10_000);
      await api('bob', 'POST', `/api/cases/${other}/resolve`);
    },
  );

  await step(
    'the Case has a URL; a reload reopens it with its draft; back and forward work',
    async () => {
      await tile(alice, caseA).click();
      await eventually(async () => assert.equal(new URL(alice.url()).hash, `#/cases/${caseA}`));
      await alice.locator(tid('composer')).fill(`A draft for later ${RUN}`);
      await alice.reload();
      await alice.waitForSelector(`${tid('connection-status')}[data-state="connected"]`);
      await eventually(async () => {
        assert.equal(await alice.locator(tid('conversation')).getAttribute('data-case-id'), caseA);
        assert.equal(await alice.locator(tid('composer')).inputValue(), `A draft for later ${RUN}`);
      });
      await shot(alice, '26-console-reload-keeps-case-and-draft');
      // Another chat, then back and forward.
      const third = await startChat(`day-${RUN}-c@example.com`, 'Cid', `Third${RUN}`);
      created.add(third.caseId);
      await eventually(async () => assert.equal(await tile(alice, third.caseId).count(), 1));
      await tile(alice, third.caseId).click();
      await alice.locator(tid('leave-unassigned')).click();
      await eventually(async () =>
        assert.equal(new URL(alice.url()).hash, `#/cases/${third.caseId}`),
      );
      await alice.goBack();
      await eventually(async () =>
        assert.equal(await alice.locator(tid('conversation')).getAttribute('data-case-id'), caseA),
      );
      assert.equal(await alice.locator(tid('composer')).inputValue(), `A draft for later ${RUN}`);
      await alice.goForward();
      await eventually(async () =>
        assert.equal(
          await alice.locator(tid('conversation')).getAttribute('data-case-id'),
          third.caseId,
        ),
      );
      await tile(alice, caseA).click();
    },
  );

  await step('the Files tab names the customer by the Contact’s name', async () => {
    await cust
      .locator(tid('file-input'))
      .setInputFiles({ name: 'day-receipt.png', mimeType: 'image/png', buffer: PNG });
    await alice
      .locator(`${tid('message')}[data-kind="FILE"]`, { hasText: 'day-receipt.png' })
      .waitFor();
    await alice.locator(tid('files-tab')).click();
    await eventually(async () => {
      const rows = await alice.locator(tid('file-row')).allTextContents();
      const row = rows.find((r) => r.includes('day-receipt.png'));
      assert.ok(row, rows.join(' | '));
      assert.match(row, new RegExp(`Dana Day${RUN}`));
      assert.doesNotMatch(row, /· Customer ·/);
    });
    await shot(alice, '27-console-files-contact-name');
    await alice.locator(tid('details-tab')).click();
  });

  await step('the console at 800 x 700: nothing cut off, the email on one line', async () => {
    await alice.setViewportSize({ width: 800, height: 700 });
    await eventually(async () => {
      const wide = await alice.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 800, `page is ${wide}px wide`);
    });
    const email = alice.locator(tid('case-contact-email'));
    assert.equal(await email.getAttribute('title'), who.email);
    assert.equal(await email.evaluate((e) => getComputedStyle(e).whiteSpace), 'nowrap');
    assert.equal(await alice.locator(tid('composer')).isVisible(), true);
    assert.equal(await alice.locator(tid('resolve-button')).isVisible(), true);
    // Usable: the conversation keeps room to read, beside the Case panel.
    const list = await alice.locator(tid('message-list')).boundingBox();
    assert.ok(list && list.height >= 300 && list.width >= 400, JSON.stringify(list));
    assert.equal(await alice.locator(tid('case-panel')).isVisible(), true);
    await shot(alice, '28-console-800x700');
    await alice.setViewportSize({ width: 1280, height: 800 });
  });

  await step(
    'Resolve offers undo for 5 s: Undo keeps the chat, otherwise it resolves',
    async () => {
      const resolves = [];
      alice.on('request', (r) => {
        if (r.method() === 'POST' && r.url().endsWith(`/api/cases/${caseA}/resolve`)) {
          resolves.push(Date.now());
        }
      });
      await alice.locator(tid('resolve-button')).click();
      const pending = alice.locator(tid('resolve-pending'));
      await eventually(async () =>
        assert.match(await pending.textContent(), /^Resolving in \d s$/),
      );
      await shot(alice, '29-console-resolve-undo');
      await alice.locator(tid('resolve-undo')).click();
      assert.equal(await alice.locator(tid('resolve-button')).isVisible(), true);
      assert.equal(await pending.isVisible(), false);
      assert.equal(await tile(alice, caseA).getAttribute('data-color'), 'blue');
      assert.deepEqual(resolves, [], 'nothing sent within the undo window');
      // Resolve again and let the window pass: the request goes only after about 5 s.
      const clicked = Date.now();
      await alice.locator(tid('resolve-button')).click();
      await eventually(async () => assert.equal(await tile(alice, caseA).count(), 0), 20_000);
      assert.equal(resolves.length, 1, 'one resolve, the undone one never went');
      assert.ok(resolves[0] - clicked >= 4500, `sent after ${resolves[0] - clicked} ms`);
      await cust.locator(tid('chat-ended')).waitFor();
    },
  );

  // Needs case-service with GET /tiles?offset=&limit= (this branch): the running platform before
  // the lead's restart answers the row again, and the list then says "Could not load the list."
  await step(
    'nine waiting Cases: "+N" opens the list, the ninth opens its claim popup (new case-service)',
    async () => {
      const nine = [];
      for (let i = 1; i <= 9; i++) {
        const c = await startChat(`day-${RUN}-n${i}@example.com`, 'Nine', `N${i}x${RUN}`);
        created.add(c.caseId);
        nine.push(c.caseId);
      }
      const more = alice.locator(tid('tiles-more'));
      await eventually(async () => assert.ok(Number(await more.getAttribute('data-more')) >= 2));
      assert.equal(await more.evaluate((e) => e.tagName), 'BUTTON');
      // Keyboard: Enter opens, Escape closes and gives focus back to "+N".
      await more.focus();
      await alice.keyboard.press('Enter');
      const list = alice.locator(tid('overflow'));
      await list.waitFor();
      assert.equal(await more.getAttribute('aria-expanded'), 'true');
      const ninth = alice.locator(`${tid('overflow-item')}[data-case-id="${nine[8]}"]`);
      await eventually(async () => {
        assert.notEqual(
          await alice.locator(tid('overflow-status')).textContent(),
          'Could not load the list.',
          'GET /api/tiles?offset= is not served: restart case-service with this branch',
        );
        // Page on until the ninth is listed (other suites' Cases may come first).
        if (
          (await ninth.count()) === 0 &&
          (await alice.locator(tid('overflow-more')).count()) > 0
        ) {
          await alice.locator(tid('overflow-more')).click();
        }
        assert.equal(await ninth.count(), 1);
      }, 30_000);
      const label = await ninth.getAttribute('aria-label');
      assert.match(label, new RegExp(`^Nine N9x${RUN}, waiting`));
      assert.match(await ninth.textContent(), /Waiting · unassigned/);
      await shot(alice, '30-console-more-list');
      await alice.keyboard.press('Escape');
      await eventually(async () => assert.equal(await list.isVisible(), false));
      assert.equal(
        await alice.evaluate(() => document.activeElement?.getAttribute('data-testid')),
        'tiles-more',
      );
      // Pick the ninth: as a tile click, the claim popup.
      await more.click();
      await ninth.click();
      const popup = alice.locator(tid('claim-popup'));
      await popup.waitFor();
      assert.equal(await popup.getAttribute('data-case-id'), nine[8]);
      await shot(alice, '31-console-more-ninth-claim-popup');
      await alice.locator(tid('leave-unassigned')).click();
      await eventually(async () =>
        assert.equal(
          await alice.locator(tid('conversation')).getAttribute('data-case-id'),
          nine[8],
        ),
      );
      // The list is live: Bob claims the ninth, it leaves Alice's list.
      await more.click();
      await api('bob', 'POST', `/api/cases/${nine[8]}/claim`);
      await eventually(async () => assert.equal(await ninth.count(), 0));
      await api('bob', 'POST', `/api/cases/${nine[8]}/resolve`);
      assert.deepEqual(dialogs, []);
    },
  );
});

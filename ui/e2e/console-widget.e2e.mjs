// Browser suite: the agent console and the widget, a day's first chats (tiles, claims, badges,
// identity, Quick Replies, files, "+N", resolve, XSS). Shared helpers and the runner: ./lib.mjs.
import assert from 'node:assert/strict';
import {
  RUN,
  api,
  eventually,
  newPage,
  orangeTileIds,
  runSuite,
  shot,
  signIn,
  startChat,
  startInWidget,
  startVerifiedChat,
  step,
  tid,
  tile,
  PNG,
  dialogs,
} from './lib.mjs';

const XSS = '<img src=x onerror=alert(1)>';

await runSuite(async ({ browser, created }) => {
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
});

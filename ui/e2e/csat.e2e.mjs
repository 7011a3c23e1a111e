// Browser suite: Quick Replies management and the satisfaction rating (issue 18, items 7 and 8a).
// An admin creates, edits and deletes a Quick Reply with the live preview; an agent without the
// admin role has no entry (and the server refuses their write); a customer rates a resolved chat
// in the widget and the rating appears, live, in the agent's Case panel.
// Shared helpers and the runner: ./lib.mjs.
import assert from 'node:assert/strict';
import {
  GATEWAY,
  RUN,
  api,
  eventually,
  newPage,
  runSuite,
  shot,
  signIn,
  startInWidget,
  step,
  tid,
  tile,
} from './lib.mjs';

const SHORTCUT = `csat${RUN}`;

/** The Quick Reply with this run's shortcut, as the server holds it (null when none). */
async function stored() {
  const r = await api('alice', 'GET', `/api/quick-replies?q=${SHORTCUT}`);
  assert.equal(r.status, 200);
  return r.body.find((q) => q.shortcut === SHORTCUT) ?? null;
}

await runSuite(async ({ browser, created }) => {
  const admin = await newPage(browser, 'admin');
  const alice = await newPage(browser, 'alice');
  const cust = await newPage(browser, 'customer', { width: 390, height: 844 });

  await step('An admin creates a Quick Reply, the preview filling placeholders live', async () => {
    await signIn(admin, 'admin');
    await admin.locator(tid('quick-replies-admin')).click();
    await admin.locator(tid('qr-admin')).waitFor();
    await admin.locator(tid('qr-admin-shortcut')).fill(SHORTCUT);
    await admin.locator(tid('qr-admin-title')).fill('Rating thanks');
    // Typed key by key: the preview follows every keystroke.
    await admin
      .locator(tid('qr-admin-body'))
      .pressSequentially(
        'Thanks {{contact.firstName}}, {{agent.firstName}} here (#{{case.number}}).',
      );
    await eventually(async () =>
      assert.equal(
        await admin.locator(tid('qr-admin-preview')).textContent(),
        'Thanks Sam, Ada here (#1042).',
      ),
    );
    await shot(admin, 'csat-01-console-quick-reply-preview');
    await admin.locator(tid('qr-admin-save')).click();
    await admin.locator(`${tid('qr-admin-row')}[data-shortcut="${SHORTCUT}"]`).waitFor();
    const qr = await stored();
    assert.equal(qr?.title, 'Rating thanks');
    assert.equal(
      qr?.body,
      'Thanks {{contact.firstName}}, {{agent.firstName}} here (#{{case.number}}).',
    );
  });

  await step("A bad placeholder is refused in the server's words, under the text", async () => {
    await admin
      .locator(`${tid('qr-admin-row')}[data-shortcut="${SHORTCUT}"] ${tid('qr-admin-edit')}`)
      .click();
    await admin.locator(tid('qr-admin-body')).fill('Hi {{contact.email}}');
    await admin.locator(tid('qr-admin-save')).click();
    await eventually(async () =>
      assert.match(
        (await admin.locator(tid('qr-admin-error-body')).textContent()) ?? '',
        /unknown placeholder \{\{contact\.email\}\}/,
      ),
    );
    await shot(admin, 'csat-02-console-quick-reply-server-words');
    assert.equal((await stored())?.body.startsWith('Thanks'), true, 'nothing was saved');
  });

  await step('The admin edits it (title and text) and deletes it with a second click', async () => {
    await admin.locator(tid('qr-admin-title')).fill('Rating thanks (short)');
    await admin.locator(tid('qr-admin-body')).fill('Thanks {{contact.firstName}}!');
    assert.equal(await admin.locator(tid('qr-admin-preview')).textContent(), 'Thanks Sam!');
    await admin.locator(tid('qr-admin-save')).click();
    await eventually(async () => assert.equal((await stored())?.title, 'Rating thanks (short)'));
    assert.equal((await stored())?.body, 'Thanks {{contact.firstName}}!');
    const del = admin.locator(
      `${tid('qr-admin-row')}[data-shortcut="${SHORTCUT}"] ${tid('qr-admin-delete')}`,
    );
    await del.click();
    assert.equal(await del.textContent(), 'Confirm delete');
    assert.notEqual(await stored(), null, 'one click deletes nothing');
    await shot(admin, 'csat-03-console-quick-reply-confirm-delete');
    await del.click();
    await eventually(async () =>
      assert.equal(
        await admin.locator(`${tid('qr-admin-row')}[data-shortcut="${SHORTCUT}"]`).count(),
        0,
      ),
    );
    assert.equal(await stored(), null);
    await admin.locator(tid('qr-admin-close')).click();
  });

  await step(
    'An agent without the admin role has no entry, and the server refuses them',
    async () => {
      await signIn(alice, 'alice');
      assert.equal(await alice.locator(tid('quick-replies-admin')).count(), 0);
      const r = await api('alice', 'POST', '/api/quick-replies', {
        shortcut: `${SHORTCUT}x`,
        title: 'Not mine to make',
        body: 'Hi',
      });
      assert.equal(r.status, 403);
      assert.equal(r.body.code, 'FORBIDDEN');
      await shot(alice, 'csat-04-console-agent-no-quick-replies-entry');
    },
  );

  let caseId = '';
  await step('Alice resolves a chat; the widget asks the customer for a rating', async () => {
    caseId = await startInWidget(cust, `csat-${RUN}@example.com`, 'Rita', `Rater${RUN}`);
    created.add(caseId);
    await eventually(async () => assert.equal(await tile(alice, caseId).count(), 1));
    await tile(alice, caseId).click();
    await alice.locator(tid('claim-button')).click();
    await alice.locator(tid('composer')).fill('Glad I could help!');
    await alice.locator(tid('composer')).press('Enter');
    await cust.getByText('Glad I could help!').waitFor();
    assert.equal(await cust.locator(tid('rating')).isVisible(), false, 'not while open');
    await alice.locator(tid('resolve-button')).click();
    // The resolve is sent after its undo window.
    await cust.locator(tid('rating-star-1')).waitFor({ timeout: 20_000 });
    await shot(cust, 'csat-05-widget-rating-prompt');
  });

  await step('The customer gives 4 stars and a comment; only once', async () => {
    await cust.locator(tid('rating-star-4')).click();
    await cust.locator(tid('rating-comment')).fill('Quick and kind, thank you.');
    await cust.locator(tid('rating-send')).click();
    await eventually(async () =>
      assert.equal(
        await cust.locator(tid('rating-thanks')).textContent(),
        'Thanks for your rating: 4 of 5 (Good).',
      ),
    );
    await shot(cust, 'csat-06-widget-rating-thanks');
    // A second rating with the same customer token: 409, the first one stays.
    const chat = await cust.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('chatcases.widget:'));
      return key ? JSON.parse(localStorage.getItem(key)).chat : null;
    });
    const again = await fetch(`${GATEWAY}/api/chats/${caseId}/rating`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${chat.customerToken}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ score: 1 }),
    });
    assert.equal(again.status, 409);
    // A reload shows the thanks, not the question.
    await cust.reload();
    await cust.locator(tid('rating-thanks')).waitFor({ state: 'attached' });
    assert.match((await cust.locator(tid('rating-thanks')).textContent()) ?? '', /4 of 5/);
    assert.equal(await cust.locator(tid('rating-star-1')).count(), 0);
  });

  await step("The rating appears live in the agent's Case panel", async () => {
    await eventually(async () =>
      assert.equal(await alice.locator(tid('case-rating-score')).textContent(), '★★★★☆ 4 of 5'),
    );
    assert.equal(
      await alice.locator(tid('case-rating-comment')).textContent(),
      'Quick and kind, thank you.',
    );
    const view = await api('alice', 'GET', `/api/cases/${caseId}`);
    assert.equal(view.body.rating.score, 4);
    await shot(alice, 'csat-07-console-case-panel-rating');
  });
});

// Browser suite: the conversations view and the customer's history (issue 18, items 1 and 2).
// Bob's past chat with a customer is found by a word from it; when the same customer writes again,
// Alice sees that past chat in the Case panel and reads it read-only, then finds the new chat by
// its number in the list and opens it as a tile would. Shared helpers and the runner: ./lib.mjs.
import assert from 'node:assert/strict';
import {
  RUN,
  api,
  clearWaiting,
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
} from './lib.mjs';

await runSuite(async ({ browser, created }) => {
  const alice = await newPage(browser, 'alice');
  const bob = await newPage(browser, 'bob');
  const cust = await newPage(browser, 'customer', { width: 390, height: 844 });
  const email = `history-${RUN}@example.com`;
  const word = `zq${RUN}`;
  let past = '';
  let again = { caseId: '', number: 0 };

  await step("Bob's chat with a customer: a message, then resolved", async () => {
    await clearWaiting();
    past = await startInWidget(cust, email, 'Hilda', `History${RUN}`);
    created.add(past);
    const claimed = await api('bob', 'POST', `/api/cases/${past}/claim`);
    assert.equal(claimed.status, 200, JSON.stringify(claimed.body));
    await cust.locator(tid('composer')).fill(`My parcel ${word} never came`);
    await cust.locator(tid('composer')).press('Enter');
    await eventually(async () => {
      const r = await api('bob', 'GET', `/api/cases/${past}/messages`);
      assert.ok(
        r.body.some((m) => m.text?.includes(word)),
        'stored',
      );
    });
    const resolved = await api('bob', 'POST', `/api/cases/${past}/resolve`);
    assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
  });

  await step('Bob finds it in Conversations > Resolved by a word of the message', async () => {
    await signIn(bob, 'bob');
    await bob.locator(tid('conversations-toggle')).click();
    await bob.locator(tid('conversations')).waitFor();
    await bob.locator(tid('convlist-view-resolved')).click();
    await bob.locator(tid('convlist-search')).fill(word);
    const row = bob.locator(`${tid('convlist-row')}[data-case-id="${past}"]`);
    await eventually(async () =>
      assert.deepEqual(
        await bob
          .locator(tid('convlist-row'))
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id'))),
        [past],
      ),
    );
    assert.match(await row.locator(tid('convlist-match')).textContent(), new RegExp(word));
    assert.match(await row.textContent(), /Resolved/);
    await shot(bob, '60-console-conversations-search');
    await row.click();
    await bob.locator(tid('conversations')).waitFor({ state: 'hidden' });
    await bob.locator(tid('message-list')).getByText(`My parcel ${word} never came`).waitFor();
    await shot(bob, '61-console-opened-from-the-list');
  });

  await step('the customer writes again: Alice sees the past chat in the Case panel', async () => {
    again = await startChat(email, 'Hilda', `History${RUN}`);
    created.add(again.caseId);
    await signIn(alice, 'alice');
    await eventually(async () => assert.equal(await tile(alice, again.caseId).count(), 1));
    await tile(alice, again.caseId).click();
    await alice.locator(tid('claim-popup')).waitFor();
    await alice.locator(tid('leave-unassigned')).click();
    const other = alice.locator(`${tid('other-case')}[data-case-id="${past}"]`);
    await other.waitFor();
    assert.equal(await other.getAttribute('data-status'), 'RESOLVED');
    await shot(alice, '62-console-contact-history');
  });

  await step("Alice reads Bob's past chat read-only: no composer, Close returns", async () => {
    await alice.locator(`${tid('other-case')}[data-case-id="${past}"]`).click();
    const dialog = alice.locator(tid('history-dialog'));
    await dialog.waitFor();
    await dialog.getByText(`My parcel ${word} never came`).waitFor();
    assert.match(
      await dialog.locator(tid('history-facts')).textContent(),
      /Read-only · Resolved · Bob Baker/,
    );
    assert.equal(await dialog.locator('textarea').count(), 0);
    // Outside the history, the past chat stays Bob's: the Case itself is still refused to her.
    const direct = await api('alice', 'GET', `/api/cases/${past}/messages`);
    assert.equal(direct.status, 403);
    await shot(alice, '63-console-history-read-only');
    await alice.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  await step('Alice finds the new chat by its #number and opens it as a tile does', async () => {
    // Nothing open first (the URL's way back to the empty console).
    await alice.evaluate(() => {
      location.hash = '#/';
    });
    await eventually(async () =>
      assert.equal(await tile(alice, again.caseId).getAttribute('data-solid'), 'false'),
    );
    await alice.locator(tid('conversations-toggle')).click();
    await alice.locator(tid('convlist-view-waiting')).click();
    await alice.locator(tid('convlist-search')).fill(`#${again.number}`);
    await eventually(async () =>
      assert.deepEqual(
        await alice
          .locator(tid('convlist-row'))
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id'))),
        [again.caseId],
      ),
    );
    await shot(alice, '64-console-conversations-by-number');
    await alice.locator(`${tid('convlist-row')}[data-case-id="${again.caseId}"]`).click();
    await alice.locator(tid('conversation-claim')).waitFor();
    await eventually(async () =>
      assert.equal(await tile(alice, again.caseId).getAttribute('data-solid'), 'true'),
    );
  });
});

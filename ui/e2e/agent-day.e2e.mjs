// Browser suite: what agents expect in a day's work (issue 18). Transfer: the owner hands a chat
// to another agent, who gets it as a blue tile while it leaves the owner's row, and the customer
// is told the new owner's name; "Return to queue" makes it orange for everyone again.
// Shared helpers and the runner: ./lib.mjs.
import assert from 'node:assert/strict';
import {
  RUN,
  claimFromTile,
  clearWaiting,
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

await runSuite(async ({ browser, created }) => {
  const alice = await newPage(browser, 'alice');
  const bob = await newPage(browser, 'bob');
  const cust = await newPage(browser, 'customer', { width: 390, height: 844 });
  let caseId = '';

  await step('Alice and Bob sign in; a customer starts a chat and Alice claims it', async () => {
    await clearWaiting();
    await Promise.all([signIn(alice, 'alice'), signIn(bob, 'bob')]);
    caseId = await startInWidget(cust, `agent-day-${RUN}@example.com`, 'Tara', `Transfer${RUN}`);
    created.add(caseId);
    await claimFromTile(alice, caseId);
    await eventually(async () => assert.equal(await tile(bob, caseId).count(), 0));
  });

  await step('Transfer lists Bob; picking him hands the chat over on every screen', async () => {
    await alice.locator(tid('transfer-button')).click();
    const entry = alice.locator(`${tid('transfer-agent')}`, { hasText: 'Bob Baker' });
    await entry.waitFor();
    const names = await alice.locator(tid('transfer-agent')).allTextContents();
    assert.ok(!names.includes('Alice Anderson'), `never myself: ${names.join(', ')}`);
    await shot(alice, '40-console-transfer-menu');
    await entry.click();
    await eventually(async () => assert.equal(await tile(alice, caseId).count(), 0));
    assert.equal(await alice.locator(tid('notice')).textContent(), 'Handed to Bob Baker');
    await eventually(async () =>
      assert.equal(await tile(bob, caseId).getAttribute('data-color'), 'blue'),
    );
    await cust.getByText('You are now chatting with Bob Baker').waitFor();
    await shot(bob, '41-console-transferred-to-bob');
    await shot(cust, '42-widget-now-chatting-with-bob');
  });

  await step('Bob writes; then "Return to queue" makes it orange for both agents', async () => {
    await tile(bob, caseId).click();
    await bob.locator(tid('composer')).fill('Hi, Bob here: I will take it from here.');
    await bob.locator(tid('composer')).press('Enter');
    await cust.getByText('Bob here').waitFor();
    await bob.locator(tid('transfer-button')).click();
    await bob.locator(tid('unassign-button')).click();
    for (const page of [alice, bob]) {
      await eventually(async () =>
        assert.equal(await tile(page, caseId).getAttribute('data-color'), 'orange'),
      );
    }
    await cust.getByText('Your chat is waiting for the next available agent.').waitFor();
    // Reading a waiting Case: no Transfer, only Claim.
    await tile(alice, caseId).click();
    await alice.locator(tid('claim-popup')).waitFor();
    await alice.locator(tid('leave-unassigned')).click();
    await eventually(async () =>
      assert.equal(await alice.locator(tid('transfer-button')).isVisible(), false),
    );
    await shot(alice, '43-console-back-in-the-queue');
  });
});

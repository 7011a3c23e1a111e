// Browser suite: private notes (issue 18 item 4). Alice writes a note and a message on her Case:
// the console shows the note apart (pale yellow, "Private note · Alice Anderson"), the widget only
// the message. After a transfer, Bob reads the note in the conversation too.
// Shared helpers and the runner: ./lib.mjs.
import assert from 'node:assert/strict';
import {
  claimFromTile,
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

const NOTE = `Refund approved by finance; customer is a VIP (${RUN})`;
const MESSAGE = 'Hi Tara, your refund is on its way.';

/** Claims and resolves every waiting Case, so this run's tile is in the row of seven. */
async function clearWaiting() {
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

/** The note's bubble in a console: kind NOTE, its label read out before its text. */
async function assertNoteShown(page) {
  const note = page.locator(`${tid('message')}[data-kind="NOTE"]`, { hasText: NOTE });
  await note.waitFor();
  assert.equal(
    await note.locator(tid('note-label')).textContent(),
    'Private note · Alice Anderson',
  );
  assert.match(await note.getAttribute('class'), /msg--note/);
  const bg = await note.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(bg, 'rgb(255, 245, 194)', 'pale yellow');
}

await runSuite(async ({ browser, created }) => {
  const alice = await newPage(browser, 'alice');
  const bob = await newPage(browser, 'bob');
  const cust = await newPage(browser, 'customer', { width: 390, height: 844 });
  let caseId = '';

  await step('Alice and Bob sign in; a customer starts a chat and Alice claims it', async () => {
    await clearWaiting();
    await Promise.all([signIn(alice, 'alice'), signIn(bob, 'bob')]);
    caseId = await startInWidget(cust, `notes-${RUN}@example.com`, 'Tara', `Notes${RUN}`);
    created.add(caseId);
    await claimFromTile(alice, caseId);
  });

  await step('Alice writes a private note, then a message: the note is styled apart', async () => {
    const toggle = alice.locator(tid('note-toggle'));
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await alice.locator(tid('send')).textContent(), 'Add note');
    await alice.locator(tid('composer')).fill(NOTE);
    await shot(alice, 'notes-1-console-note-composer');
    await alice.locator(tid('composer')).press('Enter');
    await assertNoteShown(alice);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await alice.locator(tid('composer')).fill(MESSAGE);
    await alice.locator(tid('composer')).press('Enter');
    await alice.locator(`${tid('message')}[data-kind="TEXT"]`, { hasText: MESSAGE }).waitFor();
    await shot(alice, 'notes-2-console-note-and-message');
  });

  await step('The widget shows the message and never the note, also after a reload', async () => {
    await cust.getByText(MESSAGE).waitFor();
    assert.equal(await cust.getByText(NOTE).count(), 0);
    assert.equal(await cust.locator(`${tid('message')}[data-kind="NOTE"]`).count(), 0);
    await shot(cust, 'notes-3-widget-message-only');
    await cust.reload();
    await cust.getByText(MESSAGE).waitFor();
    assert.equal(await cust.getByText(NOTE).count(), 0);
  });

  await step('After a transfer Bob reads the note in the conversation, styled apart', async () => {
    await alice.locator(tid('transfer-button')).click();
    await alice.locator(tid('transfer-agent'), { hasText: 'Bob Baker' }).click();
    await eventually(async () =>
      assert.equal(await tile(bob, caseId).getAttribute('data-color'), 'blue'),
    );
    await tile(bob, caseId).click();
    await assertNoteShown(bob);
    await shot(bob, 'notes-4-console-bob-reads-the-note');
    await cust.getByText('You are now chatting with Bob Baker').waitFor();
    assert.equal(await cust.getByText(NOTE).count(), 0);
  });
});

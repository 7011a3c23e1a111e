// Browser suite: chat transcripts (issue 18, item 8). The customer downloads the transcript from
// the widget while chatting and after the chat ended; on close the transcript is kept as a file
// that the console's Files tab lists. Shared helpers and the runner: ./lib.mjs.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
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

/** Clicks the widget's "Download transcript" and returns the saved file's name and text. */
async function downloadTranscript(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(tid('transcript-download')).click(),
  ]);
  return {
    name: download.suggestedFilename(),
    text: await readFile(await download.path(), 'utf8'),
  };
}

await runSuite(async ({ browser, created }) => {
  const alice = await newPage(browser, 'alice');
  const cust = await newPage(browser, 'customer', { width: 390, height: 844 });
  const last = `Transcript${RUN}`;
  let caseId = '';
  let number = 0;

  await step('a customer chats with Alice', async () => {
    await signIn(alice, 'alice');
    caseId = await startInWidget(cust, `transcript-${RUN}@example.com`, 'Tess', last);
    created.add(caseId);
    number = (await api('alice', 'GET', `/api/cases/${caseId}`)).body.number;
    await eventually(async () => assert.equal(await tile(alice, caseId).count(), 1));
    await tile(alice, caseId).click();
    await alice.locator(tid('claim-button')).click();
    await cust.getByText('You are now chatting with Alice Anderson').first().waitFor();
    await cust.locator(tid('composer')).fill('My order never arrived.');
    await cust.locator(tid('composer')).press('Enter');
    await alice.locator(tid('message'), { hasText: 'My order never arrived.' }).first().waitFor();
    await alice.locator(tid('composer')).fill('Sorry! A new one ships today.');
    await alice.locator(tid('composer')).press('Enter');
    await cust.locator(tid('message'), { hasText: 'A new one ships today.' }).first().waitFor();
  });

  await step('"Download transcript" in the widget saves the conversation as text', async () => {
    await cust.locator(tid('transcript-download')).waitFor();
    await shot(cust, '60-widget-transcript-link');
    const { name, text } = await downloadTranscript(cust);
    assert.equal(name, `chat-${number}.txt`);
    assert.ok(text.startsWith(`Chat Cases transcript: Case ${number}\n`), text);
    const asked = text.indexOf(`] Tess ${last}:\n    My order never arrived.\n`);
    const answered = text.indexOf('] Alice Anderson:\n    Sorry! A new one ships today.\n');
    assert.ok(asked > 0 && answered > asked, text);
    assert.match(text, /the chat is still open/);
  });

  await step('after the chat ended the link is still there, and the close is written', async () => {
    assert.equal((await api('alice', 'POST', `/api/cases/${caseId}/resolve`)).status, 200);
    assert.equal((await api('admin', 'POST', `/api/cases/${caseId}/close`)).status, 200);
    await cust.locator(tid('chat-ended')).waitFor();
    await shot(cust, '61-widget-ended-transcript-link');
    const { text } = await downloadTranscript(cust);
    assert.match(text, /\nClosed: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\n/);
    assert.match(text, /This chat was resolved by Alice Anderson\./);
  });

  await step('the console Files tab lists the transcript kept on close', async () => {
    const name = `chat-${number}.txt`;
    // case-service uploads it within seconds of the close (TranscriptExports, every 5 s).
    await eventually(async () => {
      const files = await api('alice', 'GET', `/api/cases/${caseId}/files`);
      assert.equal(files.body.filter((f) => f.name === name).length, 1, JSON.stringify(files.body));
    }, 60_000);
    if (!(await alice.locator(tid('files-tab')).isVisible())) {
      await alice.evaluate((id) => {
        location.hash = `#/cases/${id}`;
      }, caseId);
    }
    await alice.locator(tid('files-tab')).click();
    await eventually(async () => {
      const rows = await alice.locator(tid('file-row')).allTextContents();
      assert.equal(rows.filter((r) => r.includes(name)).length, 1, rows.join(' | '));
    });
    await shot(alice, '62-console-files-tab-transcript');
  });
});

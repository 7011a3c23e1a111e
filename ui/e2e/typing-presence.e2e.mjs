// Browser suite: typing indicators both ways and agent presence (issue 18, items 5 and 6). The
// customer types: the owner's tile gets a small bubble and the conversation says "… is typing…";
// the owner types: the widget says "Alice is typing…"; the owner's status control (Online / Away)
// turns the widget's header from "We usually reply in a few minutes" to "We're away; leave a
// message". Shared helpers and the runner: ./lib.mjs.
import assert from 'node:assert/strict';
import {
  claimFromTile,
  RUN,
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

/** The widget polls GET /api/presence every 10 s and presence travels between replicas. */
const PRESENCE_WAIT = 40_000;

await runSuite(async ({ browser, created }) => {
  const alice = await newPage(browser, 'alice');
  const cust = await newPage(browser, 'customer', { width: 390, height: 844 });
  let caseId = '';

  await step('a customer starts a chat and Alice claims it', async () => {
    await signIn(alice, 'alice');
    caseId = await startInWidget(cust, `typing-${RUN}@example.com`, 'Tess', `Typer${RUN}`);
    created.add(caseId);
    await claimFromTile(alice, caseId);
  });

  await step('the widget says someone is there to answer while Alice is online', async () => {
    await eventually(
      async () =>
        assert.equal(
          await cust.locator(tid('availability')).textContent(),
          'We usually reply in a few minutes',
        ),
      PRESENCE_WAIT,
    );
  });

  await step(
    'the customer types: a bubble on the tile and a line in the conversation',
    async () => {
      await cust.locator(tid('composer')).pressSequentially('Hello, I have a qu', { delay: 40 });
      await eventually(async () =>
        assert.equal(
          await alice.locator(tid('conversation-typing')).textContent(),
          `Tess Typer${RUN} is typing…`,
        ),
      );
      assert.equal(await tile(alice, caseId).locator(tid('tile-typing')).count(), 1);
      await shot(alice, '50-console-customer-typing');
      // Nothing renews it: gone after about 5 s.
      await eventually(async () =>
        assert.equal(await tile(alice, caseId).locator(tid('tile-typing')).count(), 0),
      );
      assert.equal(await alice.locator(tid('conversation-typing')).isHidden(), true);
    },
  );

  await step('Alice types: the widget says "Alice is typing…", gone with her message', async () => {
    await alice.locator(tid('composer')).pressSequentially('Sure, let me ch', { delay: 40 });
    await eventually(async () =>
      assert.equal(await cust.locator(tid('typing-indicator')).textContent(), 'Alice is typing…'),
    );
    await shot(cust, '51-widget-alice-typing');
    await alice.locator(tid('composer')).press('Enter');
    await eventually(async () =>
      assert.equal(await cust.locator(tid('typing-indicator')).isHidden(), true),
    );
  });

  await step('Alice goes away: the widget says "We\'re away; leave a message"', async () => {
    await alice.locator(tid('presence-select')).selectOption('AWAY');
    await shot(alice, '52-console-presence-away');
    await eventually(
      async () =>
        assert.equal(
          await cust.locator(tid('availability')).textContent(),
          "We're away; leave a message",
        ),
      PRESENCE_WAIT,
    );
    await shot(cust, '53-widget-away');
  });

  await step(
    'the choice survives a reload of the console, and Online brings the team back',
    async () => {
      await alice.reload();
      await alice.waitForSelector(`${tid('connection-status')}[data-state="connected"]`);
      assert.equal(await alice.locator(tid('presence-select')).inputValue(), 'AWAY');
      await alice.locator(tid('presence-select')).selectOption('ONLINE');
      await eventually(
        async () =>
          assert.equal(
            await cust.locator(tid('availability')).textContent(),
            'We usually reply in a few minutes',
          ),
        PRESENCE_WAIT,
      );
    },
  );
});

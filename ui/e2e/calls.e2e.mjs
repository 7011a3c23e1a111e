// Browser suite: the Support SDK's example app and audio/video calls with the console (issue 16).
// Chromium with a fake camera and microphone; media flows peer to peer on loopback. The app
// starts a Support SDK chat, Alice claims it and calls, the app accepts; both sides must decode
// the other's video and receive its audio (RTCPeerConnection.getStats()). Then a decline, a Web
// Connect Case (no call buttons; a hand-made call.offer is FORBIDDEN), and the same call with the
// app on a second gateway replica (spawned here from chat-gateway/target/quarkus-app).
// Shared helpers and the runner: ./lib.mjs.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  claimFromTile,
  GATEWAY,
  api,
  RUN,
  T,
  TYPES,
  eventually,
  newPage,
  runSuite,
  shot,
  signIn,
  startChat,
  step,
  tid,
  tile,
  token,
} from './lib.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '../..');
const BUILD = resolve(ROOT, 'chat-gateway/target/classes/META-INF/resources');
const REPLICA_PORT = Number(process.env.E2E_REPLICA_PORT ?? 8084);
const REPLICA = `http://localhost:${REPLICA_PORT}`;
const MEDIA = T * 2;

/** Inbound video frames decoded and audio packets received on this page's call. */
async function inbound(page) {
  return page.evaluate(async () => {
    const pc = window.__chatcasesCall?.peerConnection;
    if (!pc) return { video: 0, audio: 0 };
    const r = { video: 0, audio: 0 };
    (await pc.getStats()).forEach((s) => {
      if (s.type !== 'inbound-rtp') return;
      if (s.kind === 'video') r.video = Math.max(r.video, s.framesDecoded ?? 0);
      if (s.kind === 'audio') r.audio = Math.max(r.audio, s.packetsReceived ?? 0);
    });
    return r;
  });
}

async function mediaFlows(page, who) {
  await eventually(async () => {
    const s = await inbound(page);
    assert.ok(s.video > 0, `${who} decoded no remote video frame (${JSON.stringify(s)})`);
    assert.ok(s.audio > 0, `${who} received no remote audio packet (${JSON.stringify(s)})`);
  }, MEDIA);
}

async function allowDevices(page, origin) {
  await page.context().grantPermissions(['camera', 'microphone'], { origin });
}

/** The example app starts a Support SDK chat; returns its caseId. */
async function startInApp(page, origin, email, first, last) {
  await page.goto(`${origin}/example/`);
  await page.locator(tid('ex-email')).fill(email);
  await page.locator(tid('ex-first-name')).fill(first);
  await page.locator(tid('ex-last-name')).fill(last);
  await page.locator(tid('ex-start')).click();
  await page.locator(tid('ex-chat')).waitFor();
  const caseId = await page.evaluate(() => window.__chatcasesClient?.chat?.caseId ?? null);
  assert.ok(caseId, 'the app holds its Case');
  await eventually(async () =>
    assert.match(await page.locator(tid('ex-case-status')).innerText(), /waiting for an agent/),
  );
  return caseId;
}

/** Alice claims the Case from its tile and has it on screen. */

/** Alice's video call, accepted by the app; both sides connected with media. */
async function callAndAccept(alice, app, shots) {
  await alice.locator(tid('call-video')).click();
  await eventually(async () =>
    assert.equal(await alice.locator(tid('call-panel')).getAttribute('data-state'), 'ringing'),
  );
  await app.locator(tid('incoming-call')).waitFor();
  assert.match(
    await app.locator(tid('ex-ringing-text')).innerText(),
    /Alice Anderson is calling \(video\)/,
  );
  if (shots) {
    await shot(alice, `${shots}-console-ringing`);
    await shot(app, `${shots}-app-ringing`);
  }
  await app.locator(tid('call-accept')).click();
  await eventually(async () => {
    assert.equal(await alice.locator(tid('call-panel')).getAttribute('data-state'), 'connected');
    assert.equal(await app.locator(tid('call-view')).getAttribute('data-state'), 'connected');
  }, MEDIA);
  await mediaFlows(alice, 'the console');
  await mediaFlows(app, 'the app');
}

async function hangUpFromConsole(alice, app) {
  await alice.locator(tid('call-hangup')).click();
  await eventually(async () => {
    assert.equal(await alice.locator(tid('call-panel')).getAttribute('data-state'), 'ended');
    assert.match(await alice.locator(tid('call-panel-status')).innerText(), /^Call ended \(/);
    assert.match(await app.locator(tid('call-ended')).innerText(), /^Call ended \(\d+:\d\d\)$/);
    assert.equal(await app.locator(tid('call-view')).isHidden(), true);
  });
  // Devices released and peer connections closed on both sides.
  for (const page of [alice, app]) {
    const closed = await page.evaluate(() => {
      const c = window.__chatcasesCall;
      return c?.state === 'ended' && c.peerConnection === null;
    });
    assert.ok(closed, 'the call is ended and its peer connection closed');
  }
  await alice.locator(tid('call-dismiss')).click();
}

/** The console's conversation shows a text (the system messages of case-service). */
async function conversationHas(alice, re) {
  await eventually(async () =>
    assert.match(await alice.locator(tid('conversation')).innerText(), re),
  );
}

/**
 * Only seven tiles show, oldest first: Cases left waiting by an interrupted run would hide this
 * suite's. As Platform.clearWaitingCases does for the Java suites (suites run one at a time), take
 * every waiting Case and Alice's own leftovers off the row (claimed by the admin, resolved).
 */
async function clearTileRow() {
  for (let round = 0; round < 20; round++) {
    const admin = (await api('admin', 'GET', '/api/tiles')).body;
    const mine = (await api('alice', 'GET', '/api/tiles')).body;
    const waiting = (admin?.tiles ?? []).filter((t) => t.case.status === 'NEW');
    const aliceOwn = (mine?.tiles ?? []).filter((t) => t.case.status === 'READY');
    if (waiting.length === 0 && aliceOwn.length === 0) return;
    for (const t of waiting) {
      await api('admin', 'POST', `/api/cases/${t.case.caseId}/claim`);
      await api('admin', 'POST', `/api/cases/${t.case.caseId}/resolve`);
    }
    for (const t of aliceOwn) await api('alice', 'POST', `/api/cases/${t.case.caseId}/resolve`);
  }
}

/** Opens a socket from the page, sends one frame, resolves with the code of the error naming ref. */
async function refusal(page, path, bearer, frame, ref) {
  return page.evaluate(
    async ({ url, bearer, frame, ref }) => {
      const protocols = [
        'bearer-token-carrier',
        encodeURIComponent(`quarkus-http-upgrade#Authorization#Bearer ${bearer}`),
      ];
      const ws = new WebSocket(url, protocols);
      return new Promise((resolveAnswer, reject) => {
        const timer = setTimeout(() => reject(new Error(`no error for ${frame.type}`)), 10_000);
        ws.onopen = () => ws.send(JSON.stringify(frame));
        ws.onmessage = (ev) => {
          const f = JSON.parse(ev.data);
          if (f.type === 'error' && (f.ref === ref || f.ref == null)) {
            clearTimeout(timer);
            ws.close();
            resolveAnswer(f.code);
          }
        };
      });
    },
    { url: GATEWAY.replace(/^http/, 'ws') + path, bearer, frame, ref },
  );
}

/** Serves the build output for another origin (E2E_LOCAL_UI with the replica). */
async function serveBuildFor(context, origin) {
  if (process.env.E2E_LOCAL_UI !== '1') return;
  await context.route(`${origin}/**`, (route) => {
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
}

/** Another gateway replica from the built jar, with the platform's secrets (GatewayReplica.java). */
async function startReplica() {
  const jar = resolve(ROOT, 'chat-gateway/target/quarkus-app/quarkus-run.jar');
  assert.ok(existsSync(jar), `${jar} is missing: ./mvnw -pl chat-gateway -am package`);
  const stateDir = process.env.STATE_DIR ?? resolve(ROOT, 'deploy/local/.state');
  const env = { ...process.env };
  for (const line of readFileSync(join(stateDir, 'local-secrets.env'), 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && !line.startsWith('#')) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  const logDir = resolve(ROOT, 'ui/e2e/.logs');
  mkdirSync(logDir, { recursive: true });
  const log = openSync(join(logDir, `gateway-${REPLICA_PORT}.log`), 'w');
  const origins = [GATEWAY, REPLICA, `http://127.0.0.1:${REPLICA_PORT}`].join(',');
  const proc = spawn(
    'java',
    [
      '-Xmx256m',
      `-Dquarkus.http.port=${REPLICA_PORT}`,
      `-Dquarkus.management.port=${REPLICA_PORT + 2000}`,
      '-Dgateway.chat-starts-per-minute=300',
      `-Dgateway.allowed-origins=${origins}`,
      '-jar',
      jar,
    ],
    { env, stdio: ['ignore', log, log] },
  );
  let exited = false;
  proc.on('exit', () => (exited = true));
  const deadline = Date.now() + 90_000;
  for (;;) {
    assert.ok(!exited, `the replica exited; see ui/e2e/.logs/gateway-${REPLICA_PORT}.log`);
    for (const url of [
      `${REPLICA}/q/health/ready`,
      `http://localhost:${REPLICA_PORT + 2000}/q/health/ready`,
    ]) {
      const ok = await fetch(url)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return proc;
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error('the replica was not ready in 90 s');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

await runSuite(
  async ({ browser, created }) => {
    const alice = await newPage(browser, 'alice');
    const app = await newPage(browser, 'app', { width: 480, height: 900 });
    await allowDevices(alice, GATEWAY);
    await allowDevices(app, GATEWAY);
    let sdkCase = '';
    let webCase = '';
    let webToken = '';

    await step(
      'the gateway serves the SDK as an ES module that loads and reports its version',
      async () => {
        await app.goto(`${GATEWAY}/example/`);
        const shown = await app.locator(tid('ex-sdk-version')).innerText();
        const mod = await app.evaluate(async () => {
          const sdk = await import('/sdk/chatcases-sdk.js');
          return { version: sdk.SDK_VERSION, client: typeof sdk.ChatCasesClient };
        });
        assert.equal(shown, `Support SDK ${mod.version}`);
        assert.match(mod.version, /^\d+\.\d+\.\d+$/);
        assert.equal(mod.client, 'function');
        const dts = await fetch(`${GATEWAY}/sdk/chatcases-sdk.d.ts`);
        if (process.env.E2E_LOCAL_UI !== '1') assert.equal(dts.status, 200);
      },
    );

    await step('the example app starts a Support SDK chat; Alice claims it', async () => {
      await clearTileRow();
      await signIn(alice, 'alice');
      sdkCase = await startInApp(app, GATEWAY, `e2e-sdk-${RUN}@example.com`, 'Sid', 'Dekker');
      created.add(sdkCase);
      await shot(app, '30-example-app-waiting');
      await claimFromTile(alice, sdkCase);
      await eventually(async () =>
        assert.match(
          await app.locator(tid('ex-case-status')).innerText(),
          /chatting with Alice Anderson/,
        ),
      );
      // Messages both ways through the SDK.
      await app.locator(tid('ex-composer')).fill('Hello from the app');
      await app.locator(tid('ex-send')).click();
      await eventually(async () =>
        assert.match(await alice.locator(tid('conversation')).innerText(), /Hello from the app/),
      );
      await alice.locator(tid('composer')).fill('Hello from Alice');
      await alice.locator(tid('send')).click();
      await eventually(async () =>
        assert.match(await app.locator(tid('ex-messages')).innerText(), /Hello from Alice/),
      );
    });

    await step(
      'Alice video-calls, the app accepts, both sides decode video and receive audio',
      async () => {
        assert.equal(await alice.locator(tid('call-buttons')).isVisible(), true);
        await callAndAccept(alice, app, '31');
        await shot(alice, '32-console-call-connected');
        await shot(app, '33-app-call-connected');
      },
    );

    await step(
      'mute and camera off in the app; the call survives Alice opening another tile',
      async () => {
        await app.locator(tid('call-mute')).click();
        await app.locator(tid('call-camera')).click();
        const tracks = await app.evaluate(() =>
          window.__chatcasesCall.localStream.getTracks().map((t) => `${t.kind}:${t.enabled}`),
        );
        assert.deepEqual(tracks.sort(), ['audio:false', 'video:false']);
        const web = await startChat(`e2e-web-${RUN}@example.com`, 'Wanda', 'Webb');
        webCase = web.caseId;
        webToken = web.customerToken;
        created.add(webCase);
        await eventually(async () => assert.equal(await tile(alice, webCase).count(), 1));
        await claimFromTile(alice, webCase);
        await eventually(async () =>
          assert.match(await alice.locator(tid('conversation-title')).innerText(), /Wanda Webb/),
        );
        // Still connected, still receiving.
        assert.equal(
          await alice.locator(tid('call-panel')).getAttribute('data-state'),
          'connected',
        );
        const before = (await inbound(alice)).audio;
        await eventually(async () => assert.ok((await inbound(alice)).audio > before));
        await shot(alice, '34-console-call-while-on-another-case');
      },
    );

    await step(
      'a Web Connect Case has no call buttons; a hand-made call.offer on it and a customer call.answer naming another Case are FORBIDDEN',
      async () => {
        assert.equal(await alice.locator(tid('call-buttons')).isHidden(), true);
        const callId = crypto.randomUUID();
        const offer = { type: 'call.offer', caseId: webCase, callId, sdp: 'v=0', media: 'video' };
        assert.equal(
          await refusal(alice, '/ws/agent', await token('alice'), offer, callId),
          'FORBIDDEN',
        );
        // Nor may a customer signal a call of another Case: the Web Connect customer names the SDK
        // Case in a call.answer.
        const answer = { type: 'call.answer', caseId: sdkCase, callId, sdp: 'v=0' };
        assert.equal(await refusal(app, '/ws/customer', webToken, answer, callId), 'FORBIDDEN');
      },
    );

    await step('hang-up from the console ends the call on both sides', async () => {
      await tile(alice, sdkCase).click();
      await eventually(async () =>
        assert.match(await alice.locator(tid('conversation-title')).innerText(), /Sid Dekker/),
      );
      await hangUpFromConsole(alice, app);
      await shot(app, '35-app-call-ended');
    });

    await step('the app declines an audio call: the console says so', async () => {
      await alice.locator(tid('call-audio')).click();
      await app.locator(tid('incoming-call')).waitFor();
      assert.match(await app.locator(tid('ex-ringing-text')).innerText(), /\(audio\)/);
      await app.locator(tid('call-decline')).click();
      await eventually(async () => {
        assert.equal(
          await alice.locator(tid('call-panel')).getAttribute('data-reason'),
          'declined',
        );
        assert.equal(
          await alice.locator(tid('call-panel-status')).innerText(),
          'The customer declined the call.',
        );
      });
      await shot(alice, '36-console-call-declined');
      await alice.locator(tid('call-dismiss')).click();
    });

    await step(
      'the conversation logs the calls: started, ended with its duration, declined',
      async () => {
        await conversationHas(alice, /Video call started/);
        await conversationHas(alice, /Video call ended \(\d+:\d\d\)/);
        await conversationHas(alice, /Audio call declined/);
        await eventually(async () =>
          assert.match(await app.locator(tid('ex-messages')).innerText(), /Video call ended/),
        );
        await shot(alice, '37-console-call-messages');
      },
    );

    await step(
      'the same call with the app on a second gateway replica and Alice on the first',
      async () => {
        const replica = await startReplica();
        try {
          const app2 = await newPage(browser, 'app-replica', { width: 480, height: 900 });
          await serveBuildFor(app2.context(), REPLICA);
          await allowDevices(app2, REPLICA);
          const caseId = await startInApp(
            app2,
            REPLICA,
            `e2e-sdk2-${RUN}@example.com`,
            'Rita',
            'Replica',
          );
          created.add(caseId);
          await eventually(async () => assert.equal(await tile(alice, caseId).count(), 1));
          await claimFromTile(alice, caseId);
          await eventually(async () =>
            assert.match(
              await alice.locator(tid('conversation-title')).innerText(),
              /Rita Replica/,
            ),
          );
          await callAndAccept(alice, app2, null);
          await shot(app2, '38-app-on-replica-connected');
          await hangUpFromConsole(alice, app2);
          await app2.close();
        } finally {
          replica.kill('SIGKILL');
        }
      },
    );
  },
  {
    extraArgs: [
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
    ],
  },
);

/**
 * The example app (`/example/`): the smallest app a customer would build on the Support SDK. A
 * start form (with an optional identity token from the app's backend), the conversation, and
 * calls: the incoming-call prompt (accept or decline), local and remote video, mute, camera off,
 * hang up and a timer. `window.__chatcasesCall` exposes the call (its RTCPeerConnection's
 * getStats) to the browser test.
 */
import { h, replaceChildren, setText } from '../shared/dom';
import {
  ChatCasesClient,
  ChatCasesError,
  formatDuration,
  SDK_VERSION,
  type Call,
  type Case,
  type Message,
} from '../sdk';

declare global {
  interface Window {
    __chatcasesClient?: ChatCasesClient;
  }
}

const client = new ChatCasesClient({ origin: window.location.origin });
window.__chatcasesClient = client;

// ----------------------------------------------------------------- start form

const fields = {
  email: h('input', {
    type: 'email',
    name: 'email',
    'data-testid': 'ex-email',
    autocomplete: 'email',
  }),
  firstName: h('input', {
    name: 'firstName',
    'data-testid': 'ex-first-name',
    autocomplete: 'given-name',
  }),
  lastName: h('input', {
    name: 'lastName',
    'data-testid': 'ex-last-name',
    autocomplete: 'family-name',
  }),
  identity: h('input', { name: 'identity', 'data-testid': 'ex-identity', autocomplete: 'off' }),
};
const errorEl = (k: string) => h('p', { class: 'error', 'data-testid': `ex-error-${k}` });
const fieldErrors: Record<keyof typeof fields, HTMLElement> = {
  email: errorEl('email'),
  firstName: errorEl('firstName'),
  lastName: errorEl('lastName'),
  identity: errorEl('identity'),
};
const formError = h('p', { class: 'error', 'data-testid': 'ex-form-error', role: 'alert' });
const field = (label: string, key: keyof typeof fields, hint?: string) =>
  h(
    'label',
    { class: 'field' },
    label,
    fields[key],
    hint ? h('span', { class: 'muted' }, hint) : null,
    fieldErrors[key],
  );
const startBtn = h(
  'button',
  { type: 'submit', class: 'primary', 'data-testid': 'ex-start' },
  'Chat with support',
);
const form = h(
  'form',
  { class: 'card', 'data-testid': 'ex-start-form', novalidate: true },
  h('h2', null, 'Contact support'),
  field('Email', 'email'),
  field('First name', 'firstName'),
  field('Last name', 'lastName'),
  field(
    'Identity token (optional)',
    'identity',
    'Signed by your backend with the Support SDK secret (docs/identity.md); verifies the email.',
  ),
  formError,
  startBtn,
);
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  void start();
});

async function start(): Promise<void> {
  for (const el of Object.values(fieldErrors)) setText(el, '');
  setText(formError, '');
  startBtn.disabled = true;
  try {
    const identity = fields.identity.value.trim();
    await client.start({
      email: fields.email.value,
      firstName: fields.firstName.value,
      lastName: fields.lastName.value,
      ...(identity ? { identity } : {}),
    });
    showChat();
  } catch (e) {
    const err = ChatCasesError.from(e);
    for (const v of err.violations) {
      const el = fieldErrors[v.field as keyof typeof fields];
      if (el) setText(el, v.message);
    }
    setText(
      formError,
      err.retryAfterSeconds !== null
        ? `Too many chats started; try again in ${err.retryAfterSeconds} s.`
        : err.violations.length > 0
          ? 'Please correct the fields above.'
          : `${err.message} (${err.code})`,
    );
  } finally {
    startBtn.disabled = false;
  }
}

// ----------------------------------------------------------------- conversation

const caseLine = h('p', { 'data-testid': 'ex-case-status' });
const connection = h('span', { class: 'muted', 'data-testid': 'ex-connection' });
const list = h('ul', { class: 'messages', 'data-testid': 'ex-messages', 'aria-live': 'polite' });
const errors = h('p', { class: 'error', 'data-testid': 'ex-error', role: 'alert' });
const text = h('input', {
  type: 'text',
  'data-testid': 'ex-composer',
  'aria-label': 'Message',
  maxlength: 4000,
});
const fileInput = h('input', {
  type: 'file',
  'data-testid': 'ex-file',
  'aria-label': 'Send a file',
});
const composer = h(
  'form',
  { class: 'composer' },
  text,
  fileInput,
  h('button', { type: 'submit', class: 'primary', 'data-testid': 'ex-send' }, 'Send'),
);
composer.addEventListener('submit', (ev) => {
  ev.preventDefault();
  if (text.value.trim() === '') return;
  try {
    client.send(text.value);
    text.value = '';
  } catch (e) {
    setText(errors, ChatCasesError.from(e).message);
  }
});
fileInput.addEventListener('change', () => {
  const f = fileInput.files?.[0];
  fileInput.value = '';
  if (f) client.sendFile(f).catch((e) => setText(errors, ChatCasesError.from(e).message));
});
const newChat = h('button', { type: 'button', 'data-testid': 'ex-new-chat' }, 'New chat');
newChat.addEventListener('click', () => {
  window.__chatcasesCall?.hangUp();
  void client.forget().then(() => showForm());
});
const chat = h(
  'section',
  { class: 'card', 'data-testid': 'ex-chat', hidden: true },
  h('div', { class: 'app__bar' }, caseLine, connection),
  list,
  composer,
  errors,
  newChat,
);

function caseText(c: Case): string {
  if (c.status === 'NEW') return `Chat #${c.number}: waiting for an agent…`;
  if (c.status === 'READY' && c.owner)
    return `Chat #${c.number}: you are chatting with ${c.owner.firstName} ${c.owner.lastName}`;
  return `Chat #${c.number}: ended`;
}

function bubble(m: Message): HTMLElement {
  const who =
    m.sender.type === 'SYSTEM' ? 'system' : m.sender.type === 'CUSTOMER' ? 'mine' : 'agent';
  return h(
    'li',
    {
      class: `msg msg--${who}`,
      'data-testid': 'ex-message',
      'data-seq': m.seq,
      'data-sender': m.sender.type,
    },
    who === 'agent' && m.sender.name ? h('span', { class: 'msg__who' }, m.sender.name) : null,
    m.kind === 'FILE' ? `📎 ${m.file?.name ?? 'file'}` : (m.text ?? ''),
  );
}

client.on('message', (m) => {
  // In seq order, whatever order events come in (a gap filled later lands in its place).
  const next = [...list.children].find((el) => Number((el as HTMLElement).dataset.seq) > m.seq);
  list.insertBefore(bubble(m), next ?? null);
  list.scrollTop = list.scrollHeight;
});
client.on('case', (c) => setText(caseLine, caseText(c)));
client.on('connection', (s) => {
  connection.dataset.state = s;
  setText(connection, s === 'connected' ? 'online' : s);
});
client.on('error', (e) => {
  if (e.code === 'SESSION_LOST') showForm();
  setText(errors, `${e.message || e.code}`);
});

// ----------------------------------------------------------------- calls

const ringingText = h('strong', { 'data-testid': 'ex-ringing-text' });
const acceptBtn = h(
  'button',
  { type: 'button', class: 'primary', 'data-testid': 'call-accept' },
  'Accept',
);
const declineBtn = h(
  'button',
  { type: 'button', class: 'danger', 'data-testid': 'call-decline' },
  'Decline',
);
const ringing = h(
  'section',
  {
    class: 'card ringing',
    'data-testid': 'incoming-call',
    role: 'alertdialog',
    'aria-label': 'Incoming call',
    hidden: true,
  },
  ringingText,
  h('span', null, acceptBtn, ' ', declineBtn),
);

const remoteVideo = h('video', {
  class: 'call__remote',
  'data-testid': 'remote-video',
  autoplay: true,
  playsinline: true,
});
const localVideo = h('video', {
  class: 'call__local',
  'data-testid': 'local-video',
  autoplay: true,
  playsinline: true,
});
localVideo.muted = true;
const callStatus = h('span', { 'data-testid': 'call-status', role: 'status' });
const timer = h('span', { class: 'call__timer', 'data-testid': 'call-timer' }, '0:00');
const muteBtn = h(
  'button',
  { type: 'button', 'data-testid': 'call-mute', 'aria-pressed': 'false' },
  'Mute',
);
const cameraBtn = h(
  'button',
  { type: 'button', 'data-testid': 'call-camera', 'aria-pressed': 'false' },
  'Camera off',
);
const hangUpBtn = h(
  'button',
  { type: 'button', class: 'danger', 'data-testid': 'call-hangup' },
  'Hang up',
);
const callView = h(
  'section',
  { class: 'card', 'data-testid': 'call-view', hidden: true },
  h('div', { class: 'call__videos' }, remoteVideo, localVideo),
  h('div', { class: 'call__bar' }, muteBtn, cameraBtn, hangUpBtn, callStatus, timer),
);
const callEnded = h('p', { class: 'muted', 'data-testid': 'call-ended', role: 'status' });

let current: Call | null = null;
let tick: ReturnType<typeof setInterval> | null = null;

const END_TEXT: Record<string, string> = {
  hangup: 'Call ended',
  declined: 'Call declined',
  unavailable: 'Call ended: camera or microphone unavailable',
  disconnected: 'Call ended: the connection was lost',
  failed: 'Call ended: the connection failed',
};

client.on('incomingCall', (call) => {
  current = call;
  window.__chatcasesCall = call;
  const who = client.case?.owner
    ? `${client.case.owner.firstName} ${client.case.owner.lastName}`
    : 'Support';
  setText(ringingText, `${who} is calling (${call.media === 'video' ? 'video' : 'audio'})`);
  setText(callEnded, '');
  ringing.hidden = false;
  call.on('localStream', (s) => (localVideo.srcObject = s));
  call.on('remoteStream', (s) => (remoteVideo.srcObject = s));
  call.on('state', ({ state, reason }) => {
    callView.dataset.state = state;
    if (state === 'connecting' || state === 'connected') {
      ringing.hidden = true;
      callView.hidden = false;
      setText(callStatus, state === 'connected' ? 'Connected' : 'Connecting…');
    }
    if (state === 'connected' && tick === null)
      tick = setInterval(() => setText(timer, formatDuration(call.durationMs)), 500);
    if (state === 'ended') {
      if (tick !== null) clearInterval(tick);
      tick = null;
      ringing.hidden = true;
      callView.hidden = true;
      localVideo.srcObject = null;
      remoteVideo.srcObject = null;
      const dur = call.connectedAt !== null ? ` (${formatDuration(call.durationMs)})` : '';
      setText(callEnded, `${END_TEXT[reason ?? 'hangup'] ?? 'Call ended'}${dur}`);
      callEnded.dataset.reason = reason ?? 'hangup';
      if (current === call) current = null;
    }
  });
});

acceptBtn.addEventListener('click', () => {
  const call = current;
  if (!call) return;
  call.accept().catch((e) => setText(callEnded, e instanceof Error ? e.message : String(e)));
});
declineBtn.addEventListener('click', () => current?.decline());
muteBtn.addEventListener('click', () => {
  if (!current) return;
  current.mute(!current.isMuted);
  muteBtn.setAttribute('aria-pressed', String(current.isMuted));
  setText(muteBtn, current.isMuted ? 'Unmute' : 'Mute');
});
cameraBtn.addEventListener('click', () => {
  if (!current) return;
  current.cameraOff(!current.isCameraOff);
  cameraBtn.setAttribute('aria-pressed', String(current.isCameraOff));
  setText(cameraBtn, current.isCameraOff ? 'Camera on' : 'Camera off');
});
hangUpBtn.addEventListener('click', () => current?.hangUp());

// ----------------------------------------------------------------- page

function showForm(): void {
  form.hidden = false;
  chat.hidden = true;
  replaceChildren(list);
  setText(caseLine, '');
}

function showChat(): void {
  form.hidden = true;
  chat.hidden = false;
}

const root = document.getElementById('app') ?? document.body;
replaceChildren(
  root,
  h(
    'div',
    { class: 'app' },
    h(
      'header',
      { class: 'app__bar' },
      h('h1', null, 'Acme Fit'),
      h('span', { class: 'muted', 'data-testid': 'ex-sdk-version' }, `Support SDK ${SDK_VERSION}`),
    ),
    form,
    ringing,
    callView,
    callEnded,
    chat,
  ),
);

void client.resume().then((resumed) => (resumed ? showChat() : showForm()));

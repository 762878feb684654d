// The ticket kiosk: business → how (walk-in, ID card, 随申码) → optional
// phone → the ticket, or 预约签到 → appointment code → optional phone → the
// ticket. Queues come with the device socket's snapshot and its queue
// updates, and from GET /api/v1/queues as a fallback; tickets from
// POST /api/v1/tickets.
import { api, ApiError } from '../js/api.js';
import { DeviceLink, deviceAuthorization, deviceCredentials } from '../js/device_link.js';
import { showLinkState } from '../js/link_banner.js';
import { dateText, explainError, timeText, waitText } from '../js/zh.js';
import { mergeQueues } from '../js/display.js';
import { publicQueues } from '../js/queues.js';
import { encode } from '../vendor/uqr.mjs';

const kIdleMs = 60000;            // an unfinished step returns to the start
const kTicketShownMs = 30000;     // a ticket nobody prints
const kAfterPrintMs = 4000;       // 打印凭条 → the start again
const kQueuesRefreshMs = 30000;   // REST fallback while the socket is quiet

const params = new URLSearchParams(window.location.search);
const credentials = deviceCredentials();
const $ = (id) => document.getElementById(id);

const state = {
  queues: [],
  screen: 'home',
  request: null,   // the ticket request being put together
  entry: null,     // the entry step shown
  ticket: null,
  refused: false,
};

// ---- layout ---------------------------------------------------------------

function setLayout(layout) {
  document.documentElement.dataset.layout = layout === 'desktop' ? 'desktop' : 'portrait';
}
setLayout(params.get('layout'));

// ---- screens and the idle timer --------------------------------------------

let idleTimer = null;

function show(screen) {
  state.screen = screen;
  for (const section of document.querySelectorAll('.screen')) {
    section.hidden = section.dataset.screen !== screen;
  }
  $('kiosk-title').hidden = screen !== 'home';
  $('home-button').hidden = screen === 'home';
  armIdle();
}

function armIdle() {
  window.clearTimeout(idleTimer);
  if (state.screen === 'home') return;
  const wait = state.screen === 'ticket' ? kTicketShownMs : kIdleMs;
  idleTimer = window.setTimeout(restart, wait);
}

function restart() {
  state.request = null;
  state.entry = null;
  state.ticket = null;
  $('ticket-printing').hidden = true;
  $('ticket-print').disabled = false;
  hideError();
  show('home');
  refreshQueues();
}

document.addEventListener('pointerdown', armIdle, { capture: true });
document.addEventListener('keydown', armIdle, { capture: true });

// ---- clock ---------------------------------------------------------------

function tick() {
  const now = new Date();
  $('clock-time').textContent = timeText(now);
  $('clock-date').textContent = dateText(now);
}
tick();
window.setInterval(tick, 1000);

// ---- queues --------------------------------------------------------------

function queueById(id) {
  return state.queues.find((q) => q.id === id);
}

function renderQueues() {
  const grid = $('queue-grid');
  const shown = publicQueues(state.queues);
  $('queue-empty').hidden = shown.length > 0;
  grid.replaceChildren(...shown.map((q) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'queue';
    button.dataset.queue = q.id;
    button.disabled = !q.open;
    const prefix = document.createElement('span');
    prefix.className = 'queue-prefix';
    prefix.textContent = q.prefix ?? '';
    const name = document.createElement('span');
    name.className = 'queue-name';
    name.textContent = q.name;
    const stats = document.createElement('span');
    stats.className = 'queue-stats';
    if (q.open) {
      const waiting = document.createElement('span');
      waiting.className = 'queue-waiting';
      waiting.append('等候 ');
      const count = document.createElement('b');
      count.textContent = String(q.waiting);
      waiting.append(count, ' 人');
      const wait = document.createElement('span');
      wait.className = 'queue-wait';
      if (q.waiting === 0) wait.textContent = '无需等候';
      else if (q.estimatedWaitMinutes !== undefined) wait.textContent = `预计${waitText(q.estimatedWaitMinutes)}`;
      stats.append(waiting, wait);
    } else {
      stats.textContent = '暂停取号';
    }
    button.append(prefix, name, stats);
    button.addEventListener('click', () => chooseQueue(q.id));
    return button;
  }));
}

function setQueues(queues) {
  if (!Array.isArray(queues)) return;
  state.queues = mergeQueues(state.queues, queues);
  renderQueues();
}

async function refreshQueues() {
  if (!credentials || state.refused) return;
  try {
    setQueues(await api('/api/v1/queues', { authorization: deviceAuthorization(credentials) }));
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) refuse('rest');
    // Otherwise the socket's updates or the next refresh will do.
  }
}

// ---- the request, step by step ----------------------------------------------

function chooseQueue(id) {
  const q = queueById(id);
  if (!q || !q.open) return;
  state.request = { queue: q.id, channel: 'walk-in' };
  showChosenQueue('channel', q);
  show('channel');
}

function showChosenQueue(where, q) {
  $(`${where}-prefix`).textContent = q ? q.prefix : '';
  $(`${where}-queue`).textContent = q ? q.name : '';
}

for (const button of document.querySelectorAll('[data-channel]')) {
  button.addEventListener('click', () => chooseChannel(button.dataset.channel));
}
for (const button of document.querySelectorAll('[data-go]')) {
  button.addEventListener('click', () => (button.dataset.go === 'home' ? restart() : show(button.dataset.go)));
}
$('appointment-entry').addEventListener('click', () => {
  state.request = { channel: 'appointment' };
  openEntry('appointmentCode');
});

function chooseChannel(channel) {
  state.request.channel = channel;
  if (channel === 'id-card') openEntry('idNumber');
  else if (channel === 'suishen') openEntry('suishenCode');
  else openEntry('phone');
}

// What each entry step asks for. `keys` are the keypad's extra keys.
const kEntries = {
  idNumber: {
    title: '请刷身份证或输入身份证号码',
    hint: '将二代身份证放在读卡区，或用下方数字键输入18位号码',
    label: '身份证号码',
    length: 18,
    allowed: /^[0-9]{0,17}[0-9X]?$/,
    x: true,
    groups: [6, 8, 4],
    back: 'channel',
    ok: '下一步',
  },
  suishenCode: {
    title: '请出示随申码',
    hint: '打开“随申办”App，将随申码对准扫码口',
    label: '随申码',
    length: 64,
    allowed: /^[0-9A-Za-z:_\-.]{0,64}$/,
    x: false,
    groups: null,
    back: 'channel',
    ok: '下一步',
  },
  appointmentCode: {
    title: '请输入预约码',
    hint: '预约成功短信或“随申办”预约记录中的8位数字',
    label: '预约码',
    length: 8,
    allowed: /^[0-9]{0,8}$/,
    x: false,
    groups: [4, 4],
    back: 'home',
    ok: '下一步',
  },
  phone: {
    title: '接收叫号短信提醒（选填）',
    hint: '留下手机号码，临近叫号时将短信提醒您；不需要可直接取号',
    label: '手机号码',
    length: 11,
    allowed: /^(1[0-9]{0,10})?$/,
    x: false,
    groups: [3, 4, 4],
    back: null,  // where this request came from
    ok: '确认并取号',
    skip: '不需要提醒，直接取号',
  },
};

function openEntry(field) {
  const spec = kEntries[field];
  state.entry = field;
  const q = state.request?.queue ? queueById(state.request.queue) : null;
  $('entry-queue-line').hidden = !q;
  showChosenQueue('entry', q);
  $('entry-title').textContent = spec.title;
  $('entry-hint').textContent = spec.hint;
  $('entry-label').textContent = spec.label;
  $('key-x').disabled = !spec.x;
  $('key-x').classList.toggle('key-blank', !spec.x);
  $('keypad').hidden = field === 'suishenCode';
  $('entry-ok').textContent = spec.ok;
  $('entry-back').textContent = spec.skip ?? '返回';
  $('entry-back').classList.toggle('action-wide', Boolean(spec.skip));
  const input = $('entry-input');
  input.value = state.request?.[field] ?? '';
  show('entry');
  renderEntry();
  input.focus();
}

function formatGroups(text, groups) {
  if (!groups) return text;
  const parts = [];
  let at = 0;
  for (const size of groups) {
    if (at >= text.length) break;
    parts.push(text.slice(at, at + size));
    at += size;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts.join(' ');
}

function entryValue() {
  const value = $('entry-input').value.replace(/\s+/g, '');
  return state.entry === 'idNumber' ? value.toUpperCase() : value;
}

function renderEntry() {
  const spec = kEntries[state.entry];
  const input = $('entry-input');
  const raw = entryValue();
  const clean = spec.allowed.test(raw) ? raw : (state.request[state.entry] ?? '');
  state.request[state.entry] = clean;
  const shown = formatGroups(clean, spec.groups);
  if (input.value !== shown) input.value = shown;
  $('entry-count').textContent = spec.groups ? `${clean.length} / ${spec.length}` : '';
  const complete = state.entry === 'suishenCode' ? clean.length > 0 : clean.length === spec.length;
  $('entry-ok').disabled = !complete;
}

$('entry-input').addEventListener('input', renderEntry);
$('entry-input').addEventListener('keydown', (event) => {
  // A card reader or scanner that types ends with Enter.
  if (event.key === 'Enter' && !$('entry-ok').disabled) $('entry-ok').click();
});
for (const key of document.querySelectorAll('[data-key]')) {
  key.addEventListener('click', () => pressKey(key.dataset.key));
}

function pressKey(key) {
  const field = state.entry;
  const spec = kEntries[field];
  let value = state.request[field] ?? '';
  if (key === 'back') value = value.slice(0, -1);
  else if (key === 'clear') value = '';
  else if (value.length < spec.length && spec.allowed.test(value + key)) value += key;
  state.request[field] = value;
  $('entry-input').value = value;
  renderEntry();
}

$('entry-back').addEventListener('click', () => {
  const field = state.entry;
  if (field === 'phone') {
    // 不需要提醒，直接取号
    delete state.request.phone;
    issue();
    return;
  }
  delete state.request[field];
  const back = kEntries[field].back;
  if (back === 'home') restart();
  else show(back);
});

$('entry-ok').addEventListener('click', () => {
  if ($('entry-ok').disabled) return;
  if (state.entry === 'phone') issue();
  else openEntry('phone');
});

// ---- issuing ---------------------------------------------------------------

async function issue() {
  const r = state.request;
  const body = { channel: r.channel };
  if (r.queue) body.queue = r.queue;
  if (r.channel === 'id-card') body.idNumber = r.idNumber;
  if (r.channel === 'suishen') body.suishenCode = r.suishenCode;
  if (r.channel === 'appointment') body.appointmentCode = r.appointmentCode;
  if (r.phone) body.phone = r.phone;
  $('busy').hidden = false;
  try {
    const ticket = await api('/api/v1/tickets', {
      method: 'POST', body, authorization: deviceAuthorization(credentials),
    });
    showTicket(ticket);
    refreshQueues();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 401 || e.status === 403) refuse('rest');
    else showError(e);
  } finally {
    $('busy').hidden = true;
  }
}

// Where 知道了 leads after an error about a field: back to the step that asked for it.
const kFieldStep = {
  idNumber: () => openEntry('idNumber'),
  appointmentCode: () => openEntry('appointmentCode'),
  phone: () => openEntry('phone'),
  suishenCode: () => show('channel'),
};

function showError(error) {
  const { field, text } = explainError(error);
  $('error-field').textContent = field;
  $('error-field').hidden = !field;
  $('error-text').textContent = text;
  $('error').hidden = false;
  $('error').dataset.field = error.field ?? '';
  $('error-ok').focus();
}

function hideError() {
  $('error').hidden = true;
}

$('error-ok').addEventListener('click', () => {
  const field = $('error').dataset.field;
  hideError();
  const step = kFieldStep[field];
  if (step && state.request) step();
  else restart();
});

// ---- the ticket --------------------------------------------------------------

function statusUrl(token) {
  const base = params.get('statusBase');
  const url = base ? new URL('status.html', base.endsWith('/') ? base : `${base}/`)
                   : new URL('../status.html', window.location.href);
  url.search = new URLSearchParams({ t: token }).toString();
  return url.toString();
}

// The QR code as one SVG path of unit squares, crisp at any size.
function qrSvg(text) {
  const qr = encode(text, { ecc: 'M', border: 2 });
  let d = '';
  for (let y = 0; y < qr.size; y += 1) {
    for (let x = 0; x < qr.size; x += 1) {
      if (qr.data[y][x]) d += `M${x} ${y}h1v1h-1z`;
    }
  }
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${qr.size} ${qr.size}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', '排队进度二维码');
  const background = document.createElementNS(ns, 'rect');
  background.setAttribute('width', String(qr.size));
  background.setAttribute('height', String(qr.size));
  background.setAttribute('fill', '#fff');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  svg.append(background, path);
  return svg;
}

function showTicket(ticket) {
  state.ticket = ticket;
  $('ticket-queue').textContent = ticket.queueName ?? queueById(ticket.queue)?.name ?? '';
  $('ticket-number').textContent = ticket.number;
  $('ticket-ahead').textContent = String(ticket.ahead ?? 0);
  $('ticket-wait').textContent = (ticket.ahead ?? 0) > 0
    ? `预计等候${waitText(ticket.estimatedWaitMinutes)}`
    : '无需等候，请留意叫号';
  const issued = ticket.issuedAt ? new Date(ticket.issuedAt) : new Date();
  $('ticket-issued').textContent = `取号时间 ${dateText(issued)} ${timeText(issued)}`;
  const qr = $('ticket-qr');
  qr.replaceChildren();
  if (ticket.statusToken) {
    qr.dataset.url = statusUrl(ticket.statusToken);
    qr.append(qrSvg(qr.dataset.url));
  }
  $('ticket-printing').hidden = true;
  $('ticket-print').disabled = false;
  show('ticket');
}

$('ticket-done').addEventListener('click', restart);
$('home-button').addEventListener('click', restart);
$('ticket-print').addEventListener('click', () => {
  $('ticket-print').disabled = true;
  $('ticket-printing').hidden = false;
  // The kiosk's browser runs with silent printing to its slip printer
  // (e.g. Chromium's --kiosk-printing); kiosk.css prints the ticket alone.
  window.print();
  window.clearTimeout(idleTimer);
  idleTimer = window.setTimeout(restart, kAfterPrintMs);
});

// ---- the device link ---------------------------------------------------------

function refuse(why) {
  state.refused = true;
  showLinkState('unauthorized', why, credentials?.deviceId ?? '');
}

if (!credentials) {
  refuse('missing');
} else {
  const link = new DeviceLink(credentials, {
    onState: (s, detail) => {
      if (s === 'unauthorized') refuse(detail);
      else if (!state.refused) showLinkState(s, detail, credentials.deviceId);
    },
    onRegistered: (info) => {
      if (!params.has('layout') && info.kind === 'ticket-desktop') setLayout('desktop');
    },
    onDisplay: (topic, data) => {
      if (topic === 'snapshot' || topic === 'queues') setQueues(data.queues);
    },
  });
  link.start();
  refreshQueues();
  window.setInterval(refreshQueues, kQueuesRefreshMs);
}
show('home');

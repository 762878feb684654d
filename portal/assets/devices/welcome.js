// The LED welcome screen: the newest call large, the calls before it, the
// waiting per queue, a notices ticker and the time — from the device
// socket's snapshot and its call, queue and notice messages.
import { api } from '../js/api.js';
import { DeviceLink, deviceAuthorization, deviceCredentials } from '../js/device_link.js';
import { callFrom, mergeQueues } from '../js/display.js';
import { showLinkState } from '../js/link_banner.js';
import { publicQueues } from '../js/queues.js';
import { dateText, timeText, waitText } from '../js/zh.js';

const kEarlierCalls = 7;     // rows under the newest call
const kFlashMs = 10000;      // a fresh call blinks this long
const kMaxNotices = 8;
const kTickerPixelsPerSecond = 120;
const kStandingNotices = [
  '欢迎来到长宁区行政服务中心，办理时间：周一至周五 9:00—17:00',
  '请妥善保管号码凭条，留意大屏及窗口屏叫号信息；过号请到导服台咨询',
  '用手机扫描凭条上的二维码，可随时查看排队进度',
  '对我们的服务有意见或建议，欢迎通过“好差评”进行评价',
];

const credentials = deviceCredentials();
const $ = (id) => document.getElementById(id);

const view = {
  calls: [],   // newest first
  queues: [],
  notices: [],
};
let flashTimer = null;
let pushed = 0;  // queue updates from the socket, so that an older REST answer loses

// ---- clock ---------------------------------------------------------------

function tick() {
  const now = new Date();
  $('clock-time').textContent = timeText(now, { seconds: true });
  $('clock-date').textContent = dateText(now);
}
tick();
window.setInterval(tick, 1000);

// ---- calls ---------------------------------------------------------------

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function renderCalls() {
  const [latest, ...earlier] = view.calls;
  const card = $('latest');
  card.dataset.empty = latest ? 'false' : 'true';
  $('latest-number').textContent = latest?.number ?? '—';
  $('latest-window').textContent = latest?.windowNumber ?? '--';
  $('latest-queue').textContent = latest
    ? [latest.queueName, latest.recall ? '再次呼叫' : ''].filter(Boolean).join(' · ')
    : '叫号信息将在此显示，请耐心等候';
  if (earlier.length === 0) {
    const row = document.createElement('tr');
    const empty = cell(latest ? '暂无更早的叫号' : '暂无叫号', 'recent-empty');
    empty.colSpan = 4;
    row.append(empty);
    $('recent').replaceChildren(row);
    return;
  }
  $('recent').replaceChildren(...earlier.slice(0, kEarlierCalls).map((call) => {
    const row = document.createElement('tr');
    row.append(
      cell(call.number, 'recent-number'),
      cell(call.queueName ?? ''),
      cell(`${call.windowNumber ?? '--'} 号窗口`, 'recent-window'),
      cell(call.at ? timeText(new Date(call.at)) : ''),
    );
    return row;
  }));
}

// A call as the screen lists it, its queue named from the queues when the
// message names only the queue's id.
function callOf(data, sentAt) {
  const call = callFrom(data, sentAt);
  if (!call.queueName && call.queue) {
    call.queueName = view.queues.find((q) => q.id === call.queue)?.name ?? '';
  }
  return call;
}

function addCall(call, { flash = true } = {}) {
  // A recall, or a number called again after a no-show, moves to the top.
  view.calls = [call, ...view.calls.filter((c) => c.number !== call.number)].slice(0, kEarlierCalls + 1);
  renderCalls();
  if (flash) {
    const card = $('latest');
    card.classList.remove('latest-flash');
    void card.offsetWidth;  // restarts the animation
    card.classList.add('latest-flash');
    window.clearTimeout(flashTimer);
    flashTimer = window.setTimeout(() => card.classList.remove('latest-flash'), kFlashMs);
  }
}

// ---- queues --------------------------------------------------------------

function renderQueues() {
  $('queues').replaceChildren(...publicQueues(view.queues).map((q) => {
    const row = document.createElement('tr');
    row.dataset.queue = q.id;
    const name = document.createElement('td');
    const label = document.createElement('span');
    label.className = 'queue-name';
    name.append(label);
    const prefix = document.createElement('span');
    prefix.className = 'queue-prefix';
    prefix.textContent = q.prefix ?? '';
    label.append(prefix, q.name);
    if (!q.open) {
      row.className = 'queue-closed';
      row.append(name, cell('—', 'queue-waiting'), cell('暂停取号', 'queue-wait'));
      return row;
    }
    const waiting = cell('', 'queue-waiting');
    const count = document.createElement('b');
    count.textContent = String(q.waiting);
    waiting.append(count, ' 人');
    let wait = '无需等候';
    if (q.waiting > 0) wait = q.estimatedWaitMinutes === undefined ? '—' : waitText(q.estimatedWaitMinutes);
    row.append(name, waiting, cell(wait, 'queue-wait'));
    return row;
  }));
}

// The queues over REST as well, for a hub that sends no snapshot; applied
// only when the socket said nothing newer meanwhile.
async function fetchQueues() {
  const before = pushed;
  try {
    const queues = await api('/api/v1/queues', { authorization: deviceAuthorization(credentials) });
    if (pushed === before && Array.isArray(queues)) {
      view.queues = mergeQueues(view.queues, queues);
      renderQueues();
    }
  } catch (e) {
    // The socket's messages will do.
  }
}

// ---- notices -------------------------------------------------------------

function renderTicker() {
  const track = $('ticker');
  const notices = [...view.notices, ...kStandingNotices];
  track.replaceChildren(...notices.map((text) => {
    const item = document.createElement('span');
    item.className = 'ticker-item';
    item.textContent = text;
    return item;
  }));
  // The same speed whatever the length: the track crosses the screen and itself.
  const distance = track.scrollWidth + track.parentElement.clientWidth;
  track.style.setProperty('--ticker-seconds', `${Math.max(20, distance / kTickerPixelsPerSecond)}s`);
  track.style.animation = 'none';
  void track.offsetWidth;
  track.style.animation = '';
}

function addNotice(text) {
  if (!text) return;
  view.notices = [text, ...view.notices.filter((n) => n !== text)].slice(0, kMaxNotices);
  renderTicker();
}

// ---- the device link -----------------------------------------------------

renderCalls();
renderTicker();
if (!credentials) {
  showLinkState('unauthorized', 'missing', '');
} else {
  new DeviceLink(credentials, {
    onState: (s, detail) => showLinkState(s, detail, credentials.deviceId),
    onRegistered: fetchQueues,
    onDisplay: (topic, data, sentAt) => {
      if (topic === 'snapshot' || topic === 'queues') pushed += 1;
      switch (topic) {
        case 'snapshot':
          view.queues = mergeQueues(view.queues, data.queues);
          view.calls = (data.recentCalls ?? []).slice(0, kEarlierCalls + 1).map((c) => callOf(c));
          renderQueues();
          renderCalls();
          break;
        case 'queues':
          view.queues = mergeQueues(view.queues, data.queues);
          renderQueues();
          break;
        case 'call':
          addCall(callOf(data, sentAt));
          break;
        case 'notice':
          addNotice(data.text);
          break;
        default:
          break;
      }
    },
  }).start();
}

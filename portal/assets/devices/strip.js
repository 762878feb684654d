// The window strip screen: what its own window does, from the device
// socket's snapshot (its window only) and its window and call messages.
import { api } from '../js/api.js';
import { DeviceLink, deviceAuthorization, deviceCredentials } from '../js/device_link.js';
import { callFrom, windowFrom } from '../js/display.js';
import { showLinkState } from '../js/link_banner.js';
import { kWindowState } from '../js/zh.js';

const kFlashMs = 8000;  // a fresh call blinks this long

const credentials = deviceCredentials();
const $ = (id) => document.getElementById(id);

const view = {
  window: '',        // e.g. "W12", from registration
  windowNumber: null,
  state: 'offline',
  clerk: '',
  ticketNumber: '',
};
let flashTimer = null;
let pushed = 0;  // window updates from the socket, so that an older REST answer loses

function render() {
  const strip = $('strip');
  strip.dataset.state = view.state;
  $('window-number').textContent = view.windowNumber ?? '--';
  $('window-state').textContent = kWindowState[view.state] ?? view.state;
  $('clerk').textContent = view.clerk || '—';
  const showsTicket = (view.state === 'calling' || view.state === 'serving') && view.ticketNumber;
  $('ticket-number').textContent = showsTicket ? view.ticketNumber : '—';
  $('call-label').textContent = {
    calling: '请以下号码到本窗口办理',
    serving: '正在办理',
    paused: '本窗口暂停服务',
    offline: '本窗口暂未开放',
  }[view.state] ?? '当前号码';
}

function applyWindow(data) {
  if (!data) return;
  const w = windowFrom(data, view);
  if (view.window && w.window && w.window !== view.window) return;
  delete w.window;
  Object.assign(view, w);
  render();
}

function applyCall(data, sentAt) {
  const call = callFrom(data, sentAt);
  if (view.window && call.window !== view.window) return;
  view.windowNumber = call.windowNumber ?? view.windowNumber;
  view.state = 'calling';
  view.ticketNumber = call.number;
  render();
  flash();
}

function flash() {
  const strip = $('strip');
  strip.classList.remove('strip-flash');
  void strip.offsetWidth;  // restarts the animation for a recall of the same number
  strip.classList.add('strip-flash');
  window.clearTimeout(flashTimer);
  flashTimer = window.setTimeout(() => strip.classList.remove('strip-flash'), kFlashMs);
}

// The window over REST as well, for a hub that sends no snapshot; applied
// only when the socket said nothing newer meanwhile.
async function fetchWindow() {
  if (!view.window) return;
  const before = pushed;
  try {
    const w = await api(`/api/v1/windows/${encodeURIComponent(view.window)}`,
                        { authorization: deviceAuthorization(credentials) });
    if (pushed === before) applyWindow(w);
  } catch (e) {
    // The socket's messages will do.
  }
}

render();
if (!credentials) {
  showLinkState('unauthorized', 'missing', '');
} else {
  new DeviceLink(credentials, {
    onState: (s, detail) => showLinkState(s, detail, credentials.deviceId),
    onRegistered: (info) => {
      view.window = info.window ?? '';
      fetchWindow();
    },
    onDisplay: (topic, data, sentAt) => {
      if (topic === 'snapshot' || topic === 'window' || topic === 'call') pushed += 1;
      if (topic === 'snapshot') {
        for (const w of data.windows ?? []) applyWindow(w);
      } else if (topic === 'window') {
        applyWindow(data);
      } else if (topic === 'call') {
        applyCall(data, sentAt);
      }
    },
  }).start();
}

// The device status board: GET /api/v1/devices every few seconds, for the
// signed-in hall manager (the session cookie; no session: the sign-in page).
import { api } from '../js/api.js';
import { requirePerson, showPerson } from '../js/session.js';

const kRefreshMs = 3000;
const kKinds = {
  'ticket-kiosk': '立式取号机',
  'ticket-desktop': '桌面取号机',
  'window-strip': '窗口条屏',
  'welcome-screen': 'LED 欢迎屏',
  broadcast: '广播音箱',
  'fingerprint-reader': '指纹仪',
};
const kStates = { online: '在线', fault: '故障', offline: '离线' };

const $ = (id) => document.getElementById(id);
let timer = null;

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function when(iso) {
  if (!iso) return '从未连接';
  return new Date(iso).toLocaleString('zh-CN', { hour12: false });
}

function render(devices) {
  const onlyProblems = $('only-problems').checked;
  const rows = [];
  const counts = { online: 0, fault: 0, offline: 0 };
  for (const d of devices) {
    counts[d.state] = (counts[d.state] ?? 0) + 1;
    if (onlyProblems && d.state === 'online') continue;
    const tr = document.createElement('tr');
    tr.dataset.device = d.id;
    tr.dataset.state = d.state;
    tr.append(cell(d.id), cell(kKinds[d.kind] ?? d.kind), cell(d.zone ?? ''), cell(d.window ?? ''),
              cell(kStates[d.state] ?? d.state, `state state-${d.state}`),
              cell((d.faults ?? []).join('，')), cell(when(d.lastSeen)), cell(d.remote ?? ''));
    rows.push(tr);
  }
  $('devices').replaceChildren(...rows);
  $('summary').replaceChildren(
    ...Object.entries(counts).map(([state, n]) => {
      const span = document.createElement('span');
      span.id = `count-${state}`;
      span.textContent = `${kStates[state]} ${n}`;
      return span;
    }));
  $('updated').textContent = `更新于 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`;
}

async function refresh() {
  try {
    const devices = await api('/api/v1/devices');
    $('problem').hidden = true;
    render(devices);
  } catch (e) {
    if (e.status === 401) {
      location.reload();  // the session ended: sign in again
      return;
    }
    $('problem').textContent = `无法获取设备状态：${e.message}`;
    $('problem').hidden = false;
  }
  timer = setTimeout(refresh, kRefreshMs);
}

$('only-problems').addEventListener('change', () => {
  clearTimeout(timer);
  refresh();
});

showPerson($('person'), await requirePerson());
$('board').hidden = false;
refresh();

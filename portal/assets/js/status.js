// A visitor's ticket, polled from the public GET /api/v1/ticket-status/{token}.
import { api } from './api.js';
import { timeText, waitText } from './zh.js';

const kPollMs = 5000;
const kSlowPollMs = 30000;   // after the visit ended, or when the server is unreachable

const $ = (id) => document.getElementById(id);
const token = new URLSearchParams(window.location.search).get('t') ?? '';
let lastState = '';

// The state a visitor reads, and what to do now.
function describe(s) {
  switch (s.state) {
    case 'waiting':
      return { key: 'waiting', text: '等待中', advice: '请在等候区休息，留意大屏及窗口屏叫号信息。' };
    case 'called':
      return {
        key: 'called',
        text: s.windowNumber ? `请到 ${s.windowNumber} 号窗口` : '正在叫号',
        advice: '已叫到您的号码，请尽快前往窗口办理。',
      };
    case 'serving':
      return {
        key: 'serving',
        text: '办理中',
        advice: s.windowNumber ? `您正在 ${s.windowNumber} 号窗口办理业务。` : '您的业务正在办理。',
      };
    case 'done':
      if (s.outcome === 'no-show') {
        return { key: 'missed', text: '已过号', advice: '您的号码已过号，如需办理请重新取号或咨询导服台。' };
      }
      return { key: 'done', text: '已完成', advice: '本次业务已办结，感谢您的耐心等候。欢迎对我们的服务进行评价。' };
    default:
      return { key: 'waiting', text: s.state, advice: '' };
  }
}

function render(s) {
  const d = describe(s);
  $('ticket').dataset.state = d.key;
  $('queue-name').textContent = s.queueName ?? '';
  $('number').textContent = s.number ?? '';
  $('state').textContent = d.text;
  $('advice').textContent = d.advice;
  $('facts').hidden = d.key !== 'waiting';
  $('ahead').textContent = String(s.ahead ?? 0);
  $('wait').textContent = (s.ahead ?? 0) > 0 ? waitText(s.estimatedWaitMinutes) : '即将叫号';
  $('problem').hidden = true;
  $('updated').textContent = `更新于 ${timeText(new Date(), { seconds: true })}`;
  document.title = `${s.number} ${d.text} · 长宁区行政服务中心`;
  if (d.key === 'called' && lastState && lastState !== 'called') navigator.vibrate?.([300, 150, 300]);
  lastState = d.key;
  return d.key === 'done' || d.key === 'missed';
}

function problem(text) {
  $('problem').textContent = text;
  $('problem').hidden = false;
}

async function poll() {
  let ended = false;
  try {
    ended = render(await api(`/api/v1/ticket-status/${encodeURIComponent(token)}`));
  } catch (e) {
    if (e.status === 404) {
      $('ticket').dataset.state = 'unknown';
      $('queue-name').textContent = '';
      $('number').textContent = '----';
      $('state').textContent = '未找到该号码';
      $('advice').textContent = '二维码可能已过期（凭条仅当日有效），请核对或咨询导服台。';
      return;  // nothing will change
    }
    problem('暂时无法连接服务器，正在重试…');
    window.setTimeout(poll, kSlowPollMs / 3);
    return;
  }
  window.setTimeout(poll, ended ? kSlowPollMs : kPollMs);
}

if (!token) {
  $('ticket').dataset.state = 'unknown';
  $('queue-name').textContent = '';
  $('state').textContent = '链接无效';
  $('advice').textContent = '请用手机扫描取号凭条上的二维码打开本页面。';
} else {
  poll();
}

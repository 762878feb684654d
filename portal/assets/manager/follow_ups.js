// 差评整改: GET /api/v1/ratings/follow-ups (the open follow-ups, oldest
// first, each {id, due, created, rating: {level, comment, window, clerk,
// caseCode | ticketNumber, ratedAt, …}}); one is completed with
// POST /api/v1/ratings/follow-ups/{id}/complete {actions} (204).
import { api } from '../js/api.js';
import { requirePerson, showPerson } from '../js/session.js';
import { beijingTime, element, explainStaffError } from '../js/staff_text.js';

const $ = (id) => document.getElementById(id);
const kLevel = { 1: '非常不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '非常满意' };
let open = null;  // the follow-up being completed

// Whether the due time has passed (the browser's clock).
export function isOverdue(due, now = Date.now()) {
  const at = Date.parse(due ?? '');
  return !Number.isNaN(at) && at < now;
}

function show(element_, text) {
  element_.textContent = text ?? '';
  element_.hidden = !text;
}

function row(task) {
  const r = task.rating ?? {};
  const tr = element('tr');
  tr.dataset.followUp = task.id;
  const overdue = isOverdue(task.due);
  if (overdue) tr.className = 'overdue';
  const due = element('td', `${beijingTime(task.due)}${overdue ? ' 已超期' : ''}`,
                      `due${overdue ? ' overdue' : ''}`);
  const button = element('button', '整改', 'primary');
  button.type = 'button';
  button.addEventListener('click', () => begin(task));
  const action = element('td');
  action.append(button);
  tr.append(element('td', kLevel[r.level] ?? String(r.level ?? '—'), 'level'),
            element('td', r.comment || '（无评价内容）'),
            element('td', r.caseCode ?? (r.ticketNumber ? `号码 ${r.ticketNumber}` : '—')),
            element('td', r.window || '—'), element('td', r.clerk || '—'),
            element('td', beijingTime(r.ratedAt ?? task.created)), due, action);
  return tr;
}

async function refresh() {
  show($('list-problem'), '');
  try {
    const list = await api('/api/v1/ratings/follow-ups');
    $('count').textContent = `(${list.length})`;
    $('empty').hidden = list.length > 0;
    $('rows').replaceChildren(...list.map(row));
  } catch (e) {
    show($('list-problem'), explainStaffError(e, '获取差评整改'));
  }
}

function begin(task) {
  open = task;
  const r = task.rating ?? {};
  $('complete-title').textContent = `填写整改情况 · ${r.caseCode ?? r.ticketNumber ?? task.id}`;
  $('complete-rating').textContent =
      `${kLevel[r.level] ?? r.level ?? ''}：${r.comment || '（无评价内容）'}（窗口 ${r.window || '—'}，经办人 ${r.clerk || '—'}）`;
  $('actions').value = '';
  show($('complete-problem'), '');
  show($('done'), '');
  $('complete').hidden = false;
  $('actions').focus();
}

async function submit() {
  if (!open) return;
  show($('complete-problem'), '');
  $('submit').disabled = true;
  try {
    await api(`/api/v1/ratings/follow-ups/${encodeURIComponent(open.id)}/complete`,
              { method: 'POST', body: { actions: $('actions').value.trim() } });
    const r = open.rating ?? {};
    show($('done'), `已完成整改：${r.caseCode ?? r.ticketNumber ?? open.id}`);
    open = null;
    $('complete').hidden = true;
    await refresh();
  } catch (e) {
    show($('complete-problem'), explainStaffError(e, '提交整改结果'));
  } finally {
    $('submit').disabled = false;
  }
}

$('submit').addEventListener('click', () => submit());
$('cancel').addEventListener('click', () => {
  open = null;
  $('complete').hidden = true;
});

const who = await requirePerson();
showPerson($('person'), who);
await refresh();
document.body.dataset.ready = 'true';

// The department task list: GET /api/v1/department/tasks every 15 s; a
// task opens with its case (GET …/tasks/{id}); claim, then decide
// (approve / supplement / reject with a reason). The deadline column counts
// down to the task's due time, and overdue rows stand out.
import { api, ApiError } from '../js/api.js';
import { requirePerson, showPerson } from '../js/session.js';

const kRefreshMs = 15000;
const $ = (id) => document.getElementById(id);
let who = null;
let openTask = null;
let timer = null;

// "剩 2 天 3 小时", "剩 40 分钟", "已超期 1 天 2 小时".
export function countdown(dueIso, now = Date.now()) {
  if (!dueIso) return { text: '—', state: '' };
  const left = Date.parse(dueIso) - now;
  const minutes = Math.floor(Math.abs(left) / 60000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const span = days > 0 ? `${days} 天 ${hours} 小时` : hours > 0 ? `${hours} 小时` : `${minutes % 60} 分钟`;
  if (left < 0) return { text: `已超期 ${span}`, state: 'overdue' };
  return { text: `剩 ${span}`, state: left < 86400000 ? 'soon' : '' };
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function render(tasks) {
  $('count').textContent = `(${tasks.length})`;
  $('empty').hidden = tasks.length > 0;
  $('tasks').replaceChildren(...tasks.map((task) => {
    const tr = document.createElement('tr');
    tr.dataset.task = task.id;
    if (task.overdue) tr.className = 'overdue';
    const due = countdown(task.due);
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = '办理';
    open.addEventListener('click', () => show(task.id));
    const actions = document.createElement('td');
    actions.append(open);
    tr.append(cell(task.processInstanceId), cell(task.name ?? task.elementId),
              cell(task.assignee ? (task.mine ? '我' : task.assignee) : '未签收'),
              cell(due.text, `deadline ${due.state}`), actions);
    return tr;
  }));
}

async function refresh() {
  clearTimeout(timer);
  try {
    render(await api('/api/v1/department/tasks'));
  } catch (e) {
    if (e.status === 401) location.reload();
  }
  timer = setTimeout(refresh, kRefreshMs);
}

function problem(text) {
  $('problem').textContent = text ?? '';
  $('problem').hidden = !text;
}

async function show(id) {
  problem('');
  const task = await api(`/api/v1/department/tasks/${encodeURIComponent(id)}`);
  openTask = task;
  const c = task.case ?? {};
  $('detail-title').textContent = `${task.name ?? task.elementId} · ${c.caseCode ?? c.businessKey ?? ''}`;
  const facts = [['办件编码', c.caseCode ?? c.businessKey], ['事项', c.matterName ?? c.matterCode],
                 ['申请人', c.applicantName], ['办理时限', countdown(task.due).text]];
  $('case').replaceChildren(...facts.flatMap(([label, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value ?? '—';
    return [dt, dd];
  }));
  const materials = Array.isArray(c.materials) ? c.materials : [];
  $('materials').replaceChildren(...materials.map((m) => {
    const li = document.createElement('li');
    li.textContent = typeof m === 'string' ? m : `${m.name ?? m.id}${m.status ? `(${m.status})` : ''}`;
    return li;
  }));
  $('claim').hidden = Boolean(task.assignee);
  $('detail').hidden = false;
  $('reason').value = '';
}

async function act(path, body) {
  problem('');
  try {
    await api(`/api/v1/department/tasks/${encodeURIComponent(openTask.id)}/${path}`,
              { method: 'POST', body });
    if (path === 'claim') {
      await show(openTask.id);
    } else {
      $('detail').hidden = true;
      openTask = null;
    }
    refresh();
  } catch (e) {
    problem(e instanceof ApiError ? e.message : String(e));
  }
}

$('claim').addEventListener('click', () => act('claim'));
$('approve').addEventListener('click', () => act('decide', { decision: 'approve', reason: $('reason').value }));
$('supplement').addEventListener('click', () => act('decide', { decision: 'supplement', reason: $('reason').value }));
$('reject').addEventListener('click', () => act('decide', { decision: 'reject', reason: $('reason').value }));

who = await requirePerson();
showPerson($('person'), who);
refresh();

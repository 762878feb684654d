// 窗口基本管理: the hall directory's API (/api/v1/admin/…) as tabs of tables
// and forms. Every change sends the version the page last saw; a 409 on
// the version reloads and says so. Nothing here is live on the front desk
// until the hall restarts (the page says so at the top).
import { api } from '../js/api.js';
import { requirePerson, showPerson } from '../js/session.js';

const $ = (id) => document.getElementById(id);

const kKinds = { ordinary: '普通窗口', reserved: '预约专窗', super: '超级综窗', vip: 'VIP 室' };
const kDays = { mon: '一', tue: '二', wed: '三', thu: '四', fri: '五', sat: '六', sun: '日' };
const kFields = {
  id: '编号', number: '窗口号', kind: '类型', zone: '区域', department: '部门', floor: '楼层',
  x: '平面 x', y: '平面 y', queues: '服务队列', matters: '可办事项', name: '名称',
  code: '统一社会信用代码', prefix: '号码前缀', opens: '开始时间', closes: '结束时间',
  days: '开放日', retired: '停用', version: '版本', xml: '大厅模型',
};

const state = { version: 0, windows: [], zones: [], departments: [], queues: [] };
const editing = { window: null, department: null, queue: null };  // id being changed, or null
let formQueues = [];  // the window form's queues, in order

function call(path, options = {}) {
  return api(path, options);
}

function say(text) {
  $('message').textContent = text;
  $('message').hidden = false;
  $('problem').hidden = true;
}

function complain(error, what) {
  if (error.status === 401) {
    location.reload();  // the session ended: sign in again
    return;
  }
  let text;
  if (error.status === 409 && error.field === 'version') {
    text = `${what}未保存：数据已被他人修改，已刷新为最新内容，请核对后重试。`;
    load();
  } else if (error.field) {
    text = `${what}未保存：${explain(error)}`;
  } else if (error.status === 404) {
    text = `${what}失败：未找到，可能已被他人更改，请刷新页面。`;
  } else {
    text = `${what}失败：${error.message}`;
  }
  $('problem').textContent = text;
  $('problem').hidden = false;
  $('message').hidden = true;
}

// The manager's words for a refused field; the server's own message (in
// English, naming the rule) follows for what is not listed here.
function explain(error) {
  const label = kFields[error.field] ?? error.field;
  if (error.status === 409) {
    if (error.field === 'retired') {
      const windows = (error.details.windows ?? []).join('、');
      return `仍有在用窗口使用它（${windows}），请先停用这些窗口或调整其队列、部门。`;
    }
    if (error.field === 'id') return '编号已存在。';
    if (error.field === 'number') return '窗口号已被其他窗口使用。';
    if (error.field === 'prefix') return '号码前缀已被其他队列使用。';
    if (error.field === 'code') return '该统一社会信用代码已属于其他部门。';
  }
  if (error.field === 'queues' && /retired/.test(error.message)) return '在用窗口不能服务已停用的队列。';
  if (error.field === 'queues' && /at least one/.test(error.message)) return '在用窗口至少服务一个队列。';
  if (error.field === 'department' && /retired/.test(error.message)) return '部门已停用，在用窗口不能归属该部门。';
  return `${label}不正确（${error.message}）`;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (className) td.className = className;
  return td;
}

function button(text, onClick, className) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  if (className) b.className = className;
  b.addEventListener('click', onClick);
  return b;
}

function statusCell(retired) {
  return cell(retired ? '已停用' : '在用', retired ? 'state state-retired' : 'state state-active');
}

function showRetired(panel) {
  return $(`panel-${panel}`).querySelector('.show-retired').checked;
}

function queueName(id) {
  return state.queues.find((q) => q.id === id)?.name ?? id;
}

function departmentName(id) {
  return state.departments.find((d) => d.id === id)?.name ?? id ?? '';
}

function actions(kind, item, edit) {
  const td = document.createElement('td');
  td.append(button('编辑', () => edit(item), 'edit'));
  if (!item.retired) td.append(button('停用', () => retire(kind, item), 'retire'));
  return td;
}

// ---- Tables.

function renderWindows() {
  const rows = [];
  for (const w of state.windows) {
    if (w.retired && !showRetired('windows')) continue;
    const tr = document.createElement('tr');
    tr.dataset.window = w.id;
    if (w.retired) tr.className = 'retired';
    tr.append(cell(String(w.number)), cell(w.id), cell(kKinds[w.kind] ?? w.kind),
              cell(state.zones.find((z) => z.id === w.zone)?.name ?? w.zone),
              cell(w.department ? departmentName(w.department) : '—'),
              cell(w.queues.map(queueName).join(' → '), 'window-queues'),
              cell(w.matters.length ? w.matters.join('，') : '', 'window-matters'),
              statusCell(w.retired), actions('windows', w, editWindow));
    rows.push(tr);
  }
  $('windows').replaceChildren(...rows);
}

function renderDepartments() {
  const rows = [];
  for (const d of state.departments) {
    if (d.retired && !showRetired('departments')) continue;
    const staffed = state.windows.filter((w) => w.department === d.id && !w.retired).length;
    const tr = document.createElement('tr');
    tr.dataset.department = d.id;
    if (d.retired) tr.className = 'retired';
    tr.append(cell(d.id), cell(d.name),
              cell(d.code ? `${d.code}${d.illustrative ? '（示例）' : ''}` : ''),
              cell(String(staffed)), statusCell(d.retired),
              actions('departments', d, editDepartment));
    rows.push(tr);
  }
  $('departments').replaceChildren(...rows);
}

function renderQueues() {
  const rows = [];
  for (const q of state.queues) {
    if (q.retired && !showRetired('queues')) continue;
    const serving = state.windows.filter((w) => !w.retired && w.queues.includes(q.id)).length;
    const tr = document.createElement('tr');
    tr.dataset.queue = q.id;
    if (q.retired) tr.className = 'retired';
    tr.append(cell(q.id), cell(q.name), cell(q.prefix), cell(`${q.opens}–${q.closes}`),
              cell(q.days.map((d) => `周${kDays[d]}`).join('、')), cell(String(serving)),
              statusCell(q.retired), actions('queues', q, editQueue));
    rows.push(tr);
  }
  $('queues').replaceChildren(...rows);
}

function render() {
  $('version').textContent = `版本 ${state.version}`;
  renderWindows();
  renderDepartments();
  renderQueues();
}

async function load() {
  try {
    const [windows, departments, queues] = await Promise.all([
      call('/api/v1/admin/windows'), call('/api/v1/admin/departments'),
      call('/api/v1/admin/queues')]);
    state.version = Math.max(windows.version, departments.version, queues.version);
    state.windows = windows.windows;
    state.zones = windows.zones ?? [];
    state.departments = departments.departments;
    state.queues = queues.queues;
    render();
  } catch (e) {
    complain(e, '读取');
  }
}

// Sends a change; on success takes its version and reloads the tables.
async function change(path, method, body, what) {
  try {
    const answer = await call(path, { method, body: { ...body, version: state.version } });
    state.version = answer.version;
    say(`${what}已保存（版本 ${answer.version}），重启后生效。`);
    await load();
    return true;
  } catch (e) {
    complain(e, what);
    return false;
  }
}

async function retire(kind, item) {
  const label = { windows: '窗口', departments: '部门', queues: '队列' }[kind];
  if (!window.confirm(`确定停用${label} ${item.name ?? item.id}？停用后不再叫号，记录保留。`)) return;
  await change(`/api/v1/admin/${kind}/${encodeURIComponent(item.id)}/retire`, 'POST', {},
               `停用${label} ${item.id} `);
}

// ---- Forms.

function fillSelect(select, options, selected) {
  select.replaceChildren(...options.map(([value, text]) => {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = text;
    o.selected = value === selected;
    return o;
  }));
}

function renderFormQueues() {
  $('window-queues').replaceChildren(...formQueues.map((id, i) => {
    const li = document.createElement('li');
    li.dataset.queue = id;
    li.append(document.createTextNode(`${queueName(id)}（${id}）`));
    li.append(button('上移', () => moveQueue(i, -1)), button('下移', () => moveQueue(i, 1)),
              button('移除', () => { formQueues.splice(i, 1); renderFormQueues(); }));
    return li;
  }));
  const free = state.queues.filter((q) => !q.retired && !formQueues.includes(q.id));
  fillSelect($('add-queue-choice'), free.map((q) => [q.id, `${q.name}（${q.prefix}）`]));
}

function moveQueue(i, by) {
  const j = i + by;
  if (j < 0 || j >= formQueues.length) return;
  [formQueues[i], formQueues[j]] = [formQueues[j], formQueues[i]];
  renderFormQueues();
}

function openForm(kind, id, title) {
  for (const k of ['window', 'department', 'queue']) $(`${k}-form`).hidden = k !== kind;
  editing[kind] = id;
  $(`${kind}-form-title`).textContent = title;
  const form = $(`${kind}-form`);
  form.elements.id.readOnly = id !== null;
  form.hidden = false;
  form.scrollIntoView({ block: 'nearest' });
}

function editWindow(w) {
  const form = $('window-form');
  const next = Math.max(0, ...state.windows.map((x) => x.number)) + 1;
  w ??= { id: '', number: next, kind: 'ordinary', zone: state.zones[0]?.id, department: null,
          floor: 1, x: 0, y: 0, queues: [], matters: [] };
  form.elements.id.value = w.id;
  form.elements.number.value = w.number;
  form.elements.kind.value = w.kind;
  fillSelect(form.elements.zone, state.zones.map((z) => [z.id, z.name]), w.zone);
  fillSelect(form.elements.department,
             [['', '（中心自有）'], ...state.departments
               .filter((d) => !d.retired || d.id === w.department).map((d) => [d.id, d.name])],
             w.department ?? '');
  form.elements.floor.value = w.floor;
  form.elements.x.value = w.x;
  form.elements.y.value = w.y;
  form.elements.matters.value = w.matters.join('\n');
  formQueues = [...w.queues];
  renderFormQueues();
  openForm('window', w.id || null, w.id ? `编辑窗口 ${w.id}` : '新增窗口');
}

function editDepartment(d) {
  const form = $('department-form');
  d ??= { id: '', name: '', code: '', illustrative: false };
  form.elements.id.value = d.id;
  form.elements.name.value = d.name;
  form.elements.code.value = d.code ?? '';
  form.elements.illustrative.checked = d.illustrative;
  openForm('department', d.id || null, d.id ? `编辑部门 ${d.id}` : '新增部门');
}

function editQueue(q) {
  const form = $('queue-form');
  q ??= { id: '', name: '', prefix: '', opens: '09:00', closes: '17:00',
          days: ['mon', 'tue', 'wed', 'thu', 'fri'] };
  form.elements.id.value = q.id;
  form.elements.name.value = q.name;
  form.elements.prefix.value = q.prefix;
  form.elements.opens.value = q.opens;
  form.elements.closes.value = q.closes;
  for (const box of form.querySelectorAll('input[name="day"]')) box.checked = q.days.includes(box.value);
  openForm('queue', q.id || null, q.id ? `编辑队列 ${q.id}` : '新增队列');
}

$('window-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = event.target.elements;
  const body = {
    number: Number(f.number.value), kind: f.kind.value, zone: f.zone.value,
    department: f.department.value || null, floor: Number(f.floor.value),
    x: Number(f.x.value), y: Number(f.y.value), queues: formQueues,
    matters: f.matters.value.split('\n').map((m) => m.trim()).filter((m) => m),
  };
  const id = editing.window;
  const ok = id
    ? await change(`/api/v1/admin/windows/${encodeURIComponent(id)}`, 'PUT', body, `窗口 ${id} `)
    : await change('/api/v1/admin/windows', 'POST', { id: f.id.value.trim(), ...body },
                   `窗口 ${f.id.value.trim()} `);
  if (ok) event.target.hidden = true;
});

$('department-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = event.target.elements;
  const body = { name: f.name.value.trim(), code: f.code.value.trim() || null,
                 illustrative: f.illustrative.checked };
  const id = editing.department;
  const ok = id
    ? await change(`/api/v1/admin/departments/${encodeURIComponent(id)}`, 'PUT', body, `部门 ${id} `)
    : await change('/api/v1/admin/departments', 'POST', { id: f.id.value.trim(), ...body },
                   `部门 ${f.id.value.trim()} `);
  if (ok) event.target.hidden = true;
});

$('queue-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = event.target.elements;
  const body = {
    name: f.name.value.trim(), prefix: f.prefix.value.trim().toUpperCase(), opens: f.opens.value,
    closes: f.closes.value,
    days: [...event.target.querySelectorAll('input[name="day"]:checked')].map((b) => b.value),
  };
  const id = editing.queue;
  const ok = id
    ? await change(`/api/v1/admin/queues/${encodeURIComponent(id)}`, 'PUT', body, `队列 ${id} `)
    : await change('/api/v1/admin/queues', 'POST', { id: f.id.value.trim(), ...body },
                   `队列 ${f.id.value.trim()} `);
  if (ok) event.target.hidden = true;
});

$('add-queue').addEventListener('click', () => {
  const id = $('add-queue-choice').value;
  if (id && !formQueues.includes(id)) formQueues.push(id);
  renderFormQueues();
});
$('new-window').addEventListener('click', () => editWindow(null));
$('new-department').addEventListener('click', () => editDepartment(null));
$('new-queue').addEventListener('click', () => editQueue(null));
for (const cancel of document.querySelectorAll('.hall-form .cancel')) {
  cancel.addEventListener('click', () => { cancel.closest('form').hidden = true; });
}
for (const box of document.querySelectorAll('.show-retired')) box.addEventListener('change', render);

for (const tab of document.querySelectorAll('.hall-tabs button')) {
  tab.addEventListener('click', () => {
    for (const other of document.querySelectorAll('.hall-tabs button')) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      $(`panel-${other.dataset.tab}`).hidden = !selected;
    }
  });
}

// ---- The hall model as XML.

$('export').addEventListener('click', async () => {
  try {
    const model = await call('/api/v1/admin/hall-model?as=json');
    const blob = new Blob([model.xml], { type: 'application/xml' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `hall-model-v${model.version}.xml`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    say(`已导出大厅模型（版本 ${model.version}）。`);
  } catch (e) {
    complain(e, '导出');
  }
});

$('import').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  event.target.value = '';
  if (!file) return;
  const xml = await file.text();
  if (!window.confirm(`用 ${file.name} 替换整个大厅的窗口、部门和队列？`)) return;
  try {
    const answer = await call('/api/v1/admin/hall-model', {
      method: 'POST', body: { xml, name: file.name, version: state.version } });
    say(`已导入 ${file.name}：${answer.windows} 个窗口、${answer.departments} 个部门、` +
        `${answer.queues} 个队列（版本 ${answer.version}），重启后生效。`);
    await load();
  } catch (e) {
    complain(e, `导入 ${file.name} `);
  }
});

// ---- Start.

function showAdmin() {
  $('admin').hidden = false;
  $('tools').hidden = false;
  load();
}

showPerson($('person'), await requirePerson());
showAdmin();

// 网办接件: GET /api/v1/online-cases (the hall's pending online cases, the
// applicant masked by the server); for each, the matter's situation
// questions (GET /api/v1/catalogue/{code}) to show the answers in words and
// the city's form definition (GET /api/v1/matters/{code}/form) read-only;
// 接件 is POST /api/v1/online-cases/{id}/take, which answers the case
// (201, or 200 with alreadyTaken when it had been taken in before).
import { api } from '../js/api.js';
import { requirePerson, showPerson } from '../js/session.js';
import { beijingTime, element, explainStaffError } from '../js/staff_text.js';

const $ = (id) => document.getElementById(id);

const kFieldType = {
  text: '文本', number: '数字', date: '日期', select: '选择', idNumber: '证件号码', phone: '手机号码',
};

// Per matter code, a promise of what the page shows of it (fetched once).
const subjects = new Map();
const forms = new Map();

function once(cache, key, load) {
  if (!cache.has(key)) cache.set(key, load().catch((e) => ({ failed: e })));
  return cache.get(key);
}

function notConnected(error) {
  return error?.status === 409 && String(error.message).includes('未连接');
}

function facts(pairs) {
  const dl = element('dl');
  for (const [label, value] of pairs) dl.append(element('dt', label), element('dd', value || '—'));
  return dl;
}

// "question：answer" in the catalogue's words (the ids when it has none).
function situationList(situation, subject) {
  const questions = subject?.questions ?? [];
  const rank = (id) => {
    const at = questions.findIndex((q) => q.id === id);
    return at < 0 ? questions.length : at;
  };
  // In the catalogue's order of the questions.
  const entries = Object.entries(situation ?? {}).sort(([a], [b]) => rank(a) - rank(b));
  if (entries.length === 0) return element('p', '无', 'hint');
  const ul = element('ul', undefined, 'situation');
  for (const [id, option] of entries) {
    const q = questions.find((x) => x.id === id);
    const label = q?.options?.find((o) => o.id === option)?.label ?? option;
    const li = element('li', `${q?.text ?? id}：${label}`);
    li.dataset.question = id;
    ul.append(li);
  }
  return ul;
}

// The city's form definition, every field read-only with its label.
function formTable(form, caseId) {
  if (form?.failed) {
    return element('p', `未能获取表单定义：${explainStaffError(form.failed, '获取表单')}`, 'problem');
  }
  const table = element('table', undefined, 'form');
  const head = element('tr');
  head.append(element('th', '填报项'), element('th', '类型'), element('th', '内容'));
  table.append(element('thead'));
  table.tHead.append(head);
  const body = element('tbody');
  for (const field of form.fields ?? []) {
    const tr = element('tr');
    tr.dataset.field = field.name;
    const id = `form-${caseId}-${field.name}`;
    const label = element('label', `${field.label}${field.required ? '（必填）' : ''}`);
    label.htmlFor = id;
    let control;
    if (field.type === 'select') {
      control = element('select');
      control.disabled = true;
      control.append(new Option('（申请人在网上选择）', ''),
                     ...(field.options ?? []).map((o) => new Option(o, o)));
    } else {
      control = element('input');
      control.readOnly = true;
      control.placeholder = '申请人在网上填写';
    }
    control.id = id;
    const labelCell = element('td');
    labelCell.append(label);
    const controlCell = element('td');
    controlCell.append(control);
    tr.append(labelCell, element('td', kFieldType[field.type] ?? field.type), controlCell);
    body.append(tr);
  }
  table.append(body);
  const wrap = element('div');
  wrap.append(element('p', `表单版本 ${form.version ?? '—'}`, 'hint'), table);
  return wrap;
}

async function take(online, card, button) {
  const problem = card.querySelector('.problem');
  problem.hidden = true;
  button.disabled = true;
  try {
    const taken = await api(`/api/v1/online-cases/${encodeURIComponent(online.id)}/take`,
                            { method: 'POST', body: {} });
    const done = element('p', undefined, 'taken');
    done.setAttribute('role', 'status');
    done.append(taken.alreadyTaken ? '该网办件此前已接件，办件编码 ' : '已接件受理，办件编码 ',
                element('span', taken.caseCode, 'case-code'),
                `，承诺办结日期 ${taken.promisedDate ?? '—'}`);
    button.replaceWith(done);
    card.dataset.taken = taken.caseCode;
  } catch (e) {
    problem.textContent = explainStaffError(e, '接件');
    problem.hidden = false;
    button.disabled = false;
  }
}

async function card(online) {
  const section = element('section', undefined, 'online-case');
  section.dataset.online = online.id;
  const [subject, form] = await Promise.all([
    once(subjects, online.matterCode, () => api(`/api/v1/catalogue/${encodeURIComponent(online.matterCode)}`)),
    once(forms, online.matterCode, () => api(`/api/v1/matters/${encodeURIComponent(online.matterCode)}/form`)),
  ]);
  section.append(
    element('h3', online.matterName ?? subject?.name ?? online.matterCode),
    facts([['网办件编号', online.id], ['申请人', online.applicantName],
           ['证件号码', online.applicantId], ['手机号码', online.phone],
           ['事项编码', online.matterCode], ['申请时间', beijingTime(online.appliedAt)]]),
    element('h4', '申请情形'), situationList(online.situation, subject?.failed ? null : subject),
    element('h4', '表单定义'), formTable(form, online.id));
  const button = element('button', '接件', 'primary');
  button.type = 'button';
  button.addEventListener('click', () => take(online, section, button));
  const problem = element('p', undefined, 'problem');
  problem.setAttribute('role', 'alert');
  problem.hidden = true;
  section.append(button, problem);
  return section;
}

function status(text) {
  $('status').textContent = text ?? '';
  $('status').hidden = !text;
}

async function refresh() {
  status('');
  let list;
  try {
    list = await api('/api/v1/online-cases');
  } catch (e) {
    $('cases').replaceChildren();
    $('count').textContent = '';
    $('empty').hidden = true;
    status(notConnected(e) ? '未连接一网通办中台，暂不能接收网办件' : explainStaffError(e, '获取网办件'));
    return;
  }
  $('count').textContent = `(${list.length})`;
  $('empty').hidden = list.length > 0;
  $('cases').replaceChildren(...await Promise.all(list.map(card)));
}

const who = await requirePerson();
showPerson($('person'), who);
$('refresh').addEventListener('click', () => refresh());
await refresh();
document.body.dataset.ready = 'true';

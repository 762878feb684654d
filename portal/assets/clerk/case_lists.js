// The workbench's cases: those this clerk accepted (GET /api/v1/cases?mine=true),
// those a department returned for supplement (补正: the reasons, and which
// of the case's materials came in — POST /api/v1/clerk/tasks/{id}/complete
// {materials}), and those whose licence is issued and waits at the window
// (出证: {delivery: window | express}, and for express the recipient).
// Refreshed every 15 s.
import { api, ApiError } from '../js/api.js';

const $ = (id) => document.getElementById(id);
const kRefreshMs = 15000;
const kHeads = {
  mine: ['办件编码', '事项', '申请人', '受理时间', '承诺办结', ''],
  supplement: ['办件编码', '事项', '申请人', '补正原因', '补正收件', ''],
  issue: ['办件编码', '事项', '申请人', '证照编号', '送达方式', ''],
};

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

// One cell per value: text (— when absent), or a node such as a button.
function cells(tr, values) {
  for (const value of values) {
    const td = element('td');
    if (value instanceof Node) td.append(value);
    else td.textContent = value ?? '—';
    tr.append(td);
  }
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—';
}

export class CaseLists {
  constructor() {
    this.tab = 'mine';
    this.timer = null;
    for (const button of document.querySelectorAll('#cases [role=tab]')) {
      button.addEventListener('click', () => {
        this.tab = button.dataset.tab;
        for (const b of document.querySelectorAll('#cases [role=tab]')) {
          b.setAttribute('aria-selected', String(b === button));
        }
        this.refresh();
      });
    }
  }

  async refresh() {
    clearTimeout(this.timer);
    this.problem('');
    try {
      const [supplement, issue] = await Promise.all([
        api('/api/v1/clerk/tasks?queue=supplement'), api('/api/v1/clerk/tasks?queue=issue')]);
      $('count-supplement').textContent = supplement.length ? `(${supplement.length})` : '';
      $('count-issue').textContent = issue.length ? `(${issue.length})` : '';
      const rows = this.tab === 'mine' ? await this.mine()
        : this.tab === 'supplement' ? supplement.map((t) => this.supplementRow(t))
          : issue.map((t) => this.issueRow(t));
      $('case-head').replaceChildren(element('tr'));
      $('case-head').firstChild.append(...kHeads[this.tab].map((h) => element('th', h)));
      $('case-rows').replaceChildren(...rows);
      $('case-rows').dataset.tab = this.tab;
      $('cases-empty').hidden = rows.length > 0;
    } catch (e) {
      if (e.status === 401) location.reload();
      this.problem(e instanceof ApiError ? e.message : String(e));
    }
    this.timer = setTimeout(() => this.refresh(), kRefreshMs);
  }

  async mine() {
    const cases = await api('/api/v1/cases?mine=true');
    return cases.map((c) => {
      const tr = element('tr');
      tr.dataset.case = c.caseCode;
      const link = element('a', '查看');
      link.href = `/case.html?code=${encodeURIComponent(c.caseCode)}`;
      link.target = '_blank';
      cells(tr, [c.caseCode, c.subjectName, c.applicantName, when(c.acceptedAt), c.promisedDate, link]);
      return tr;
    });
  }

  supplementRow(task) {
    const c = task.case ?? {};
    const tr = element('tr');
    tr.dataset.case = c.caseCode ?? '';
    tr.dataset.task = task.id;
    const reasons = (c.reviews ?? []).filter((r) => r.decision === 'supplement')
      .map((r) => r.reason).join('；');
    const received = element('div', undefined, 'materials');
    for (const m of Array.isArray(c.materials) ? c.materials : []) {
      if (m.status === 'elicense') continue;
      const label = element('label');
      const box = element('input');
      box.type = 'checkbox';
      box.value = m.id;
      label.append(box, ` ${m.name}`);
      received.append(label);
    }
    const done = element('button', '补正收件');
    done.type = 'button';
    done.className = 'primary';
    done.addEventListener('click', () => this.complete(task.id, {
      materials: [...received.querySelectorAll('input:checked')].map((b) => b.value),
    }));
    cells(tr, [c.caseCode, c.matterName, c.applicantName, reasons || '—', received, done]);
    return tr;
  }

  issueRow(task) {
    const c = task.case ?? {};
    const tr = element('tr');
    tr.dataset.case = c.caseCode ?? '';
    tr.dataset.task = task.id;
    const delivery = element('select');
    delivery.setAttribute('aria-label', '送达方式');
    delivery.append(new Option('窗口领取', 'window'), new Option('邮寄送达', 'express'));
    // 邮寄送达: whom to send it to (the hall keeps it sealed).
    const recipient = element('div', undefined, 'recipient');
    recipient.hidden = true;
    const fields = {};
    for (const [name, label] of [['name', '收件人'], ['phone', '手机号'],
      ['district', '所在区'], ['address', '收件地址']]) {
      const input = element('input');
      input.placeholder = label;
      input.setAttribute('aria-label', label);
      fields[name] = input;
      recipient.append(input);
    }
    delivery.addEventListener('change', () => { recipient.hidden = delivery.value !== 'express'; });
    const way = element('div');
    way.append(delivery, recipient);
    const done = element('button', '出证');
    done.type = 'button';
    done.className = 'primary';
    done.addEventListener('click', () => {
      const body = { delivery: delivery.value };
      if (delivery.value === 'express') {
        body.recipient = Object.fromEntries(
          Object.entries(fields).map(([name, input]) => [name, input.value.trim()]));
      }
      this.complete(task.id, body);
    });
    cells(tr, [c.caseCode, c.matterName, c.applicantName, c.licence?.number, way, done]);
    return tr;
  }

  async complete(taskId, body) {
    this.problem('');
    try {
      await api(`/api/v1/clerk/tasks/${encodeURIComponent(taskId)}/complete`, { method: 'POST', body });
      await this.refresh();
    } catch (e) {
      this.problem(e instanceof ApiError ? e.message : String(e));
    }
  }

  problem(text) {
    $('cases-problem').textContent = text ?? '';
    $('cases-problem').hidden = !text;
  }
}

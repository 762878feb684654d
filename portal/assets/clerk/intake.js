// Intake and acceptance (收件受理): find a matter or a 一件事 theme in the
// catalogue (GET /api/v1/catalogue?q=), answer its situation questions,
// get the checklist for that situation (POST …/checklist) with each
// material's review points, mark each material received, to be supplemented
// (容缺后补) or not brought, and accept (POST /api/v1/cases). Once the
// applicant's ID number is typed, the city's e-licence library is asked
// which licences they hold (用证清单, POST /api/v1/intake/licence-check —
// the number in the body, never in a URL): an e-licence material they hold
// valid shows 电子证照已调取 with its number; one they do not hold, or any
// when the library fails (查询电子证照失败，请核验纸质材料), gets a mark
// like a paper material, so the clerk takes the paper. A material not
// brought stops acceptance: the clerk tells the applicant at once everything
// that is missing (一次性告知). Accepting shows the case code, the promised
// date, and the signed receipt, checked against the hall's signature.
import { api, ApiError } from '../js/api.js';

const $ = (id) => document.getElementById(id);
const kSearchDelayMs = 250;
const kMarks = [['', '请标记'], ['received', '已收取'], ['supplement', '容缺后补'], ['missing', '未带']];
const kFieldInput = { applicantName: 'applicant-name', applicantId: 'applicant-id', phone: 'applicant-phone' };

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export class Intake {
  // windowId(): the clerk's window, sent with the case; onAccepted(case).
  constructor(windowId, onAccepted) {
    this.windowId = windowId;
    this.onAccepted = onAccepted;
    this.subject = null;
    this.items = [];
    this.licences = null;  // the last licence check, for this subject and applicant
    let timer = null;
    $('catalogue-search').addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.search(), kSearchDelayMs);
    });
    $('applicant-id').addEventListener('change', () => this.checkLicences());
    $('accept').addEventListener('click', () => this.accept());
    $('next-intake').addEventListener('click', () => this.reset());
  }

  async search() {
    const text = $('catalogue-search').value.trim();
    if (!text) {
      $('catalogue-results').replaceChildren();
      return;
    }
    const found = await api(`/api/v1/catalogue?q=${encodeURIComponent(text)}`);
    const rows = [
      ...found.themes.map((t) => ({ ...t, theme: true, hint: `一件事 · 含 ${t.matters.length} 个事项` })),
      ...found.matters.map((m) => ({ ...m, theme: false, hint: m.department })),
    ];
    $('catalogue-results').replaceChildren(...rows.map((row) => {
      const li = element('li');
      const pick = element('button', row.name);
      pick.type = 'button';
      pick.dataset.code = row.code;
      pick.addEventListener('click', () => this.open(row.code));
      li.append(pick, element('span', `${row.hint} · 承诺 ${row.promisedDays} 个工作日`, 'hint'));
      if (row.theme) li.prepend(element('span', '一件事', 'chip'));
      return li;
    }));
    if (rows.length === 0) $('catalogue-results').append(element('li', '未找到相关事项', 'hint'));
  }

  async open(code) {
    this.problem('');
    const subject = await api(`/api/v1/catalogue/${encodeURIComponent(code)}`);
    this.subject = subject;
    $('catalogue-results').replaceChildren();
    $('subject-name').textContent = subject.name;
    $('subject-facts').textContent =
      `${subject.kind === 'theme' ? '一件事' : '事项编码 ' + subject.code} · 承诺 ${subject.promisedDays} 个工作日办结`;
    $('questions').replaceChildren(...subject.questions.map((q) => {
      const row = element('div', undefined, 'form-row');
      const label = element('label', q.text);
      label.htmlFor = `question-${q.id}`;
      const select = element('select');
      select.id = `question-${q.id}`;
      select.dataset.question = q.id;
      select.append(...q.options.map((o) => new Option(o.label, o.id)));
      select.addEventListener('change', () => this.loadChecklist());
      row.append(label, select);
      return row;
    }));
    $('subject').hidden = false;
    $('accepted').hidden = true;
    this.licences = null;
    await this.loadChecklist();
    await this.checkLicences();
  }

  answers() {
    const out = {};
    for (const select of $('questions').querySelectorAll('select')) out[select.dataset.question] = select.value;
    return out;
  }

  async loadChecklist() {
    this.items = await api(`/api/v1/catalogue/${encodeURIComponent(this.subject.code)}/checklist`,
                           { method: 'POST', body: { answers: this.answers() } });
    $('checklist').replaceChildren(...this.items.map((item) => {
      const tr = element('tr');
      tr.dataset.material = item.id;
      const name = element('td', item.name);
      if (!item.required) name.append(element('span', '（如有）', 'hint'));
      const need = element('td', `${item.original ? '原件' : '复印件'} ${item.copies} 份`);
      const points = element('td');
      const list = element('ul', undefined, 'points');
      list.append(...item.reviewPoints.map((p) => element('li', p)));
      points.append(list);
      tr.append(name, need, points, this.markCell(item));
      return tr;
    }));
    this.checkMissing();
  }

  // The clerk's mark of a material: a select, or for an e-licence what the
  // library said of it.
  markCell(item) {
    const mark = element('td');
    mark.className = 'mark';
    const found = this.licences?.materials.find((m) => m.id === item.id);
    if (!item.bring && found?.fetched) {
      mark.append(element('span', found.label, 'chip elicense fetched'));
      return mark;
    }
    const lookup = this.licences?.lookup;
    if (!item.bring && lookup !== 'looked' && lookup !== 'failed') {
      mark.append(element('span', '电子证照，免提交', 'chip elicense'));
      return mark;
    }
    const select = element('select');
    select.dataset.material = item.id;
    select.setAttribute('aria-label', `${item.name} 收件`);
    select.append(...kMarks.map(([value, label]) => new Option(label, value)));
    select.addEventListener('change', () => this.checkMissing());
    mark.append(select);
    if (!item.bring) {
      const why = lookup === 'failed' ? '查询失败，请核验纸质材料' : '未调取到有效电子证照，请收取纸质材料';
      mark.append(element('span', why, 'hint'));
    }
    return mark;
  }

  // Asks the e-licence library for the applicant's licences and marks the
  // checklist; a library that fails leaves intake as it was (the clerk
  // checks the paper). An ID number the hall refuses waits for acceptance
  // to name it.
  async checkLicences() {
    const idNumber = $('applicant-id').value.trim();
    if (!this.subject || !idNumber) return;
    const code = this.subject.code;
    let checked = null;
    try {
      checked = await api('/api/v1/intake/licence-check', {
        method: 'POST',
        body: { matterCode: code, idType: 'ID_CARD', idNumber },
      });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // No answer in time (the library slow to fail): the paper, as for a failure.
      if (e.status === 0) checked = { lookup: 'failed', note: '查询电子证照失败，请核验纸质材料', materials: [] };
    }
    if (this.subject?.code !== code) return;  // another subject was opened meanwhile
    this.licences = checked;
    $('licence-note').textContent = checked && checked.lookup !== 'not-connected' ? checked.note : '';
    $('licence-note').hidden = !$('licence-note').textContent;
    $('licence-note').dataset.lookup = checked?.lookup ?? '';
    for (const tr of $('checklist').querySelectorAll('tr')) {
      const item = this.items.find((i) => i.id === tr.dataset.material);
      if (item && !item.bring) tr.lastElementChild.replaceWith(this.markCell(item));
    }
    this.checkMissing();
  }

  marks() {
    const out = {};
    for (const select of $('checklist').querySelectorAll('select')) {
      if (select.value) out[select.dataset.material] = select.value;
    }
    return out;
  }

  // Materials not brought: named all at once, and no acceptance.
  checkMissing() {
    const marks = this.marks();
    const missing = this.items.filter((i) => marks[i.id] === 'missing').map((i) => i.name);
    $('missing-note').textContent = missing.length
      ? `材料不齐，不予受理。请一次性告知申请人补齐：${missing.join('、')}`
      : '';
    $('missing-note').hidden = missing.length === 0;
    $('accept').disabled = missing.length > 0;
  }

  async accept() {
    this.problem('');
    $('accept').disabled = true;
    $('accept').textContent = '受理中…（配有指纹仪的窗口请按压手指）';
    const materials = {};
    for (const [id, mark] of Object.entries(this.marks())) {
      if (mark === 'received' || mark === 'supplement') materials[id] = mark;
    }
    try {
      const accepted = await api('/api/v1/cases', {
        method: 'POST',
        timeoutMs: 45000,  // a window's fingerprint reader may be asked first
        body: {
          subject: this.subject.code,
          applicantName: $('applicant-name').value.trim(),
          applicantId: $('applicant-id').value.trim(),
          phone: $('applicant-phone').value.trim(),
          window: this.windowId() ?? '',
          answers: this.answers(),
          materials,
        },
      });
      await this.showAccepted(accepted);
      this.onAccepted(accepted);
    } catch (e) {
      $('accept').textContent = '受理';
      this.checkMissing();
      if (!(e instanceof ApiError)) throw e;
      this.problem(e.message);
      if (kFieldInput[e.field]) {
        $(kFieldInput[e.field]).focus();
      } else if (e.field.startsWith('materials.')) {
        const id = CSS.escape(e.field.slice('materials.'.length));
        $('checklist').querySelector(`select[data-material="${id}"]`)?.focus();
      }
    }
  }

  async showAccepted(accepted) {
    $('accept').textContent = '受理';
    $('subject').hidden = true;
    $('accepted-fingerprint').textContent = accepted.fingerprintConfirmed ? '已由窗口指纹仪确认' : '本窗口未配指纹仪';
    $('accepted').hidden = false;
    $('accepted-code').textContent = accepted.caseCode;
    $('accepted-date').textContent = `${accepted.promisedDate}（${accepted.promisedDays} 个工作日）`;
    const code = encodeURIComponent(accepted.caseCode);
    $('receipt-link').href = `/api/v1/receipts/${code}/pdf`;
    $('receipt-link').download = `受理凭证-${accepted.caseCode}.pdf`;
    try {
      const checked = await api(`/api/v1/receipts/${code}/verify`);
      $('receipt-check').textContent = checked.valid ? '凭证签名有效（SM2）' : '凭证签名无效';
      $('receipt-check').dataset.valid = String(Boolean(checked.valid));
    } catch (e) {
      $('receipt-check').textContent = `凭证签名无效：${e.message}`;
      $('receipt-check').dataset.valid = 'false';
    }
  }

  reset() {
    this.subject = null;
    this.items = [];
    this.licences = null;
    $('licence-note').hidden = true;
    for (const id of ['catalogue-search', 'applicant-name', 'applicant-id', 'applicant-phone']) $(id).value = '';
    $('subject').hidden = true;
    $('accepted').hidden = true;
    $('catalogue-search').focus();
  }

  problem(text) {
    $('intake-problem').textContent = text ?? '';
    $('intake-problem').hidden = !text;
  }
}

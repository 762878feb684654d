// Chinese text for the staff pages (网办接件, 差评整改): an ApiError told in
// Chinese with the field it is about, and an instant in Beijing time.

// The request fields these pages can meet, by the name the server gives.
const kFieldName = {
  applicant: '申请人',
  'applicant.name': '申请人姓名',
  'applicant.idType': '申请人证件类型',
  'applicant.idNumber': '申请人证件号码',
  applicantName: '申请人姓名',
  applicantId: '申请人证件号码',
  phone: '手机号码',
  subject: '办理事项',
  matterCode: '办理事项',
  answers: '申请情形',
  window: '窗口',
  actions: '整改情况',
  id: '编号',
};

export function fieldName(field) {
  if (kFieldName[field]) return kFieldName[field];
  if (field.startsWith('situation.') || field.startsWith('answers.')) return '申请情形';
  return field;
}

const kHasChinese = /[\u4e00-\u9fff]/;

// What the server said after the field ("…: applicant.idType: 窗口接件仅支持…"),
// when it said it in Chinese; else ''.
function chinesePart(message) {
  const last = String(message ?? '').split(': ').pop().trim();
  return kHasChinese.test(last) ? last.replace(/\s*\([^)]*\)\s*$/, '') : '';
}

// A sentence for a failed request: `what` is what the clerk tried (接件,
// 提交整改结果); a field error names the field in Chinese.
export function explainStaffError(error, what) {
  const status = error?.status ?? 0;
  if (status === 0) return `网络连接异常，${what}未成功，请稍后重试`;
  if (status === 401) return '登录已过期，请重新登录';
  if (status === 403) return `无权${what}`;
  const said = chinesePart(error.message);
  if (error.field) return `${what}未成功：${fieldName(error.field)}有误${said ? `——${said}` : ''}`;
  if (status === 404) return `${what}未成功：该记录不存在或已处理`;
  if (status === 409) return `${what}未成功：${said || '该记录已被他人处理'}`;
  if (status >= 500) return `${what}未成功：系统或中台暂时无法访问，请稍后重试`;
  return `${what}未成功${said ? `：${said}` : ''}`;
}

// "2026-11-30 09:05" in Beijing time, from epoch ms or an ISO text.
export function beijingTime(at) {
  if (at === null || at === undefined || at === '') return '—';
  const date = new Date(typeof at === 'number' ? at : Date.parse(at));
  if (Number.isNaN(date.getTime())) return '—';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

// A <tag> with text and class, for building rows.
export function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

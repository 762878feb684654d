// Chinese words for what the server says in English: window and ticket
// states, the request fields, and the errors a visitor can meet at a kiosk.

export const kWindowState = {
  idle: '空闲',
  calling: '呼叫中',
  serving: '办理中',
  paused: '暂停服务',
  offline: '未登录',
};

export const kFieldName = {
  queue: '办理业务',
  channel: '取号方式',
  idNumber: '身份证号码',
  appointmentCode: '预约码',
  suishenCode: '随申码',
  phone: '手机号码',
};

// Each rule: the field it is about, a test on the server's message, and
// what a visitor reads. The first that fits wins.
const kRules = [
  { field: 'idNumber', has: 'check character', text: () => '身份证号码校验位错误，请核对后重新输入' },
  { field: 'idNumber', has: '18 characters', text: () => '身份证号码应为18位' },
  { field: 'idNumber', has: 'must be digits', text: () => '身份证号码前17位应为数字' },
  { field: 'idNumber', has: 'in the future', text: () => '身份证号码中的出生日期晚于今天' },
  { field: 'idNumber', has: 'is not a date', text: () => '身份证号码中的出生日期无效' },
  { field: 'idNumber', has: 'already holds', text: () => '您在该业务已有未办结的号码，请勿重复取号' },
  { field: 'idNumber', has: 'required', text: () => '请刷身份证或输入身份证号码' },
  { field: 'appointmentCode', has: 'no such', text: () => '未找到该预约，请核对预约码' },
  { field: 'appointmentCode', has: 'already checked in', text: () => '该预约已签到，请勿重复取号' },
  {
    field: 'appointmentCode', has: 'too early',
    text: (d) => (d.checkInFrom ? `签到时间未到，请于预约当日 ${d.checkInFrom} 后签到` : '签到时间未到，请于预约时段前30分钟内签到'),
  },
  { field: 'appointmentCode', has: 'required', text: () => '请输入预约码' },
  {
    field: 'suishenCode', code: 'UNAVAILABLE',
    text: () => '随申码核验暂不可用，请使用身份证取号或直接取号',
  },
  { field: 'suishenCode', has: 'required', text: () => '请出示随申码' },
  { field: 'suishenCode', text: () => '随申码无效或已过期，请刷新后重试' },
  {
    field: 'queue', has: 'closed',
    text: (d) => (d.hours ? `该业务当前暂停取号（取号时间 ${d.hours}）` : '该业务当前暂停取号'),
  },
  { field: 'queue', has: 'appointment is for', text: () => '该预约不属于所选业务' },
  { field: 'queue', text: () => '所选业务不存在，请重新选择' },
  { field: 'phone', text: () => '手机号码应为以1开头的11位数字' },
];

// { field: '身份证号码' | '', text } for an ApiError.
export function explainError(error) {
  if (error.status === 0) {
    return { field: '', text: '网络连接异常，请稍后重试或联系工作人员' };
  }
  if (error.status === 401 || error.status === 403) {
    return { field: '', text: '设备未授权，请联系工作人员' };
  }
  const field = error.field ?? '';
  const message = String(error.message ?? '');
  for (const rule of kRules) {
    if (rule.field !== field) continue;
    if (rule.code && rule.code !== error.code) continue;
    if (rule.has && !message.includes(rule.has)) continue;
    return { field: kFieldName[field] ?? field, text: rule.text(error.details ?? {}) };
  }
  if (error.status >= 500) {
    return { field: kFieldName[field] ?? '', text: '系统繁忙，请稍后重试或联系工作人员' };
  }
  return { field: kFieldName[field] ?? field, text: '取号未成功，请联系工作人员' };
}

// "约 8 分钟", "约 1 小时 20 分钟"; "无需等候" for none.
export function waitText(minutes) {
  const m = Math.max(0, Math.round(Number(minutes) || 0));
  if (m === 0) return '无需等候';
  if (m < 60) return `约 ${m} 分钟`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? `约 ${h} 小时` : `约 ${h} 小时 ${rest} 分钟`;
}

const kWeekday = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

// Beijing time, whatever zone the device's clock is set to.
function beijingParts(date) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', weekday: 'short',
  }).formatToParts(date);
  const get = (type) => parts.find((p) => p.type === type)?.value ?? '';
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    year: get('year'), month: get('month'), day: get('day'),
    hour: get('hour'), minute: get('minute'), second: get('second'),
    weekday: kWeekday[weekdays.indexOf(get('weekday'))] ?? '',
  };
}

export function dateText(date = new Date()) {
  const p = beijingParts(date);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.weekday}`;
}

export function timeText(date = new Date(), { seconds = false } = {}) {
  const p = beijingParts(date);
  return seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
}

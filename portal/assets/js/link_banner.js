// What a device page shows about its link to the hall: nothing while
// online, a bar while (re)connecting, and a full-screen notice when the
// hall does not know this device or its key.

let bar = null;
let notice = null;

function ensureBar() {
  if (!bar) {
    bar = document.createElement('div');
    bar.className = 'link-bar';
    bar.setAttribute('role', 'status');
    document.body.append(bar);
  }
  return bar;
}

// Shows the full-screen 设备未授权 notice; `why` names the cause for the
// technician who installs the device.
export function showUnauthorized(deviceId, why) {
  if (bar) bar.hidden = true;
  if (!notice) {
    notice = document.createElement('div');
    notice.className = 'link-refused';
    notice.setAttribute('role', 'alert');
    document.body.append(notice);
  }
  notice.replaceChildren();
  const title = document.createElement('h1');
  title.textContent = '设备未授权';
  const detail = document.createElement('p');
  detail.textContent = why;
  const device = document.createElement('p');
  device.className = 'link-refused-device';
  device.textContent = deviceId ? `设备编号：${deviceId}` : '页面地址缺少设备编号（device）或密钥（key）';
  const help = document.createElement('p');
  help.textContent = '请联系中心管理员登记本设备并配置正确的密钥。';
  notice.append(title, detail, device, help);
  document.documentElement.dataset.link = 'unauthorized';
}

const kRefusalText = {
  'unknown-device': '本设备未在大厅登记。',
  'bad-key': '设备密钥错误。',
  'missing': '未提供设备编号或密钥。',
  'rest': '服务器拒绝了本设备的请求。',
};

// The DeviceLink onState callback of every device page.
export function showLinkState(state, detail, deviceId) {
  document.documentElement.dataset.link = state;
  if (state === 'unauthorized') {
    showUnauthorized(deviceId, kRefusalText[detail] ?? '设备认证失败。');
    return;
  }
  const b = ensureBar();
  b.hidden = state === 'online';
  b.classList.toggle('link-bar-down', state === 'reconnecting');
  b.textContent = state === 'reconnecting' ? '连接中断，正在重连…' : '正在连接服务器…';
}

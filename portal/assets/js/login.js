// The sign-in form: POST /api/v1/session, then on to ?next= (a path of
// this portal only) or home. The server's words for a refusal are shown
// as they come (登录名或密码错误, 账号已锁定 …).
import { api, ApiError } from './api.js';

const form = document.getElementById('sign-in');
const problem = document.getElementById('problem');

function nextPage() {
  const next = new URLSearchParams(location.search).get('next') ?? '';
  // Only a path on this server: never an address elsewhere.
  return next.startsWith('/') && !next.startsWith('//') ? next : '/index.html';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  problem.hidden = true;
  try {
    await api('/api/v1/session', {
      method: 'POST',
      body: { login: form.login.value.trim(), password: form.password.value },
    });
    location.assign(nextPage());
  } catch (e) {
    problem.textContent = e instanceof ApiError && e.status !== 0 ? e.message : '无法连接服务器，请稍后重试';
    problem.hidden = false;
    form.password.value = '';
    form.password.focus();
  }
});

// Ready: the button was disabled until this listener was in place.
form.querySelector('button[type=submit]').disabled = false;

// How the analyst's pages speak to the API as somebody: the one place that
// knows about signing in. Today that is the admin token, typed once per
// browser tab (sessionStorage, shared with admin/devices.html); when the
// portal has users and cookie sessions, only this file changes.
import { api, ApiError } from '../js/api.js';

const kTokenKey = 'hall.adminToken';

function token() {
  return sessionStorage.getItem(kTokenKey) ?? '';
}

// The sign-in form over the page; resolves once a token is entered.
function askForToken(problem) {
  return new Promise((resolve) => {
    let form = document.getElementById('sign-in');
    if (!form) {
      form = document.createElement('form');
      form.id = 'sign-in';
      form.className = 'sign-in';
      form.innerHTML = `
        <div class="sign-in-box">
          <h2>业务分析 · 登录</h2>
          <label for="sign-in-token">管理员令牌</label>
          <input id="sign-in-token" type="password" autocomplete="off" required>
          <p class="sign-in-problem" hidden></p>
          <button type="submit" class="primary">进入</button>
        </div>`;
      document.body.append(form);
    }
    const text = form.querySelector('.sign-in-problem');
    text.textContent = problem ?? '';
    text.hidden = !problem;
    form.hidden = false;
    form.querySelector('input').focus();
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(kTokenKey, form.querySelector('input').value.trim());
      form.hidden = true;
      resolve();
    }, { once: true });
  });
}

// Resolves when the page may call the API.
export async function signIn() {
  if (!token()) await askForToken();
}

// api() as the signed-in analyst. A refused sign-in asks again and retries
// once; other errors reject with the ApiError.
export async function call(path, options = {}) {
  try {
    return await api(path, { ...options, authorization: `Bearer ${token()}` });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
    sessionStorage.removeItem(kTokenKey);
    await askForToken('令牌不正确，请重新输入');
    return api(path, { ...options, authorization: `Bearer ${token()}` });
  }
}

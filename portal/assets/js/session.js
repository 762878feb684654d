// Who is signed in, for the portal's pages: asks the server once per page
// (GET /api/v1/session), hands the session's CSRF token to api.js so every
// change carries it, and sends a visitor without a session to the sign-in
// page, coming back here afterwards.
import { api, ApiError, setCsrfToken } from './api.js';

let person = null;

// Resolves to {login, displayName, roles, department}; when nobody is
// signed in (or the session ended), goes to /login.html and never resolves.
export async function requirePerson() {
  if (person) return person;
  try {
    person = await api('/api/v1/session');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      const next = encodeURIComponent(location.pathname + location.search);
      location.assign(`/login.html?next=${next}`);
      return new Promise(() => {});
    }
    throw e;
  }
  setCsrfToken(person.csrfToken);
  return person;
}

export function hasRole(who, ...roles) {
  return roles.some((role) => who.roles.includes(role));
}

export async function signOut() {
  try {
    await api('/api/v1/session', { method: 'DELETE' });
  } finally {
    person = null;
    setCsrfToken('');
    location.assign('/login.html');
  }
}

// Fills a page header's person slot: name, roles, and a 退出 button.
export function showPerson(slot, who) {
  const labels = { clerk: '综窗人员', approver: '审批人员', manager: '中心管理员',
                   analyst: '业务分析员', admin: '系统管理员' };
  slot.replaceChildren();
  const name = document.createElement('span');
  name.className = 'person-name';
  name.textContent = `${who.displayName}(${who.roles.map((r) => labels[r] ?? r).join('、')})`;
  const out = document.createElement('button');
  out.type = 'button';
  out.className = 'person-out';
  out.textContent = '退出';
  out.addEventListener('click', () => signOut());
  slot.append(name, out);
}

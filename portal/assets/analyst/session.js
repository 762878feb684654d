// How the analyst's pages speak to the API as somebody: the portal's
// session (js/session.js) — a page without one goes to the sign-in page
// and comes back.
import { api, ApiError } from '../js/api.js';
import { requirePerson, showPerson } from '../js/session.js';

// Resolves when the page may call the API; shows who is signed in where
// the page has a #person slot.
export async function signIn() {
  const who = await requirePerson();
  const slot = document.getElementById('person');
  if (slot) showPerson(slot, who);
}

// api() as the signed-in analyst; a session that ended sends the page to
// the sign-in page again.
export async function call(path, options = {}) {
  try {
    return await api(path, options);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) location.reload();
    throw e;
  }
}
